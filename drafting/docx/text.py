"""The one reader of a body's text: what a run says, tabs and breaks included, in NFC.

The guard, regenerate, diff and the preview all compare or show what a draft says;
they read it here so that they agree on w:tab, w:br and w:cr and on Unicode form.
What keeps a code or a number with its unit on one line (drafting/lang/typography.py: a
non-breaking hyphen, as U+2011 or Word's w:noBreakHyphen, and a no-break space) reads as
the plain "-" and " ", so the text is the same as a draft written without them.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from ..lang import nfc
from ..lang.typography import plain

__all__ = ["element_text", "run_text"]

_R, _T, _TAB, _BR, _CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_MEANING = {_TAB: "\t", _BR: "\n", _CR: "\n", qn("w:noBreakHyphen"): "-"}


def run_text(run) -> str:
    """The text of one w:r element: its w:t, a tab for w:tab, a line break for w:br and w:cr,
    "-" for w:noBreakHyphen; non-breaking hyphens and no-break spaces as "-" and " "."""
    parts = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in _MEANING:
            parts.append(_MEANING[child.tag])
    return plain(nfc("".join(parts)))


def element_text(element) -> str:
    """The text of a paragraph, cell or table (every run inside it), NFC, without outer spaces."""
    return nfc("".join(run_text(run) for run in element.iter(_R))).strip()
