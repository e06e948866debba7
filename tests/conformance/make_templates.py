"""Build the conformance templates: small .docx files covering what docxtpl does.

docxtpl's own test templates are not available offline (its sdist on PyPI has
none), so this script builds, with python-docx and lxml, one small template per
feature docxtpl supports, each with the context it is filled with. The engine
(drafting/render/engine.py) must fill each exactly as plain docxtpl does, or
refuse it with a TemplateProblem naming what it does not support
(tests/test_conformance.py). The .docx files are committed beside this script;
running it again gives the same bytes:

    python3 tests/conformance/make_templates.py
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, Listing, RichText
from lxml import etree

from drafting.docx.package import write_core_properties

HERE = Path(__file__).resolve().parent
_WHEN = datetime(2026, 1, 1)


@dataclass(frozen=True)
class Case:
    """A conformance template: how to build it, what to fill it with, and, if the engine refuses
    it, the words its refusal must contain (None: the engine fills it exactly as docxtpl does);
    ``needs`` names a module docxtpl needs for the context (its Subdoc needs docxcompose)."""

    name: str
    build: Callable[[], bytes]
    context: Callable[[DocxTemplate], dict]
    refused: Optional[str] = None
    needs: Optional[str] = None

    @property
    def path(self) -> Path:
        return HERE / f"{self.name}.docx"


# --- Helpers ----------------------------------------------------------------------------


def _png(width: int = 4, height: int = 3) -> bytes:
    """A small opaque red PNG, written by hand so that its bytes never change."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def _document():
    doc = Document()
    write_core_properties(doc.core_properties._element, {  # right even where docxcompose rebinds "cp"
        "author": "drafting conformance", "last_modified_by": "drafting conformance", "created": _WHEN,
        "modified": _WHEN, "revision": 1, "title": "Mẫu thử"})
    return doc


def _save(doc) -> bytes:
    """The package's bytes, with fixed zip timestamps (zipfile's own would be the clock's)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            target.writestr(info, source.read(name))
    return out.getvalue()


def _runs(paragraph, *texts: str):
    """A paragraph whose text is split into runs as Word splits it (a tag over several runs)."""
    for text in texts:
        paragraph.add_run(text)
    return paragraph


def _cell_runs(cell, *texts: str) -> None:
    _runs(cell.paragraphs[0], *texts)


def _table(doc, rows: list[list[str]]):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def _notes_part(doc, kind: str, texts: list[list[str]]) -> None:
    """A footnotes or endnotes part (kind "footnote"/"endnote"), its relationship and a mark in
    the body for each note; each note's text is given as the runs it is split into."""
    root = etree.fromstring(f"<w:{kind}s {nsdecls('w', 'r')}/>")
    for number, kind_type in ((-1, "separator"), (0, "continuationSeparator")):
        note = etree.SubElement(root, qn(f"w:{kind}"), {qn("w:type"): kind_type, qn("w:id"): str(number)})
        etree.SubElement(etree.SubElement(etree.SubElement(note, qn("w:p")), qn("w:r")), qn(f"w:{kind_type}"))
    for number, runs in enumerate(texts, start=1):
        note = etree.SubElement(root, qn(f"w:{kind}"), {qn("w:id"): str(number)})
        paragraph = etree.SubElement(note, qn("w:p"))
        etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn(f"w:{kind}Ref"))
        for text in runs:
            t = etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:t"))
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = text
        mark = doc.add_paragraph(f"Đoạn có chú thích {number}").add_run()._r
        mark.append(OxmlElement(f"w:{kind}Reference", {qn("w:id"): str(number)}))
    content_type, reltype = (CT.WML_FOOTNOTES, RT.FOOTNOTES) if kind == "footnote" else (CT.WML_ENDNOTES, RT.ENDNOTES)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, blob, doc.part.package)
    doc.part.relate_to(part, reltype)


# --- The templates ------------------------------------------------------------------------


def plain() -> bytes:
    doc = _document()
    doc.add_paragraph("Kính gửi: {{ noi_nhan }}")
    doc.add_paragraph("Đơn vị {{ don_vi }} có {{ so }} cán bộ; {{ so * 2 }} lượt & <hai> ký hiệu.")
    doc.add_paragraph("Ngoặc nhọn giữ nguyên: {_{ khong_phai_the }_} và {_% cung_vay %_}.")
    _runs(doc.add_paragraph(), "Thẻ bị Word tách: {", "{ don", "_vi }", "}.")
    return _save(doc)


