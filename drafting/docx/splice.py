"""New figures written into a clerk's paragraph without touching its formatting.

When a clerk made a paragraph bold, highlighted a figure or hung a comment on it but
did not change its words, regenerate must not replace the paragraph with the new
render (that loses all three). Instead the characters that differ between the old
and the new text are changed inside the clerk's own runs: a run keeps its
properties, and comment marks between runs stay where they were.
"""

from __future__ import annotations

import difflib
from typing import Any, NamedTuple, Optional

from docx.oxml.ns import qn

from ..lang import nfc

__all__ = ["raw_text", "splice_text"]

_R, _T, _TAB, _BR, _CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MARKS = {_TAB: "\t", _BR: "\n", _CR: "\n"}


class _Slot(NamedTuple):
    element: Any  # a w:t, or a w:tab / w:br / w:cr (which cannot take other text)
    start: int
    text: str


def _slots(element) -> list[_Slot]:
    out, at = [], 0
    for run in element.iter(_R):
        for child in run:
            if child.tag == _T:
                text = nfc(child.text or "")
            elif child.tag in _MARKS:
                text = _MARKS[child.tag]
            else:
                continue
            out.append(_Slot(child, at, text))
            at += len(text)
    return out


def raw_text(element) -> str:
    """Every character of the element's runs, unstripped (tabs and breaks as \\t and \\n)."""
    return "".join(slot.text for slot in _slots(element))


def splice_text(element, new_text: str) -> bool:
    """Make ``element`` (a paragraph or a cell) say ``new_text``, editing only the characters
    that differ, inside the runs that hold them. False (and nothing changed) when an edit
    would have to change a tab or a break, or there is no run to put the text in."""
    slots = _slots(element)
    old_text = "".join(slot.text for slot in slots)
    edits = [op for op in difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).get_opcodes()
             if op[0] != "equal"]
    if not edits:
        return True
    texts = {id(s.element): s.text for s in slots if s.element.tag == _T}
    for _, i1, i2, j1, j2 in reversed(edits):  # from the end, so earlier offsets hold
        if not _apply(slots, texts, i1, i2, new_text[j1:j2]):
            return False
    for slot in slots:
        if slot.element.tag == _T and texts[id(slot.element)] != slot.text:
            slot.element.text = texts[id(slot.element)]
            slot.element.set(_SPACE, "preserve")
    return True


def _owner(slots: list[_Slot], at: int) -> Optional[int]:
    """The index of the w:t slot where a change at offset ``at`` goes."""
    for i, slot in enumerate(slots):
        if slot.start <= at < slot.start + len(slot.text) or (at == slot.start + len(slot.text) and
                                                              (i + 1 == len(slots) or slots[i + 1].start > at)):
            return i if slot.element.tag == _T else None
    # At the very start of an empty stretch: the first text slot at or after ``at``.
    return next((i for i, s in enumerate(slots) if s.start >= at and s.element.tag == _T), None)


def _apply(slots: list[_Slot], texts: dict, i1: int, i2: int, replacement: str) -> bool:
    first = _owner(slots, i1)
    if first is None:
        return False
    covered = [s for s in slots if s.start < i2 and s.start + len(s.text) > i1]
    if any(s.element.tag != _T for s in covered):
        return False  # a tab or a break would change
    head = slots[first]
    current = texts[id(head.element)]
    local = i1 - head.start
    take = min(i2, head.start + len(head.text)) - i1
    texts[id(head.element)] = current[:local] + replacement + current[local + max(take, 0):]
    for slot in covered:
        if slot is head:
            continue
        text = texts[id(slot.element)]
        cut_from, cut_to = max(i1, slot.start) - slot.start, min(i2, slot.start + len(slot.text)) - slot.start
        texts[id(slot.element)] = text[:cut_from] + text[cut_to:]
    return True
