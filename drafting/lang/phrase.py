"""A piece of generated text whose parts remember whether drafting computed them.

Computed figures (a ratio to last year, a rate worked out from its counts) are
written into the document with a character style of their own, so the preview
can highlight them after reading the rendered document back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import NamedTuple, Union


class Segment(NamedTuple):
    # A named tuple, not a dataclass: reports build hundreds of these per draft.
    text: str
    computed: bool = False


class Phrase:
    """An immutable sequence of segments; ``str()`` gives the plain text."""

    __slots__ = ("segments",)

    def __init__(self, segments: Iterable[Union[Segment, str]] = ()):
        parts: list[Segment] = []
        last = None
        for seg in segments:
            text, computed = (seg, False) if isinstance(seg, str) else seg
            if not text:
                continue
            if not text.isascii() and not unicodedata.is_normalized("NFC", text):
                text = unicodedata.normalize("NFC", text)
            # Merge neighbours of the same kind so the document gets as few runs as possible.
            if last is not None and last.computed == computed:
                last = parts[-1] = Segment(last.text + text, computed)
            else:
                last = Segment(text, computed)
                parts.append(last)
        self.segments: tuple[Segment, ...] = tuple(parts)

    def __add__(self, other: Union[Phrase, str]) -> Phrase:
        if isinstance(other, str):
            other = Phrase([other])
        return Phrase(self.segments + other.segments)

    def __str__(self) -> str:
        return "".join(s.text for s in self.segments)

    def __bool__(self) -> bool:
        return bool(self.segments)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Phrase):
            return self.segments == other.segments
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.segments)

    def __repr__(self) -> str:
        return f"Phrase({list(self.segments)!r})"

    def without(self, text: str) -> Phrase:
        """The phrase with the first ``text`` in its written (not computed) parts taken out."""
        segments = list(self.segments)
        for i, seg in enumerate(segments):
            if not seg.computed and text in seg.text:
                segments[i] = Segment(seg.text.replace(text, "", 1))
                return Phrase(segments)
        return self

    @staticmethod
    def join(separator: str, phrases: Iterable[Union[Phrase, str]]) -> Phrase:
        out: list[Segment] = []
        for i, p in enumerate(phrases):
            if i:
                out.append(Segment(separator))
            out.extend(p.segments if isinstance(p, Phrase) else [Segment(p)])
        return Phrase(out)