def escaping() -> bytes:
    doc = _document()
    doc.add_paragraph("Tên: {{ ten }}")
    doc.add_paragraph("So sánh: {{ a }} {% if so < 10 %}nhỏ hơn{% else %}lớn hơn{% endif %} 10")
    return _save(doc)


def paragraphs() -> bytes:
    doc = _document()
    doc.add_paragraph("{%p if co_mo_dau %}")
    doc.add_paragraph("Mở đầu: {{ mo_dau }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p for y in nhiem_vu %}")
    doc.add_paragraph("{{ loop.index }}. {{ y }}{{ ';' if not loop.last else '.' }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{#p Ghi chú của người soạn mẫu, không in ra #}")
    doc.add_paragraph("Cuối: {%- if co_mo_dau %} có mở đầu{% endif -%} .")
    return _save(doc)


def table_rows() -> bytes:
    doc = _document()
    _table(doc, [
        ["STT", "Chỉ tiêu", "Giá trị"],
        ["{%tr for d in dong %}", "", ""],
        ["{{ loop.index }}", "{{ d.ten }}", "{{ d.gia_tri }}"],
        ["{%tr endfor %}", "", ""],
        ["", "Tổng", "{{ tong }}"],
    ])
    return _save(doc)


def table_columns() -> bytes:
    doc = _document()
    table = doc.add_table(rows=2, cols=4)
    for row, (label, value) in enumerate((("Tên", "{{ c }}"), ("Độ dài", "{{ c|length }}"))):
        for col, text in enumerate((label, "{%tc for c in cot %}", value, "{%tc endfor %}")):
            table.cell(row, col).text = text
    return _save(doc)


def table_columns_split_runs() -> bytes:
    """The column loop's tags split over runs as Word splits them: the raw XML has no '{%tc'."""
    doc = _document()
    table = doc.add_table(rows=2, cols=4)
    for row, (label, value) in enumerate((("Tên", "{{ c }}"), ("Độ dài", "{{ c|length }}"))):
        table.cell(row, 0).text = label
        _cell_runs(table.cell(row, 1), "{", "%tc for c in cot", " %}")
        table.cell(row, 2).text = value
        _cell_runs(table.cell(row, 3), "{%", "tc end", "for %}")
    return _save(doc)


def table_comments() -> bytes:
    """{#tc #} and {#tr #} take cells and rows out: a grid of six columns keeps rows of four."""
    doc = _document()
    _table(doc, [
        ["A", "{#tc cột ẩn #}", "B", "{#tc cột ẩn nữa #}", "C", "D"],
        ["{#tr hàng ghi chú #}", "", "", "", "", ""],
        ["{{ a }}", "{#tc x #}", "{{ b }}", "{#tc y #}", "{{ c }}", "{{ d }}"],
    ])
    return _save(doc)


def table_merges() -> bytes:
    """docxtpl's cell tags: colspan, cellbg, vertical (vm) and horizontal (hm) merges."""
    doc = _document()
    _table(doc, [
        ["{% colspan so_cot %}{% cellbg mau %}Tiêu đề gộp", "", "", "", ""],
        ["{%tr for d in dong %}", "", "", "", ""],
        ["{% vm %}{{ nhom }}", "{{ d }}", "{%tc for x in cot %}", "{% hm %}{{ x }}", "{%tc endfor %}"],
        ["{%tr endfor %}", "", "", "", ""],
    ])
    return _save(doc)


def nested_tables() -> bytes:
    """A table inside a cell: docxtpl's fix_tables counts the inner rows for the outer table too."""
    doc = _document()
    outer = _table(doc, [["Ngoài", "{{ ten }}"], ["Trong", ""]])
    inner = outer.cell(1, 1).add_table(rows=1, cols=3)
    for col, text in enumerate(("{{ a }}", "{{ b }}", "{{ c }}")):
        inner.cell(0, col).text = text
    return _save(doc)


def run_tags() -> bytes:
    doc = _document()
    doc.add_paragraph("Kết quả: {%r if dat %}đạt{%r else %}chưa đạt{%r endif %} kế hoạch.")
    return _save(doc)


