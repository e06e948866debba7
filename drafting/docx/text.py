"""The one reader of a body's text: what a run says, tabs and breaks included, in NFC.

The guard, regenerate, diff and the preview all compare or show what a draft says;
they read it here so that they agree on w:tab, w:br and w:cr and on Unicode form.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from ..lang import nfc

__all__ = ["element_text", "run_text"]

_R, _T, _TAB, _BR, _CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_MEANING = {_TAB: "\t", _BR: "\n", _CR: "\n"}


def run_text(run) -> str:
    """The text of one w:r element: its w:t, a tab for w:tab, a line break for w:br and w:cr."""
    parts = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in _MEANING:
            parts.append(_MEANING[child.tag])
    return nfc("".join(parts))


def element_text(element) -> str:
    """The text of a paragraph, cell or table (every run inside it), NFC, without outer spaces."""
    return nfc("".join(run_text(run) for run in element.iter(_R))).strip()
