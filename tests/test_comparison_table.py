"""The comparison of localities a roll-up report prints after its figures table.

A roll-up sheet carries it under ``so_sanh_dia_ban`` (``drafting rollup`` writes it; the
context key ``so_sanh`` is built from it: see tools/build_templates.py). Here each sheet is
an example with six indicators of its own added and, for the drafts with the table, a
``so_sanh_dia_ban`` naming ``n`` of them, as a clerk or the roll-up writes it; the drafts
are rendered through the library and read back from the .docx.

The indicator columns come from a column loop, and each indicator cell spans its
column's "rong" of 60 columns of a fine grid (see tools/template_tables.py), so the grid
has more columns than the header has cells: what must hold is that every row fills the
grid exactly, that "STT" and "Địa bàn" keep their widths whatever n is, and that the
indicators share the rest as "rong" says (here equally: every figure is nine characters
wide, wider than any heading needs), within the page's text width.
The units have a header row of their own.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import docx
import pytest
from conftest import COMMUNE, PARTY, VINH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx_props import effective_para, effective_run
from lxml import etree
from test_layout import CELL_MARGIN_PT, EDGES, style_of, table_borders, text_runs, visible
from test_ooxml_order import out_of_order, word_parts

import drafting
import drafting.report.context as content
from drafting.docx.text_width import width_pt

SHEETS = {"nha-nuoc": COMMUNE, "dang": PARTY}
CAPTION = "Kết quả một số chỉ tiêu chủ yếu theo địa bàn"
COLUMNS = [("Hộ nghèo", "hộ"), ("Hộ cận nghèo", "hộ"), ("Hồ sơ tiếp nhận", "hồ sơ"),
           ("Hồ sơ đúng hạn", "hồ sơ"), ("Hội nghị đối thoại", "cuộc"), ("Thu ngân sách", "tỷ đồng")]
PLACES = [("xã", "An Hòa"), ("phường", "Trường Vinh"), ("xã", "Hưng Nguyên Nam"), ("phường", "Cửa Lò"),
          ("xã", "Anh Sơn")]
# The rows as printed: Vietnamese alphabetical order of the names (An Hòa before Anh Sơn).
ROWS = ["Xã An Hòa", "Xã Anh Sơn", "Phường Cửa Lò", "Xã Hưng Nguyên Nam", "Phường Trường Vinh"]


def _value(place: int, column: int) -> str:
    return f"{11111 * (place + 1) + column}.25"  # "11111.25" is printed "11.111,25"


def _printed(value: str) -> str:
    whole, fraction = value.split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


def sheet_text(sheet: Path, n: Optional[int], filled: bool = True) -> str:
    """``sheet`` with six indicators of its own (codes cot_1 … cot_6) and, unless ``n`` is None, a
    so_sanh_dia_ban comparing the five PLACES on the first ``n`` of them. Not ``filled``: the six
    have no gia_tri yet (a roll-up's sheet before the figures come in)."""
    own = "".join(
        f"    cot_{j + 1}:\n      ten: {name}\n      don_vi: {unit}\n"
        + (f"      gia_tri: {99990 + j}.75\n" if filled else "")
        for j, (name, unit) in enumerate(COLUMNS)
    )
    text = re.sub(r"^(chi_tieu:\n  [a-z_]+:\n)", lambda m: m.group(1) + own, sheet.read_text(encoding="utf-8"),
                  count=1, flags=re.M)
    if n is None:
        return text
    codes = [f"cot_{j + 1}" for j in range(n)]
    places = "".join(
        f"    - ten: {name}\n      cap: {level}\n      gia_tri: {{"
        + ", ".join(f"{code}: {_value(i, j)}" for j, code in enumerate(codes)) + "}\n"
        for i, (level, name) in enumerate(PLACES)
    )
    return text + f"\nso_sanh_dia_ban:\n  tieu_de: {CAPTION}\n  chi_tieu: [{', '.join(codes)}]\n  dia_ban:\n" + places


def expected_rows(n: int) -> list[list[str]]:
    """The table's rows of localities as a clerk reads them."""
    by_name = {f"{level.title()} {name}": i for i, (level, name) in enumerate(PLACES)}
    return [[str(k), label, *(_printed(_value(by_name[label], j)) for j in range(n))]
            for k, label in enumerate(ROWS, start=1)]


def render(sheet: Path, n: Optional[int], template=None, filled: bool = True) -> bytes:
    loaded = drafting.parse_sheet(sheet_text(sheet, n, filled), sheet)
    template = template or drafting.resolve_template(None, loaded.sheet.the_thuc)
    return drafting.render_bytes(loaded, template)


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


# --- readers -------------------------------------------------------------------------------------


def blocks(doc) -> list:
    """Top-level paragraphs and tables of the body, in order."""
    return [c for c in doc.element.body.iterchildren() if c.tag in (qn("w:p"), qn("w:tbl"))]


def tables(doc) -> list[Table]:
    return [Table(t, doc._body) for t in doc.element.body.iterchildren(qn("w:tbl"))]


def cells(table: Table, row: int) -> list[_Cell]:
    """The row's cells as written (python-docx's row.cells repeats a cell per grid column it spans)."""
    return [_Cell(tc, table) for tc in table.rows[row]._tr.tc_lst]


def row_texts(table: Table, row: int) -> list[str]:
    return [c.text for c in cells(table, row)]


def grid(table: Table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def cell_widths(table: Table, row: int) -> list[int]:
    """Twips each cell of ``row`` takes: the grid columns it spans."""
    cols, out, i = grid(table), [], 0
    for tc in table.rows[row]._tr.tc_lst:
        out.append(sum(cols[i:i + tc.grid_span]))
        i += tc.grid_span
    return out


def text_width_twips(doc) -> int:
    section = doc.sections[-1]
    return Length(section.page_width - section.left_margin - section.right_margin).twips


def caption_and_table(doc) -> tuple[Paragraph, Table]:
    body = blocks(doc)
    found = [i for i, el in enumerate(body) if el.tag == qn("w:p") and Paragraph(el, doc._body).text == CAPTION]
    assert len(found) == 1, f"{len(found)} caption paragraphs"
    i = found[0]
    assert body[i + 1].tag == qn("w:tbl"), "the caption is not right above a table"
    return Paragraph(body[i], doc._body), Table(body[i + 1], doc._body)


def bold(p: Paragraph) -> set:
    return {effective_run(p, r)["bold"] for r in text_runs(p)}


def keeps_with_next(p: Paragraph) -> bool:
    el = p._p.pPr.find(qn("w:keepNext")) if p._p.pPr is not None else None
    if el is None and style_of(p):
        style = p.part.styles.element.xpath(f'w:style[@w:styleId="{style_of(p)}"]')[0]
        el = style.find(qn("w:pPr")).find(qn("w:keepNext")) if style.find(qn("w:pPr")) is not None else None
    return el is not None and el.get(qn("w:val")) not in ("0", "false", "off")


# --- the drafts ------------------------------------------------------------------------------------


@dataclass
class Pair:
    plain: docx.document.Document
    with_table: docx.document.Document
    data: bytes


@pytest.fixture(scope="module")
def drafts() -> dict[str, Pair]:
    out = {}
    for profile, sheet in SHEETS.items():
        data = render(sheet, 3)
        out[profile] = Pair(open_docx(render(sheet, None)), open_docx(data), data)
    return out


def test_the_context_has_no_comparison_until_the_roll_up_gives_one():
    context = content.build_context(drafting.load_sheet(COMMUNE))
    assert "so_sanh" in context and context["so_sanh"] is None


@pytest.mark.parametrize("profile", SHEETS)
def test_without_so_sanh_nothing_of_it_is_printed(drafts, profile):
    doc = drafts[profile].plain
    found = tables(doc)
    assert len(found) == 3, f"expected header, figures and signature tables, found {len(found)}"
    assert row_texts(found[1], 0)[:3] == ["STT", "Chỉ tiêu", "Đơn vị"]
    text = drafting.read_draft(render(SHEETS[profile], None)).text()
    for unwanted in (CAPTION, "Địa bàn", "Tổng cộng", "so_sanh", "{%", "{{", "colspan"):
        assert unwanted not in text


@pytest.mark.parametrize("profile", SHEETS)
def test_the_caption_and_table_are_all_that_is_added_right_after_the_figures_table(drafts, profile):
    pair = drafts[profile]
    caption, table = caption_and_table(pair.with_table)
    figures = tables(pair.with_table)[1]
    body = blocks(pair.with_table)
    assert body.index(caption._p) == body.index(figures._tbl) + 2, "the caption does not follow the figures table"
    spacer = body[body.index(table._tbl) + 1]  # the room under the table (tests/test_tables.py)
    rest = [etree.tostring(el) for el in body if el is not caption._p and el is not table._tbl and el is not spacer]
    assert rest == [etree.tostring(el) for el in blocks(pair.plain)], (
        "with so_sanh, the draft differs from the draft without it by more than the caption and its table"
    )


@pytest.mark.parametrize("profile", SHEETS)
def test_caption_is_centred_bold_and_kept_with_its_table(drafts, profile):
    caption, _ = caption_and_table(drafts[profile].with_table)
    figures = tables(drafts[profile].with_table)[1]
    assert style_of(caption) == style_of(cells(figures, 0)[0].paragraphs[0]), "caption not in the table-heading style"
    assert effective_para(caption)["alignment"] == "center"
    assert bold(caption) == {True}
    assert keeps_with_next(caption), "the caption could be left alone at the foot of a page"


@pytest.mark.parametrize("profile", SHEETS)
def test_rows_in_order_with_the_given_strings(drafts, profile):
    _, table = caption_and_table(drafts[profile].with_table)
    assert row_texts(table, 0) == ["STT", "Địa bàn", "Hộ nghèo", "Hộ cận nghèo", "Hồ sơ tiếp nhận"]
    assert row_texts(table, 1) == ["", "", "(hộ)", "(hộ)", "(hồ sơ)"]
    assert len(table.rows) == 2 + len(PLACES) + 1
    assert [row_texts(table, i) for i in range(2, 2 + len(PLACES))] == expected_rows(3)
    assert expected_rows(3)[0] == ["1", "Xã An Hòa", "11.111,25", "11.112,25", "11.113,25"]
    # The totals are the sheet's own figures of the three indicators.
    assert row_texts(table, len(table.rows) - 1) == ["", "Tổng cộng", "99.990,75", "99.991,75", "99.992,75"]
    for i in (0, 1):
        assert table.rows[i]._tr.trPr.find(qn("w:tblHeader")) is not None, "the header does not repeat on a new page"
    for i, row in enumerate(table.rows):
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None, (
            f"row {i} may be cut across two pages"
        )


@pytest.mark.parametrize("profile", SHEETS)
def test_alignment_and_bold_totals(drafts, profile):
    _, table = caption_and_table(drafts[profile].with_table)
    last = len(table.rows) - 1
    for i in range(2, len(table.rows)):
        row = [c.paragraphs[0] for c in cells(table, i)]
        aligned = [effective_para(p)["alignment"] for p in row]
        assert aligned[1] == "left" and set(aligned[2:]) == {"right"}, f"row {i}: {aligned}"
        if i < last:
            assert aligned[0] == "center", f"row {i}: the row number is {aligned[0]}"
            assert all(bold(p) == {False} for p in row), f"row {i} is bold"
        else:
            assert all(bold(p) == {True} for p in row[1:]), "the totals row is not bold"
    for p in (c.paragraphs[0] for i in (0, 1) for c in cells(table, i) if c.text):
        assert effective_para(p)["alignment"] == "center" and bold(p) == {True}


@pytest.mark.parametrize("profile", SHEETS)
def test_it_looks_like_the_figures_table(drafts, profile):
    doc = drafts[profile].with_table
    _, table = caption_and_table(doc)
    figures = tables(doc)[1]

    def tbl_pr(t, child):
        el = t._tbl.tblPr.find(qn(child))
        return None if el is None else (el.get(qn("w:val")) or el.get(qn("w:type")))

    for child in ("w:tblStyle", "w:tblLayout", "w:jc"):
        assert tbl_pr(table, child) == tbl_pr(figures, child), child
    assert set(visible(table_borders(doc, table))) >= set(EDGES), "the table lacks visible borders"
    def head(t, i):
        return t.rows[i]._tr.trPr is not None and t.rows[i]._tr.trPr.find(qn("w:tblHeader")) is not None

    styles = {(head(figures, i), style_of(c.paragraphs[0]))
              for i in range(len(figures.rows)) for c in cells(figures, i)}
    ours = {(head(table, i), style_of(c.paragraphs[0])) for i in range(len(table.rows)) for c in cells(table, i)}
    assert ours <= styles, f"cell styles the figures table does not use: {ours - styles}"
    sizes = {effective_run(p, r)["size_pt"] for t in (table, figures) for i in range(len(t.rows))
             for c in cells(t, i) for p in c.paragraphs for r in text_runs(p)}
    assert len(sizes) == 1, f"the two tables are printed in several sizes: {sorted(sizes)}"


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("profile", SHEETS)
def test_the_table_fits_the_page_and_only_the_indicators_share_it(profile, n):
    doc = open_docx(render(SHEETS[profile], n))
    _, table = caption_and_table(doc)
    columns = grid(table)
    assert len(cells(table, 0)) == n + 2
    for i in range(len(table.rows)):
        assert sum(tc.grid_span for tc in table.rows[i]._tr.tc_lst) == len(columns), (
            f"row {i} does not fill the table's grid of {len(columns)} columns"
        )
        assert cell_widths(table, i) == cell_widths(table, 0)
    assert sum(columns) <= text_width_twips(doc), f"table {sum(columns)} twips, text width {text_width_twips(doc)}"
    widths = cell_widths(table, 0)
    tt, place, indicators = widths[0], widths[1], widths[2:]
    assert len(set(indicators)) == 1, f"indicator columns of unequal widths {indicators}"
    assert tt >= 567 and place >= 3 * 567, f"TT {tt}, Địa bàn {place} twips"  # 1 cm, 3 cm
    # Wide enough for a bold "123.456" at the table's size, inside Word's default cell margins.
    size = effective_run(cells(table, 0)[2].paragraphs[0], text_runs(cells(table, 0)[2].paragraphs[0])[0])["size_pt"]
    assert indicators[0] / 20 - 2 * CELL_MARGIN_PT >= width_pt("123.456", size, bold=True)
    reference = cell_widths(caption_and_table(open_docx(render(SHEETS[profile], 3)))[1], 0)
    assert (tt, place) == tuple(reference[:2]), "TT and Địa bàn change width with the number of indicators"
    for name, xml in word_parts(render(SHEETS[profile], n)).items():
        assert out_of_order(xml) == [], name


def test_a_comparison_of_indicators_not_filled_in_yet_prints_nothing():
    empty = render(COMMUNE, 3, filled=False)
    assert drafting.read_draft(empty).text() == drafting.read_draft(render(COMMUNE, None, filled=False)).text()


def test_the_bulletin_does_not_print_it():
    with_table = drafting.read_draft(render(VINH, 3)).text()
    assert CAPTION not in with_table
    assert with_table == drafting.read_draft(render(VINH, None)).text()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_template_saved_by_libreoffice_keeps_the_widths(tmp_path):
    """LibreOffice drops grid columns no row needs; the template's tag row keeps them all."""
    original = drafting.resolve_template("nha-nuoc", "nha-nuoc")
    source = tmp_path / "in" / "nha-nuoc.docx"
    source.parent.mkdir()
    shutil.copy(original, source)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    resaved = tmp_path / "out" / "nha-nuoc.docx"
    for n in (2, 5, 6):
        _, expected = caption_and_table(open_docx(render(COMMUNE, n, original)))
        _, got = caption_and_table(open_docx(render(COMMUNE, n, resaved)))
        assert [row_texts(got, i) for i in range(len(got.rows))] == [
            row_texts(expected, i) for i in range(len(expected.rows))
        ]
        for i in range(len(got.rows)):
            assert sum(tc.grid_span for tc in got.rows[i]._tr.tc_lst) == len(grid(got))
        # LibreOffice rounds the grid to the twip: allow one twip per grid column spanned.
        for w_got, w_expected in zip(cell_widths(got, 0), cell_widths(expected, 0)):
            assert abs(w_got - w_expected) <= 60 // n + 1, (cell_widths(got, 0), cell_widths(expected, 0))