def rich_text() -> bytes:
    doc = _document()
    doc.add_paragraph("Nhấn mạnh: {{r nhan_manh }} rồi tiếp.")
    doc.add_paragraph("{{ doan }}")
    return _save(doc)


def rich_text_link() -> bytes:
    doc = _document()
    doc.add_paragraph("Xem {{r lien_ket }}.")
    return _save(doc)


def listing() -> bytes:
    doc = _document()
    _runs(doc.add_paragraph(), "Dòng: ", "{{ chu }}")
    doc.add_paragraph("Listing: {{ danh_sach }}")
    return _save(doc)


def headers_footers() -> bytes:
    doc = _document()
    doc.add_paragraph("Thân: {{ ten }}")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Đầu trang: {{ co_quan }}"
    section.header.add_paragraph("{%p if co_so %}")
    section.header.add_paragraph("Số: {{ so }}")
    section.header.add_paragraph("{%p endif %}")
    _runs(section.footer.paragraphs[0], "Chân trang: {", "{ nam }}\tTrang")
    return _save(doc)


def footnotes() -> bytes:
    doc = _document()
    doc.add_paragraph("Thân: {{ ten }}")
    _notes_part(doc, "footnote", [["Nguồn: ", "{{ nguon }}"], ["Ghi chú: {", "{ ghi_chu }", "}"]])
    return _save(doc)


def footnotes_two_sections() -> bytes:
    """Two sections: docxtpl fills the footnotes once for each (render_footnotes)."""
    doc = _document()
    doc.add_paragraph("Phần một: {{ ten }}")
    doc.add_section()
    doc.add_paragraph("Phần hai")
    _notes_part(doc, "footnote", [["Nguồn: {{ nguon }}"]])
    return _save(doc)


def endnotes() -> bytes:
    doc = _document()
    doc.add_paragraph("Thân: {{ ten }}")
    _notes_part(doc, "endnote", [["Chú thích cuối: {{ nguon }}"]])
    return _save(doc)


def core_properties() -> bytes:
    doc = _document()
    doc.add_paragraph("Thân: {{ ten }}")
    props = doc.core_properties
    props.title = "Báo cáo {{ ten }}"
    props.subject = "{{ trich_yeu }}"
    props.comments = "Ghi chú {{ ghi_chu }}"
    props.identifier = "BC-{{ so }}"
    props.language = "{{ ngon_ngu }}"
    write_core_properties(props._element, {"category": "{{ khong_dien }}"})  # docxtpl leaves the category alone
    return _save(doc)


def main_part_document2() -> bytes:
    """The main part saved as word/document2.xml, as Word for the web sometimes does."""
    doc = _document()
    doc.add_paragraph("Kính gửi: {{ noi_nhan }}")
    doc.add_paragraph("{%p for y in nhiem_vu %}")
    doc.add_paragraph("- {{ y }}")
    doc.add_paragraph("{%p endfor %}")
    doc.sections[0].header.paragraphs[0].text = "Đầu trang: {{ noi_nhan }}"
    doc.part.partname = PackURI("/word/document2.xml")
    return _save(doc)


def header_picture() -> bytes:
    """Pictures in the body and in a header with tags: docxtpl renumbers only the body's."""
    doc = _document()
    doc.add_paragraph("Ảnh thân: {{ ten }}")
    doc.add_paragraph().add_run().add_picture(io.BytesIO(_png()), width=Mm(10))
    doc.add_paragraph().add_run().add_picture(io.BytesIO(_png(3, 4)), width=Mm(8))
    header = doc.sections[0].header
    header.paragraphs[0].text = "Đầu trang: {{ ten }}"
    header.add_paragraph().add_run().add_picture(io.BytesIO(_png(5, 5)), width=Mm(6))
    return _save(doc)


def inline_image() -> bytes:
    doc = _document()
    doc.add_paragraph("Ảnh: {{ anh }}")
    return _save(doc)


def subdoc() -> bytes:
    doc = _document()
    doc.add_paragraph("Trước")
    doc.add_paragraph("{{p tai_lieu_con }}")
    doc.add_paragraph("Sau")
    return _save(doc)


# --- The contexts --------------------------------------------------------------------------


def _subdoc(tpl: DocxTemplate):
    sub = tpl.new_subdoc()
    sub.add_paragraph("Đoạn của tài liệu con")
    return sub


def _rich_text() -> RichText:
    rich = RichText("đậm", bold=True)
    rich.add(" đỏ & nghiêng", color="FF0000", italic=True)
    return rich


