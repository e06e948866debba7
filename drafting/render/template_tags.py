"""A Word template's Jinja tags as docxtpl reads them, each with the paragraph it stands in.

docxtpl joins the runs a tag is split into, straightens Word's curly quotes inside it and,
for a ``{%p``, ``{%tr`` or ``{%tc`` tag, puts the tag in place of its whole paragraph, row or
cell. Here the tags are read from each paragraph's text (its runs joined), the paragraphs
numbered in document order with the table cell each stands in, so that a checker can say
where a tag is ("đoạn 12 (bảng 2, hàng 3, ô 1)", "đầu trang") and quote the text around it.

Also here, for the engine and the checker alike: reading and opening a template, and
Jinja's syntax errors in Vietnamese.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from ..docx import styles as S
from ..errors import TemplateProblem

__all__ = ["Paragraph", "Tag", "TemplateTags", "excerpt", "jinja_syntax", "open_document", "read_tags",
           "template_bytes"]

_P, _T, _TC, _TR, _TBL, _PSTYLE = (qn(t) for t in ("w:p", "w:t", "w:tc", "w:tr", "w:tbl", "w:pStyle"))
_OPENING = re.compile(r"\{([{%#])")
_CLOSING = {"{": "}}", "%": "%}", "#": "#}"}
_PREFIX = re.compile(r"\{[{%#](tr|tc|p|r) ")  # docxtpl's, followed by a space as docxtpl requires
_KEYWORD = re.compile(r"\{%[-+]?\s*(\w*)")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})  # as docxtpl straightens them
_PARTS = {RT.HEADER: "đầu trang", RT.FOOTER: "chân trang"}
EXCERPT_CHARS = 40
TAG_CHARS = 60


def template_bytes(path: Path) -> bytes:
    """The bytes of the template at ``path``; TemplateProblem if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TemplateProblem(f"không đọc được mẫu {path}: {exc.strerror}") from None


def open_document(raw: bytes, path: Path):
    """The template ``raw`` (read from ``path``) opened by python-docx; TemplateProblem if it is no .docx."""
    try:
        return Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise TemplateProblem(f"không mở được mẫu {path}: không phải tệp Word .docx hợp lệ ({exc})") from None


# Jinja's syntax errors, in Vietnamese: (pattern of Jinja's message, what to say of it).
_TOKENS = {"end of print statement": "cuối thẻ", "end of statement block": "cuối thẻ", "name": "một tên"}
_SYNTAX: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern), text) for pattern, text in (
    (r"^Unexpected end of template.*innermost block that needs to be closed is '(\w+)'",
     "thẻ {1} không được đóng"),
    (r"^Encountered unknown tag '(.+?)'", "không có thẻ {1}"),
    (r"^(?:unexpected|Expected an expression, got) 'end of (?:print statement|statement block)'",
     "thiếu biểu thức"),
    (r"^expected token 'end of (?:print statement|statement block)', got '(.+?)'",
     "thừa {1} (thẻ lẽ ra kết thúc ở đây)"),
    (r"^expected token '(.+?)', got '(.+?)'", "cần {1} nhưng gặp {2}"),
    (r"^unexpected '(.+?)', expected '(.+?)'", "gặp {1} khi còn thiếu {2}"),
    (r"^unexpected char (?:\"'\"|'\"') at", "chuỗi chữ thiếu dấu nháy đóng"),
    (r"^unexpected char (['\"])(.+?)\1 at", "có ký tự {2} không dùng được"),
    (r"^unexpected '(.+?)'", "{1} không đúng chỗ"),
    (r"^tag name expected", "thiếu tên thẻ"),
    (r"^expected name or number", "sau dấu chấm phải là một tên"),
))


def jinja_syntax(message: str) -> str:
    """Jinja's message for a syntax error, in Vietnamese ("thiếu biểu thức"); for a message
    drafting does not know, Jinja's own words, quoted."""
    for pattern, text in _SYNTAX:
        found = pattern.search(message)
        if found:
            return text.format(None, *(_TOKENS.get(g, f"'{g}'") for g in found.groups()))
    return f"Jinja báo “{message.rstrip('.')}”"


