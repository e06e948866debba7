"""Layout adjustments that depend on the rendered text.

A template cannot know how wide the issuing body's name will be, so after
rendering each short rule (style BCGachNgan, an empty paragraph with a bottom
border) is narrowed to 40% of the text above it (the rules allow 1/3 to 1/2)
and centred, by setting its left and right indents.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

from . import styles as S
from .text_width import width_pt

RULE_SHARE = 0.4
TWIPS_PER_PT = 20
_DEFAULT_CELL_MARGIN_PT = 5.4  # Word's 0.19 cm left and right


def _style_font(document: Document, style_id: str) -> tuple[float, bool]:
    style = next(s for s in document.styles if s.style_id == style_id)
    size = style.font.size.pt if style.font.size else 13.0
    return size, bool(style.font.bold)


def _text_block_above(paragraph) -> tuple:
    """The paragraphs whose text the rule sits under: the run of same-styled ones before it."""
    block = []
    prev = paragraph._p.getprevious()
    style_id = None
    while prev is not None and prev.tag == qn("w:p"):
        p_style = prev.pPr.pStyle.val if prev.pPr is not None and prev.pPr.pStyle is not None else None
        if style_id is None:
            style_id = p_style
        elif p_style != style_id:
            break
        block.append(prev)
        prev = prev.getprevious()
    return style_id, block


def _container_width_pt(paragraph, document: Document) -> float:
    tc = paragraph._p.getparent()
    if tc.tag == qn("w:tc"):
        tc_w = tc.tcPr.find(qn("w:tcW")) if tc.tcPr is not None else None
        width = int(tc_w.get(qn("w:w"))) / TWIPS_PER_PT if tc_w is not None else 0
        return width - 2 * _DEFAULT_CELL_MARGIN_PT
    section = document.sections[-1]
    return Emu(section.page_width - section.left_margin - section.right_margin).pt


def fit_short_rules(document: Document) -> None:
    for paragraph in _all_paragraphs(document):
        if paragraph.style is None or S.ROLE_BY_NAME.get(paragraph.style.name) != S.RULE:
            continue
        style_id, block = _text_block_above(paragraph)
        if not block or style_id is None:
            continue
        size, bold = _style_font(document, style_id)
        container = _container_width_pt(paragraph, document)
        text_width = max(width_pt("".join(t.text or "" for t in p.iter(qn("w:t"))), size, bold) for p in block)
        text_width = min(text_width, container)
        rule = max(text_width * RULE_SHARE, 12.0)
        indent = max((container - rule) / 2, 0)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Pt(indent)
        fmt.right_indent = Pt(indent)
        fmt.first_line_indent = Pt(0)


def _all_paragraphs(document: Document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
