"""What docxtpl fills beyond the body, and what the engine refuses rather than write wrong.

docxtpl's ``render()`` (0.20) fills:

* the main part, found through the package's relationships (Word for the web may save it
  as word/document2.xml), then repairs its tables' grids (``fix_tables``) and numbers its
  pictures' ids (``wp:docPr``) from 1001; no other part's;
* every header and footer the main part relates to;
* every footnotes part, once for each section of the filled body (``render_footnotes``);
* six core properties: author, comments, identifier, language, subject and title.

Endnotes, comments and the other core properties it leaves as they are. The engine fills
the same, refuses a template with tags in its endnotes (docxtpl would leave them unfilled),
and refuses a draft whose parts refer to relationships their template part does not: those
come from docxtpl objects that add parts or relationships to the package they were made for
(InlineImage, Subdoc, a RichText link from ``build_url_id``), which drafting does not support.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from lxml import etree

from ..docx.package import write_core_properties
from ..errors import TemplateProblem

JINJA_MARK = re.compile(r"\{[{%#]")
_DOCX_ESCAPES = ("{_{", "}_}", "{_%", "%_}")
_LISTING_CHARS = ("\t", "\a", "\n", "\f")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_DOCPR = qn("wp:docPr")
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELATIONSHIP_PREFIX = re.compile(r'xmlns:([\w.-]+)="' + re.escape(_RELATIONSHIPS) + '"')

# python-docx's element classes (for schema-ordered edits), without dropping blank text.
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
_PARSER.set_element_class_lookup(element_class_lookup)


def patch_xml(xml: str) -> str:
    """docxtpl's own clean-up of a part's XML for Jinja (it uses nothing of its template object)."""
    return DocxTemplate.patch_xml(None, xml)


def main_part_name(document) -> str:
    """The name of the main part, as the package relationships give it ("word/document.xml")."""
    return str(document.part.partname).lstrip("/")


@dataclass(frozen=True)
class OtherPart:
    """A part docxtpl fills besides the main one: its name, XML text and how a message names it."""

    name: str
    xml: str
    label: str
    footnotes: bool = False


def _changed_by_docxtpl(xml: str) -> bool:
    """Whether filling ``xml`` can change it: tags, or what docxtpl rewrites after filling."""
    return bool(JINJA_MARK.search(patch_xml(xml))) or any(
        mark in xml for mark in _LISTING_CHARS + _DOCX_ESCAPES
    )


def other_parts(document, what: str) -> list[OtherPart]:
    """The headers, footers and footnotes docxtpl fills that filling can change; TemplateProblem
    for tags in endnotes, which docxtpl leaves unfilled."""
    found: list[OtherPart] = []
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER) or not rel.target_part.blob:
            continue
        xml = etree.tostring(etree.fromstring(rel.target_part.blob), encoding="unicode")
        name = str(rel.target_part.partname).lstrip("/")
        if _changed_by_docxtpl(xml) and name not in {part.name for part in found}:
            found.append(OtherPart(name, xml, f"phần đầu/chân trang {name}"))
    for part in document.part.package.iter_parts():
        name = str(part.partname).lstrip("/")
        if part.content_type == CT.WML_ENDNOTES and JINJA_MARK.search(patch_xml(_text(part.blob))):
            raise TemplateProblem(
                f"{what} có thẻ Jinja trong chú thích cuối văn bản (endnotes, {name}): docxtpl không điền "
                "phần này nên drafting cũng không; hãy đưa thẻ vào thân văn bản hoặc chú thích cuối trang"
            )
        if part.content_type == CT.WML_FOOTNOTES and _changed_by_docxtpl(xml := _text(part.blob)):
            found.append(OtherPart(name, xml, f"phần chú thích cuối trang {name}", footnotes=True))
    return found


def _text(blob: bytes) -> str:
    # docxtpl fills the footnotes part's own text (not python-docx's rewriting of it), less its
    # XML declaration, which the engine writes itself.
    return _XML_DECLARATION.sub("", blob.decode("utf-8"), count=1)


def finish_main(xml: str, what: str) -> str:
    """docxtpl's last steps on the filled main part: ``fix_tables``, then pictures' ids from 1001.

    docxtpl runs ``fix_tables`` on every body; here the tree is built only when a table might
    change (:func:`tables_may_change`) or there are pictures, as this runs for every draft.
    """
    fix = tables_may_change(xml)
    if not fix and "<wp:docPr" not in xml:
        return xml
    root = etree.fromstring(xml, _PARSER)
    if fix:
        try:
            root = DocxTemplate.fix_tables(None, etree.tostring(root, encoding="unicode"))
        except (AttributeError, KeyError, TypeError, ValueError):  # a table without w:tblGrid, a w:gridCol without w:w
            raise TemplateProblem(
                f"{what} có bảng thiếu lưới cột (w:tblGrid, w:gridCol): docxtpl không sửa được số cột "
                "của bảng đó; hãy mở mẫu bằng Word và lưu lại"
            ) from None
    for number, drawing in enumerate(root.iter(_DOCPR), start=1001):
        drawing.set("id", str(number))
    return etree.tostring(root, encoding="unicode")


_TABLE_TOKENS = re.compile(
    r"<(/?)(?:w:(tbl|tr|tc|gridCol|gridSpan|sdt|customXml|tblGridChange|tcPrChange)|mc:AlternateContent)(?=[\s/>])"
)
_SPAN = re.compile(r'\sw:val="(\d+)"')


def tables_may_change(xml: str) -> bool:
    """False only when docxtpl's ``fix_tables`` surely leaves every table as it is.

    It adds grid columns when a row has more cells than the grid, and drops them when no row,
    counting spans, fills the grid (a column loop, ``{#tc #}`` cells). It counts every row
    inside a table (a nested table's too) and only the cells directly in a row; so a nested
    table, and anything that can wrap a row or a cell or hold a second grid or span (content
    controls, custom XML, tracked changes), count as "may change". A scan of the tags, not a
    tree, as this runs for every draft.
    """
    tables: list[list[int]] = []  # per open table: [grid columns, rows, width of the current row]
    for match in _TABLE_TOKENS.finditer(xml) if "<w:tbl" in xml else ():
        closing, tag = match.groups()
        if tag == "tbl":
            if closing and (not tables or tables.pop()[1] == 0):
                return True  # a table without rows loses its grid
            if not closing and (tables or _empty(xml, match.end())):
                return True  # a table in a table, or an empty one
            if not closing:
                tables.append([0, 0, 0])
        elif closing:
            if tag == "tr" and tables and tables[-1][2] != tables[-1][0]:
                return True
        elif not tables:
            if tag in ("tr", "tc"):
                return True
        elif tag == "tc":
            tables[-1][2] += 1
        elif tag == "tr":
            if _empty(xml, match.end()):
                return True
            tables[-1][1] += 1
            tables[-1][2] = 0
        elif tag == "gridCol":
            tables[-1][0] += 1
        elif tag == "gridSpan":
            span = _SPAN.match(xml, match.end(), xml.find(">", match.end()))
            if span is None:
                return True
            tables[-1][2] += int(span[1]) - 1
        else:  # what may wrap a row or cell, or hold a second grid or span
            return True
    return bool(tables)


def _empty(xml: str, after: int) -> bool:
    """Whether the tag whose name ends at ``after`` is an empty element (<w:tr/>)."""
    return xml[xml.find(">", after) - 1] == "/"


class References:
    """The relationship ids a part's XML refers to (r:id, r:embed, ...), read from its template."""

    def __init__(self, template_xml: str):
        prefixes = sorted(set(_RELATIONSHIP_PREFIX.findall(template_xml)) | {"r"})
        # lxml and python-docx put one space before each attribute: a literal to search for is fast.
        self.pattern = re.compile(r" (?:" + "|".join(map(re.escape, prefixes)) + r'):\w+="([^"]*)"')
        self.known = frozenset(self.pattern.findall(template_xml))

    def check(self, xml: str, what: str, label: str) -> None:
        """TemplateProblem if the filled ``xml`` refers to a relationship its template does not."""
        unknown = set(self.pattern.findall(xml)) - self.known
        if unknown:
            raise TemplateProblem(
                f"{what} cho ra tham chiếu đến quan hệ {', '.join(sorted(unknown))} mà {label} của mẫu "
                "không có: dữ liệu có giá trị cần thêm quan hệ mới vào tệp Word (liên kết RichText tạo "
                "bằng build_url_id, ảnh InlineImage hay Subdoc của docxtpl), drafting không hỗ trợ"
            )


def check_footnotes(main_xml: str, footnotes: dict[str, str], what: str) -> None:
    """docxtpl fills footnotes once for each section of the filled body: with no section their
    tags stay, with several whatever the first filling made into a tag is filled again. The
    engine fills them once, so it refuses a draft where docxtpl would have done otherwise."""
    if not footnotes:
        return
    body = etree.fromstring(main_xml.encode("utf-8")).find(qn("w:body"))
    sections = len(body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr", namespaces=nsmap)) if body is not None else 0
    if sections == 0:
        raise TemplateProblem(f"{what} có thẻ Jinja trong chú thích cuối trang mà thân văn bản không có phần "
                              "(w:sectPr) nào: docxtpl không điền chú thích khi đó")
    for name, xml in footnotes.items():
        if sections > 1 and JINJA_MARK.search(patch_xml(xml)):
            raise TemplateProblem(
                f"{what} cho ra thẻ Jinja mới trong chú thích cuối trang {name} (từ dữ liệu có '{{{{', "
                "'{%' hay '{#'): docxtpl sẽ điền chú thích lại một lần nữa cho mỗi phần của văn bản"
            )


# docxtpl's render_properties: the core properties it fills as templates, in its order.
DOCXTPL_PROPERTIES = {"author": "tác giả", "comments": "ghi chú", "identifier": "mã định danh",
                      "language": "ngôn ngữ", "subject": "chủ đề", "title": "tiêu đề"}


class TemplateProperties:
    """The core properties docxtpl fills, compiled once: those with tags are filled per draft,
    the others keep what Jinja makes of them (their text, a final line break dropped)."""

    def __init__(self, env: jinja2.Environment, properties, what: str):
        self.what = what
        self.templates: dict[str, jinja2.Template] = {}
        self.fixed: dict[str, str] = {}
        for name, label in DOCXTPL_PROPERTIES.items():
            value = getattr(properties, name) or ""
            try:
                template = env.from_string(value)
            except jinja2.TemplateSyntaxError:
                raise TemplateProblem(f"{what} có thẻ Jinja sai cú pháp trong thuộc tính tài liệu "
                                      f"'{name}' ({label})") from None
            if JINJA_MARK.search(value):
                self.templates[name] = template
            elif template.render() != value:
                self.fixed[name] = template.render()

    def fill(self, core, context: dict, skip, problem: Callable[[jinja2.TemplateError], str]) -> None:
        """Fill a docProps/core.xml root but the properties in ``skip``, which drafting sets."""
        for name, label in DOCXTPL_PROPERTIES.items():
            if name in skip or (name not in self.templates and name not in self.fixed):
                continue
            try:
                value = self.templates[name].render(context) if name in self.templates else self.fixed[name]
            except jinja2.TemplateError as exc:
                raise TemplateProblem(f"{problem(exc)} (thuộc tính tài liệu '{name}' ({label}))") from None
            try:
                write_core_properties(core, {name: value})
            except ValueError:  # python-docx takes at most 255 characters
                raise TemplateProblem(f"{self.what} cho thuộc tính tài liệu '{name}' ({label}) dài quá 255 "
                                      "ký tự") from None