def excerpt(text: str, start: int, end: int, width: int = EXCERPT_CHARS) -> str:
    """About ``width`` characters of ``text`` around ``text[start:end]``, "…" where it is cut."""
    if len(text) <= width:
        return text
    if end - start >= width:
        left, right = start, start + width - 1
    else:
        left = max(0, start - (width - (end - start)) // 2)
        right = min(len(text), left + width)
        left = max(0, right - width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a template, and where it stands."""

    order: int  # 0-based, in document order across the body, then the headers and footers
    part: str  # "" in the body; "đầu trang" or "chân trang"
    number: int  # 1-based, in document order among its part's paragraphs (those in tables too)
    text: str  # its runs' text, joined as docxtpl joins a tag's runs
    cell: Optional[tuple[int, int, int]]  # table, row and cell (1-based) of the innermost cell holding it
    parent: int  # the element holding it (the body, a cell, a header...), as a number
    row: Optional[int]  # the innermost table row holding it, as a number
    cell_id: Optional[int]  # the innermost cell holding it, as a number
    table: Optional[int]  # the innermost table holding it, as a number
    role: Optional[str]  # the drafting role of its style (drafting.docx.styles), if it has one

    @property
    def where(self) -> str:
        """"đoạn 12 (bảng 2, hàng 3, ô 1)", or "đầu trang" in a header."""
        where = self.part or f"đoạn {self.number}"
        return where + (" (bảng {}, hàng {}, ô {})".format(*self.cell) if self.cell else "")

    def place(self, start: int, end: int) -> str:
        """Where the paragraph is, and its text around ``text[start:end]``."""
        return f"{self.where} “{excerpt(self.text, start, end)}”"


@dataclass(frozen=True)
class Tag:
    """A Jinja tag ({{ }}, {% %} or {# #}) in a paragraph's text."""

    paragraph: Paragraph
    start: int
    end: int  # the end of the paragraph's text for a tag not closed in it
    prefix: str  # docxtpl's "p", "tr", "tc" or "r"; "" for a plain Jinja tag
    source: str  # what Jinja is given: docxtpl's prefix dropped, Word's curly quotes straightened

    @property
    def kind(self) -> str:
        return self.source[:2]

    @property
    def keyword(self) -> str:
        """A statement's first word ("if", "endfor", "colspan"); "" for {{ }} and {# #}."""
        found = _KEYWORD.match(self.source)
        return found[1] if found else ""

    @property
    def trims(self) -> bool:
        """Whether the tag has Jinja's "-" whitespace control, with which docxtpl joins paragraphs."""
        return self.source[2:3] == "-" or self.source[-3:-2] == "-"

    @property
    def shown(self) -> str:
        """The tag as written, shortened."""
        text = self.paragraph.text[self.start:self.end].strip()
        return text if len(text) <= TAG_CHARS else text[:TAG_CHARS - 1] + "…"

    @property
    def place(self) -> str:
        return self.paragraph.place(self.start, self.end)


@dataclass(frozen=True)
class TemplateTags:
    """What a template holds for a checker: its tags, paragraphs, styles and title."""

    parts: tuple[tuple[Tag, ...], ...]  # per templated XML part, the body first: its whole tags, in order
    unclosed: tuple[Tag, ...]  # openings ("{{", "{%", "{#") not closed in their paragraph
    paragraphs: tuple[Paragraph, ...]
    styles: frozenset[str]  # the roles of the styles the template defines (recognised by name)
    title: str  # the core property "title"


def read_tags(document) -> TemplateTags:
    """The tags of ``document`` (opened by python-docx), its body first, then its headers and footers."""
    roles = S.roles_by_id(document.styles.element)
    roots = [("", document.element.body)]
    rels = sorted(document.part.rels.values(), key=lambda rel: str(rel.target_ref))
    roots += [(_PARTS[rel.reltype], rel.target_part.element) for rel in rels
              if not rel.is_external and rel.reltype in _PARTS]
    numbers: dict = {}
    paragraphs: list[Paragraph] = []
    parts, unclosed = [], []
    for part, root in roots:
        found = _paragraphs(root, part, len(paragraphs), numbers, roles)
        paragraphs += found
        tags: list[Tag] = []
        for paragraph in found:
            unclosed += _tags(paragraph, tags)
        parts.append(tuple(tags))
    return TemplateTags(tuple(parts), tuple(unclosed), tuple(paragraphs),
                        frozenset(roles.values()), document.core_properties.title or "")


def _paragraphs(root, part: str, first: int, numbers: dict, roles: dict[str, str]) -> list[Paragraph]:
    """The paragraphs under ``root``; ``numbers`` numbers elements uniquely across the template."""
    def number(element) -> Optional[int]:
        return None if element is None else numbers.setdefault(element, len(numbers))

    texts: dict = {}
    for t in root.iter(_T):
        texts.setdefault(next(t.iterancestors(_P), None), []).append(t.text or "")
    tables = {table: n for n, table in enumerate(root.iter(_TBL), start=1)}
    index = _positions(root, _TR, _TBL) | _positions(root, _TC, _TR)
    out = []
    for n, p in enumerate(root.iter(_P), start=1):
        tc, tr, tbl = (next(p.iterancestors(tag), None) for tag in (_TC, _TR, _TBL))
        cell = (tables[tbl], index[tr], index[tc]) if tc is not None and tr is not None and tbl is not None else None
        style = p.find(f"{qn('w:pPr')}/{_PSTYLE}")
        role = roles.get(style.get(qn("w:val"))) if style is not None else None
        parent = numbers.setdefault(p.getparent(), len(numbers))
        out.append(Paragraph(first + n - 1, part, n, "".join(texts.get(p, ())), cell, parent,
                             number(tr), number(tc), number(tbl), role))
    return out


def _positions(root, child: str, parent: str) -> dict:
    """The 1-based position of each ``child`` element among those of its innermost ``parent``."""
    counts: dict = {}
    positions = {}
    for element in root.iter(child):
        holder = next(element.iterancestors(parent), None)
        counts[holder] = positions[element] = counts.get(holder, 0) + 1
    return positions


def _tags(paragraph: Paragraph, tags: list[Tag]) -> list[Tag]:
    """Adds the paragraph's whole tags to ``tags``; returns the opening left unclosed, if any."""
    text, at = paragraph.text, 0
    while (opening := _OPENING.search(text, at)) is not None:
        close = text.find(_CLOSING[opening[1]], opening.end())
        if close < 0:
            return [_tag(paragraph, opening.start(), len(text))]
        tags.append(_tag(paragraph, opening.start(), close + 2))
        at = close + 2
    return []


def _tag(paragraph: Paragraph, start: int, end: int) -> Tag:
    written = paragraph.text[start:end]
    prefix = _PREFIX.match(written)
    source = written[:2] + written[2 + len(prefix[1]):] if prefix else written
    return Tag(paragraph, start, end, prefix[1] if prefix else "", source.translate(_QUOTES))
