"""Layout adjustments that depend on the rendered text.

A template cannot know how wide the issuing body's name will be, so after
rendering each short rule (an empty paragraph with a bottom border, recognised
by its style's name) is narrowed to 40% of the text above it (the rules allow
1/3 to 1/2) and centred, by setting its left and right indents.

This works on the rendered XML tree with facts read once from the template,
because it runs for every draft of a bulk run.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.parfmt import ParagraphFormat

from . import styles as S
from .text_width import width_pt

RULE_SHARE = 0.4
TWIPS_PER_PT = 20
_DEFAULT_CELL_MARGIN_PT = 5.4  # Word's 0.19 cm left and right
_DEFAULT_SIZE_PT = 13.0

_P, _PPR, _PSTYLE, _TC, _TCPR, _TCW, _T = (
    qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:tc", "w:tcPr", "w:tcW", "w:t")
)
_VAL, _W = qn("w:val"), qn("w:w")


@dataclass(frozen=True)
class StyleFacts:
    """What rule fitting needs from a template: which styles are rules, fonts, page width."""

    rule_style_ids: frozenset[str]
    fonts: dict  # style id -> (size in pt, bold)
    page_text_width_pt: float

    @classmethod
    def of(cls, document: Document) -> "StyleFacts":
        roles = S.roles_by_id(document.styles.element)
        fonts = {}
        for style in document.styles:
            font = getattr(style, "font", None)
            if font is not None:
                fonts[style.style_id] = (font.size.pt if font.size else _DEFAULT_SIZE_PT, bool(font.bold))
        section = document.sections[-1]
        width = Emu(section.page_width - section.left_margin - section.right_margin).pt
        return cls(frozenset(sid for sid, role in roles.items() if role == S.RULE), fonts, width)


def _style_id(p) -> str | None:
    ppr = p.find(_PPR)
    style = ppr.find(_PSTYLE) if ppr is not None else None
    return style.get(_VAL) if style is not None else None


def _text_block_above(p) -> tuple:
    """The paragraphs whose text the rule sits under: the run of same-styled ones before it."""
    block = []
    prev = p.getprevious()
    style_id = None
    while prev is not None and prev.tag == _P:
        p_style = _style_id(prev)
        if style_id is None:
            style_id = p_style
        elif p_style != style_id:
            break
        block.append(prev)
        prev = prev.getprevious()
    return style_id, block


def _container_width_pt(p, facts: StyleFacts) -> float:
    tc = p.getparent()
    if tc.tag == _TC:
        tc_pr = tc.find(_TCPR)
        tc_w = tc_pr.find(_TCW) if tc_pr is not None else None
        width = int(tc_w.get(_W)) / TWIPS_PER_PT if tc_w is not None else 0
        return width - 2 * _DEFAULT_CELL_MARGIN_PT
    return facts.page_text_width_pt


def fit_short_rules(body, facts: StyleFacts) -> None:
    """Size every short rule under ``body`` to the text above it.

    ``body`` must come from python-docx's element classes (see engine.parse_part),
    so that new properties go in the order the schema requires.
    """
    if not facts.rule_style_ids:
        return
    for style in list(body.iter(_PSTYLE)):
        if style.get(_VAL) not in facts.rule_style_ids:
            continue
        p = style.getparent().getparent()
        style_id, block = _text_block_above(p)
        if not block or style_id is None:
            continue
        size, bold = facts.fonts.get(style_id, (_DEFAULT_SIZE_PT, False))
        container = _container_width_pt(p, facts)
        text_width = max(width_pt("".join(t.text or "" for t in q.iter(_T)), size, bold) for q in block)
        text_width = min(text_width, container)
        rule = max(text_width * RULE_SHARE, 12.0)
        indent = max((container - rule) / 2, 0)
        fmt = ParagraphFormat(p)
        fmt.left_indent = Pt(indent)
        fmt.right_indent = Pt(indent)
        fmt.first_line_indent = Pt(0)
