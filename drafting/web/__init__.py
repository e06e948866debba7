"""The local web page (``drafting serve``): app, API and page routes, guard, templates, static files.

At the level of the command line: it calls the library, and nothing below imports it.
"""
