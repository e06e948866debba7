"""A draft's body as blocks (paragraphs and tables) with their text, for comparing versions.

The text is what a reader sees (runs' text, tabs and breaks), NFC and trimmed, so
that a draft saved again by Word or LibreOffice, which split and rename runs and
styles freely, reads the same as the one drafting wrote.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Optional

from docx.oxml.ns import qn

from .._pairing import likeness, pair_in_order
from .text import element_text

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR = qn("w:t"), qn("w:tab"), qn("w:br")
_NUMBER = re.compile(r"\d[\d.,]*")


@dataclass
class Block:
    kind: str  # "p" or "t"
    element: Any  # an lxml element (w:p or w:tbl)
    text: str

    @property
    def cells(self) -> list[list]:
        return [row.findall(_TC) for row in self.element.findall(_TR)] if self.kind == "t" else []

    @property
    def shape(self) -> tuple:
        return tuple(len(row) for row in self.cells)

    def masked(self) -> tuple:
        # The same generated sentence with other figures: the key that pairs old and new renders.
        if self.kind == "t":
            return ("t", self.shape)
        return ("p", _NUMBER.sub("#", self.text))


def blocks(body) -> list[Block]:
    out = []
    for child in body:
        if child.tag == _P:
            out.append(Block("p", child, element_text(child)))
        elif child.tag == _TBL:
            cells = [element_text(tc) for row in child.findall(_TR) for tc in row.findall(_TC)]
            out.append(Block("t", child, "\x1f".join(cells)))
    return out


def pair(old: list[Block], new: list[Block], masked: bool) -> dict[int, Optional[int]]:
    """For each block of ``old``, the index of the same block in ``new`` (None: gone).

    Blocks equal by key pair directly; inside a replaced stretch, each old block takes
    the most alike new block of its kind still free, in order, if alike enough.
    """
    keys_old = [b.masked() if masked else (b.kind, b.text) for b in old]
    keys_new = [b.masked() if masked else (b.kind, b.text) for b in new]
    out: dict[int, Optional[int]] = {}
    matcher = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.update({i1 + k: j1 + k for k in range(i2 - i1)})
            continue

        def score(i: int, j: int, i1: int = i1, j1: int = j1) -> float:
            a, b = old[i1 + i], new[j1 + j]
            if a.kind != b.kind:
                return 0.0
            return 1.0 if masked and a.kind == "t" else likeness(a.text, b.text)

        paired = pair_in_order(i2 - i1, j2 - j1, score)
        out.update({i1 + i: None if j is None else j1 + j for i, j in enumerate(paired)})
    return out


def same_text(pristine_body, current_body) -> bool:
    """Whether a draft still says exactly what drafting wrote."""
    return [(b.kind, b.text) for b in blocks(pristine_body)] == [(b.kind, b.text) for b in blocks(current_body)]
