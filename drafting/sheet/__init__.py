"""The indicator sheet: reading YAML with positions, the models, the catalogue, the rules.

Flow: ``yaml_source`` (text -> data with line/column of every key) -> ``models``
(pydantic, ``extra="forbid"``) -> ``rules`` and ``consistency`` (checks across
fields) -> ``indicators`` (each figure resolved against the ``catalogue``) ->
``loading`` (all of it, every problem reported at once). ``vocabulary`` holds the
words of the format; ``digest`` the hash of a sheet's content.
Each module's ``__all__`` is its public part; names with a leading underscore are private.
"""
