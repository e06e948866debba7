"""Layout adjustments that depend on the rendered text.

A template cannot know how wide the issuing body's name will be, so after
rendering each short rule (an empty paragraph with a bottom border, recognised
by its style's name) is narrowed to 40% of the text above it (the rules allow
1/3 to 1/2) and centred, by setting its left and right indents.

This runs for every draft of a bulk run, so it works on the rendered XML text:
it finds the few rule paragraphs and the paragraphs just above them, and edits
only the rules' paragraph properties (through python-docx, so the schema's
element order is kept). Building a tree of the whole document would cost more
than everything else a draft needs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Emu, Mm, Pt
from docx.text.parfmt import ParagraphFormat
from lxml import etree

from ..lang import nfc
from . import styles as S
from .text_width import width_pt

RULE_SHARE = 0.4
TWIPS_PER_PT = 20
_DEFAULT_CELL_MARGIN_PT = 5.4  # Word's 0.19 cm left and right
_DEFAULT_SIZE_PT = 13.0
# A template whose section properties leave out the page size or margins (w:pgSz, w:pgMar):
# an A4 page with the margins of Decree 30/2020 (left 30 mm, right 20 mm, their usual values).
_A4_WIDTH = Mm(210)
_DEFAULT_LEFT_MARGIN = Mm(30)
_DEFAULT_RIGHT_MARGIN = Mm(20)
_END_P = "</w:p>"

_PSTYLE = re.compile(r'<w:pStyle w:val="([^"]*)"/>')
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_CELL_WIDTH = re.compile(r'<w:tcW\b[^>]*?\bw:w="(\d+)"')
_NAMESPACE_DECLARATION = re.compile(r'\sxmlns:\w+="[^"]*"')


@dataclass(frozen=True)
class StyleFacts:
    """What rule fitting needs from a template: which styles are rules, fonts, page width."""

    rule_style_ids: frozenset[str]
    fonts: dict  # style id -> (size in pt, bold)
    page_text_width_pt: float
    namespaces: str = ""  # the document's start tag, to parse a fragment of it
    rules: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = "|".join(re.escape(i) for i in sorted(self.rule_style_ids)) or "(?!)"
        object.__setattr__(self, "rules", re.compile(f'<w:pStyle w:val="(?:{ids})"/>'))

    @classmethod
    def of(cls, document: Document) -> StyleFacts:
        roles = S.roles_by_id(document.styles.element)
        fonts = {}
        for style in document.styles:
            font = getattr(style, "font", None)
            if font is not None:
                fonts[style.style_id] = (font.size.pt if font.size else _DEFAULT_SIZE_PT, bool(font.bold))
        start_tag = etree.tostring(document.element, encoding="unicode").split(">", 1)[0] + ">"
        rules = frozenset(sid for sid, role in roles.items() if role == S.RULE)
        return cls(rules, fonts, _text_width_pt(document), start_tag)


def _text_width_pt(document: Document) -> float:
    """The width between the margins of the last section; A4 for what the template leaves out."""
    sections = document.sections
    section = sections[-1] if len(sections) else None
    page = section.page_width if section is not None else None
    left = section.left_margin if section is not None else None
    right = section.right_margin if section is not None else None
    width = (
        (_A4_WIDTH if page is None else page)
        - (_DEFAULT_LEFT_MARGIN if left is None else left)
        - (_DEFAULT_RIGHT_MARGIN if right is None else right)
    )
    return Emu(width).pt


def _paragraph_start(xml: str, before: int) -> int:
    return max(xml.rfind("<w:p>", 0, before), xml.rfind("<w:p ", 0, before))


def _own_style(paragraph: str):
    """The paragraph style of one <w:p>...</w:p>, if its properties name one."""
    end = paragraph.find("</w:pPr>")
    match = _PSTYLE.search(paragraph, 0, end) if end >= 0 else None
    return match.group(1) if match else None


def _text_block_above(xml: str, start: int) -> tuple:
    """The paragraphs whose text the rule sits under: the run of same-styled ones before it."""
    style_id, texts = None, []
    end = start
    while xml.endswith(_END_P, 0, end):
        begin = _paragraph_start(xml, end - len(_END_P))
        paragraph = xml[begin:end]
        p_style = _own_style(paragraph)
        if style_id is None:
            style_id = p_style
        elif p_style != style_id:
            break
        # The rendered XML is read as text here (no tree: this runs for every draft of a bulk
        # run); what it reads is only the width of the words, so w:t alone is enough.
        texts.append(nfc(html.unescape("".join(_TEXT.findall(paragraph)))))
        end = begin
    return style_id, texts


def _container_width_pt(xml: str, start: int, facts: StyleFacts) -> float:
    cell = max(xml.rfind("<w:tc>", 0, start), xml.rfind("<w:tc ", 0, start))
    if cell > xml.rfind("</w:tc>", 0, start):
        width = _CELL_WIDTH.search(xml, cell, start)
        twips = int(width.group(1)) if width else 0
        return twips / TWIPS_PER_PT - 2 * _DEFAULT_CELL_MARGIN_PT
    return facts.page_text_width_pt


@lru_cache(maxsize=256)
def _indented(properties: str, indent_pt: float, start_tag: str) -> str:
    """``properties`` (a <w:pPr> element) with left and right indents set and no first-line indent."""
    p = parse_xml(f"{start_tag}<w:p>{properties}</w:p></w:document>")[0]
    fmt = ParagraphFormat(p)
    fmt.left_indent = Pt(indent_pt)
    fmt.right_indent = Pt(indent_pt)
    fmt.first_line_indent = Pt(0)
    text = etree.tostring(p.find(qn("w:pPr")), encoding="unicode")
    head, rest = text.split(">", 1)
    return _NAMESPACE_DECLARATION.sub("", head) + ">" + rest


def fit_short_rules(xml: str, facts: StyleFacts) -> str:
    """``xml`` (a rendered document part) with every short rule sized to the text above it."""
    out, done = [], 0
    for match in facts.rules.finditer(xml):
        start = _paragraph_start(xml, match.start())
        if start < done:
            continue
        end = xml.find(_END_P, match.end()) + len(_END_P)
        style_id, texts = _text_block_above(xml, start)
        if not texts or style_id is None:
            continue
        size, bold = facts.fonts.get(style_id, (_DEFAULT_SIZE_PT, False))
        container = _container_width_pt(xml, start, facts)
        text_width = min(max(width_pt(t, size, bold) for t in texts), container)
        rule = max(text_width * RULE_SHARE, 12.0)
        indent = max((container - rule) / 2, 0)
        paragraph = xml[start:end]
        props_start = paragraph.find("<w:pPr>")
        props_end = paragraph.find("</w:pPr>") + len("</w:pPr>")
        if props_start < 0 or props_end < len("</w:pPr>"):
            continue
        properties = _indented(paragraph[props_start:props_end], indent, facts.namespaces)
        out += [xml[done:start], paragraph[:props_start], properties, paragraph[props_end:]]
        done = end
    out.append(xml[done:])
    return "".join(out)