_ROWS = [{"ten": "Hội nghị", "gia_tri": 12}, {"ten": "Tuyên truyền & vận động", "gia_tri": 7}]

CASES = [
    Case("plain", plain, lambda tpl: {"noi_nhan": "UBND huyện", "don_vi": "Xã Hưng Nguyên", "so": 21}),
    Case("escaping", escaping, lambda tpl: {"ten": "Công ty A & B <Việt> \"Nam\" 'x'", "a": "5 > 3", "so": 4}),
    Case("paragraphs", paragraphs, lambda tpl: {
        "co_mo_dau": True, "mo_dau": "Thực hiện kế hoạch", "nhiem_vu": ["Một", "Hai & ba", "Bốn"]}),
    Case("table_rows", table_rows, lambda tpl: {"dong": _ROWS, "tong": 19}),
    Case("table_columns", table_columns, lambda tpl: {"cot": ["một", "hai", "ba", "bốn", "năm"]}),
    Case("table_columns_split_runs", table_columns_split_runs, lambda tpl: {"cot": ["một", "hai", "ba", "bốn", "năm"]}),
    Case("table_comments", table_comments, lambda tpl: {"a": 1, "b": 2, "c": 3, "d": 4}),
    Case("table_merges", table_merges, lambda tpl: {
        "so_cot": 3, "mau": "DDEEFF", "dong": ["x", "y", "z"], "nhom": "Nhóm", "cot": ["a", "b"]}),
    Case("nested_tables", nested_tables, lambda tpl: {"ten": "Bảng", "a": 1, "b": 2, "c": 3}),
    Case("run_tags", run_tags, lambda tpl: {"dat": False}),
    Case("rich_text", rich_text, lambda tpl: {
        "nhan_manh": _rich_text(),
        "doan": RichText("Một\nhai\tba & bốn", underline=True)}),
    Case("rich_text_link", rich_text_link, lambda tpl: {
        "lien_ket": RichText("Cổng thông tin", url_id=tpl.build_url_id("https://example.vn/a?b=1&c=2"))},
        refused="build_url_id"),
    Case("listing", listing, lambda tpl: {
        "chu": "Dòng một\nDòng hai\tcột\aĐoạn mới & hết", "danh_sach": Listing("Một\nHai\aBa <4>")}),
    Case("headers_footers", headers_footers, lambda tpl: {
        "ten": "Thân", "co_quan": "UBND xã", "co_so": True, "so": "12/BC", "nam": 2025}),
    Case("footnotes", footnotes, lambda tpl: {"ten": "Thân", "nguon": "Cục Thống kê & Dân số", "ghi_chu": "số\nliệu"}),
    Case("footnotes_two_sections", footnotes_two_sections, lambda tpl: {"ten": "Thân", "nguon": "Cục Thống kê"}),
    # The data makes a tag in the footnote, which docxtpl's second filling would fill: refused.
    Case("footnotes_two_sections_braces", footnotes_two_sections, lambda tpl: {"ten": "Thân", "nguon": "{{ ten }}"},
         refused="chú thích cuối trang"),
    Case("endnotes", endnotes, lambda tpl: {"ten": "Thân", "nguon": "Cục Thống kê"}, refused="endnotes"),
    Case("core_properties", core_properties, lambda tpl: {
        "ten": "Hưng Nguyên", "trich_yeu": "Kết quả", "ghi_chu": "x", "so": 7, "ngon_ngu": "vi-VN"}),
    Case("main_part_document2", main_part_document2, lambda tpl: {"noi_nhan": "UBND tỉnh", "nhiem_vu": ["Một", "Hai"]}),
    Case("header_picture", header_picture, lambda tpl: {"ten": "Ảnh"}),
    Case("inline_image", inline_image, lambda tpl: {"anh": InlineImage(tpl, io.BytesIO(_png()), width=Mm(10))},
         refused="InlineImage"),
    Case("subdoc", subdoc, lambda tpl: {"tai_lieu_con": _subdoc(tpl)}, refused="Subdoc", needs="docxcompose"),
]


def main(argv: list[str]) -> int:
    """Write every template beside this script (or only those named)."""
    for case in CASES:
        if argv and case.name not in argv:
            continue
        case.path.write_bytes(case.build())
        print(case.path.relative_to(HERE.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
