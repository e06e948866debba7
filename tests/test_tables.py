"""The figures table and the roll-up's comparison of localities, read back from the drafts.

Columns fit what they hold (measured with Times New Roman's widths, docx/text_width.py,
inside the table's cell margins): labels in at most two lines, units, figures and
comparisons on one line, place names on one line, headings in at most three lines. No
column is empty in every row. A table never starts at the foot of a page with its header
and one row, and a heading never sits on a table's bottom line.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

import drafting
from drafting.cli import main
from drafting.docx import styles as S
from drafting.docx.text import element_text
from drafting.docx.text_width import width_pt
from drafting.sheet.catalogue import load_catalogue

from conftest import ALL_EXAMPLES, COMMUNE, ROOT
from docx_props import effective_para, effective_run

NGHE_AN = ROOT / "examples" / "nghe-an-2025"
DEFAULT_MARGIN_TWIPS = 108  # Word's 0.19 cm
SLACK_PT = 1.0  # what a renderer may take beyond the font's widths (kerning, borders)
PLACES = ("Xã Hưng Nguyên", "Phường Thành Vinh", "Phường Trường Vinh")


# --- drafts ----------------------------------------------------------------------------------


def render(sheet) -> docx.document.Document:
    loaded = drafting.load_sheet(sheet)
    return docx.Document(io.BytesIO(drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))))


def variant(tmp_path, name: str, edit) -> docx.document.Document:
    sheet = tmp_path / f"{name}.yaml"
    sheet.write_text(edit(COMMUNE.read_text(encoding="utf-8")), encoding="utf-8")
    return render(sheet)


def without_last_year(text: str) -> str:
    return re.sub(r"\n +cung_ky: [\d.]+", "", text)


def stated_change_only(text: str) -> str:
    return without_last_year(text).replace("gia_tri: 12\n", "gia_tri: 12\n      thay_doi: tăng 5%\n", 1)


@pytest.fixture(scope="module")
def rollup(tmp_path_factory) -> docx.document.Document:
    out = tmp_path_factory.mktemp("rollup") / "tong-hop.docx"
    assert main(["rollup", str(NGHE_AN / "dia-ban"), "-u", str(NGHE_AN / "tong-hop.yaml"), "-o", str(out)]) == 0
    return docx.Document(str(out))


REPORTS = [sheet for sheet in ALL_EXAMPLES if drafting.load_sheet(sheet).sheet.is_report]


@pytest.fixture(scope="module")
def reports(rollup) -> dict:
    return {"tong-hop": rollup, **{sheet.stem: render(sheet) for sheet in REPORTS}}


# --- readers ---------------------------------------------------------------------------------


def cells(table: Table, row: int) -> list[_Cell]:
    """The row's cells as written (python-docx's row.cells repeats a cell per grid column it spans)."""
    return [_Cell(tc, table) for tc in table.rows[row]._tr.tc_lst]


def text(cell: _Cell) -> str:
    return element_text(cell._tc)


def row_texts(table: Table, row: int) -> list[str]:
    return [text(c) for c in cells(table, row)]


def grid(table: Table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def cell_widths(table: Table, row: int) -> list[int]:
    cols, out, i = grid(table), [], 0
    for tc in table.rows[row]._tr.tc_lst:
        out.append(sum(cols[i:i + tc.grid_span]))
        i += tc.grid_span
    return out


def cell_margins_pt(table: Table) -> float:
    found = table._tbl.tblPr.find(qn("w:tblCellMar"))
    total = 0
    for edge in ("left", "right"):
        el = found.find(qn(f"w:{edge}")) if found is not None else None
        total += int(el.get(qn("w:w"))) if el is not None else DEFAULT_MARGIN_TWIPS
    return total / 20


def text_width_twips(doc) -> int:
    section = doc.sections[-1]
    return Length(section.page_width - section.left_margin - section.right_margin).twips


def lines(words: str, width: float, size: float, bold: bool) -> int:
    """Lines ``words`` take in ``width`` pt, broken at spaces (not at no-break spaces)."""
    count, line = 1, 0.0
    for word in words.split(" "):
        w = width_pt(word, size, bold)
        if line and line + width_pt(" ", size, bold) + w > width:
            count, line = count + 1, w
        else:
            line += (width_pt(" ", size, bold) if line else 0) + w
    return count


def lines_in(table: Table, row: int, col: int) -> int:
    cell = cells(table, row)[col]
    para = cell.paragraphs[0]
    look = effective_run(para, para.runs[0]._r if para.runs else None)
    width = cell_widths(table, row)[col] / 20 - cell_margins_pt(table) - SLACK_PT
    raw = "".join(t.text or "" for t in cell._tc.iter(qn("w:t")))
    return max(lines(part, width, look["size_pt"], look["bold"]) for part in raw.split("\n"))


def figures_table(doc) -> Table:
    return next(t for t in doc.tables if row_texts(t, 0)[:2] == ["STT", "Chỉ tiêu"])


def comparison_table(doc) -> Table:
    return next(t for t in doc.tables if row_texts(t, 0)[:2] == ["STT", "Địa bàn"])


def keeps_with_next(p: Paragraph) -> bool:
    ppr = p._p.pPr
    el = ppr.find(qn("w:keepNext")) if ppr is not None else None
    if el is None and ppr is not None and ppr.pStyle is not None:
        style = p.part.styles.element.xpath(f'w:style[@w:styleId="{ppr.pStyle.val}"]')[0]
        el = style.find(qn("w:pPr")).find(qn("w:keepNext")) if style.find(qn("w:pPr")) is not None else None
    return el is not None and el.get(qn("w:val")) not in ("0", "false", "off")


def row_has(table: Table, row: int, prop: str) -> bool:
    tr_pr = table.rows[row]._tr.trPr
    return tr_pr is not None and tr_pr.find(qn(f"w:{prop}")) is not None


# --- the figures table: which columns ------------------------------------------------------


def test_a_column_is_printed_only_when_some_row_fills_it(tmp_path):
    full = figures_table(render(COMMUNE))
    assert row_texts(full, 0) == ["STT", "Chỉ tiêu", "Đơn vị", "Năm 2024", "Năm 2025", "So với năm 2024"]
    bare = figures_table(variant(tmp_path, "khong-cung-ky", without_last_year))
    assert row_texts(bare, 0) == ["STT", "Chỉ tiêu", "Đơn vị", "Năm 2025"]
    stated = figures_table(variant(tmp_path, "thay-doi", stated_change_only))
    assert row_texts(stated, 0) == ["STT", "Chỉ tiêu", "Đơn vị", "Năm 2025", "So với năm 2024"]
    assert row_texts(stated, 1)[-1] == "tăng 5%"
    for table in (full, bare, stated):
        rows = [row_texts(table, i) for i in range(1, len(table.rows))]
        assert all(len(r) == len(rows[0]) for r in rows)
        for col, head in enumerate(row_texts(table, 0)):
            assert any(r[col] not in ("", "-") for r in rows), f"column {head!r} is empty in every row"


def test_the_grid_is_the_text_width_and_a_missing_column_widens_the_labels(tmp_path):
    doc = render(COMMUNE)
    full = figures_table(doc)
    bare = figures_table(variant(tmp_path, "khong-cung-ky", without_last_year))
    for table in (full, bare):
        assert abs(sum(grid(table)) - text_width_twips(doc)) <= 2, "the table is not as wide as the text"
        for i in range(len(table.rows)):
            assert sum(tc.grid_span for tc in table.rows[i]._tr.tc_lst) == len(grid(table)), f"row {i}"
            assert cell_widths(table, i) == cell_widths(table, 0)
    full_widths, bare_widths = cell_widths(full, 0), cell_widths(bare, 0)
    assert bare_widths[0] == full_widths[0] and bare_widths[2] == full_widths[2]
    assert bare_widths[1] == full_widths[1] + full_widths[3] + full_widths[5], "the labels take the room left"


def test_a_bare_equal_reads_equal_to_last_year():
    table = figures_table(render(COMMUNE))
    changes = [row_texts(table, i)[-1] for i in range(1, len(table.rows))]
    assert "bằng cùng kỳ" in changes and "bằng" not in changes


# --- column widths --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["tong-hop"] + [sheet.stem for sheet in REPORTS])
def test_the_figures_table_columns_fit_what_they_hold(reports, name):
    table = figures_table(reports[name])
    heads = row_texts(table, 0)
    standard = {entry.ten for entry in load_catalogue().chi_tieu}
    assert lines_in(table, 0, 0) == 1, "'STT' breaks"
    assert lines_in(table, 0, 2) == 1, "'Đơn vị' breaks"
    for col in range(3, len(heads)):
        if heads[col].startswith(("Năm ", "So với")):  # a period's own heading may take more
            assert lines_in(table, 0, col) <= 2, f"heading {heads[col]!r} takes more than two lines"
    for i in range(1, len(table.rows)):
        row = row_texts(table, i)
        most = 2 if row[1] in standard else 3  # a sheet's own label may be long
        assert lines_in(table, i, 1) <= most, f"label {row[1]!r} takes more than {most} lines"
        # A unit of one or two words ("lượt người") on one line; "cán bộ, công chức" may take two.
        for col in range(2 if len(row[2].split()) <= 2 else 3, len(row)):
            assert lines_in(table, i, col) == 1, f"{heads[col]} {row[col]!r} (row {row[1]!r}) breaks"


def test_the_comparison_column_holds_a_change_in_points_on_one_line(reports):
    table = figures_table(reports[COMMUNE.stem])
    rows = {row_texts(table, i)[1]: i for i in range(1, len(table.rows))}
    i = rows["Tỷ lệ hộ nghèo"]
    assert row_texts(table, i)[-1] == "giảm 0,51 điểm phần trăm" and lines_in(table, i, 5) == 1
    i = rows["Tiếp công dân định kỳ"]
    assert row_texts(table, i)[2] == "lượt người" and lines_in(table, i, 2) == 1


def test_the_comparison_of_localities_fits_names_and_headings(rollup):
    table = comparison_table(rollup)
    figures = figures_table(rollup)
    assert row_texts(table, 0)[0] == row_texts(figures, 0)[0] == "STT"
    assert cell_widths(table, 0)[0] == cell_widths(figures, 0)[0], "STT is not as wide in both tables"
    names = [row_texts(table, i)[1] for i in range(2, len(table.rows))]
    assert set(PLACES) <= set(names)
    for i in range(2, len(table.rows)):
        assert lines_in(table, i, 1) == 1, f"{row_texts(table, i)[1]!r} breaks"
        for col in range(2, len(cells(table, i))):
            assert lines_in(table, i, col) == 1, f"{row_texts(table, i)[col]!r} breaks"
    heads, units = row_texts(table, 0), row_texts(table, 1)
    assert units[2:] == ["(tỷ đồng)", "(%)", "(%)", "(đơn)", "(mô hình)"], "the units' row"
    for col in range(2, len(heads)):
        assert lines_in(table, 0, col) <= 3, f"heading {heads[col]!r} takes more than three lines"
        assert lines_in(table, 1, col) == 1


def test_each_column_of_localities_prints_its_figures_with_one_precision(rollup):
    table = comparison_table(rollup)
    rows = [row_texts(table, i) for i in range(2, len(table.rows))]
    assert rows[-1][1] == "Tổng cộng"
    for col in range(2, len(rows[0])):
        decimals = {len(r[col].rsplit(",", 1)[1]) if "," in r[col] else 0 for r in rows if r[col] != "-"}
        assert len(decimals) == 1, f"column {row_texts(table, 0)[col]!r}: {[r[col] for r in rows]}"
    assert rows[-1][2:] == ["1.750,0", "2,00", "99,82", "1.613", "254"]


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["figures", "comparison"])
def test_a_table_never_starts_with_its_header_and_one_row_at_a_page_foot(rollup, which):
    table = figures_table(rollup) if which == "figures" else comparison_table(rollup)
    heads = 1 if which == "figures" else 2
    for i in range(len(table.rows)):
        assert row_has(table, i, "cantSplit"), f"row {i} may be cut across two pages"
        kept = {keeps_with_next(p) for c in cells(table, i) for p in c.paragraphs}
        if i < heads:
            assert row_has(table, i, "tblHeader"), f"header row {i} is not repeated on a new page"
        assert kept == {i <= heads}, f"row {i}: keep with next {kept}"


@pytest.mark.parametrize("which", ["figures", "comparison"])
def test_room_after_a_table_before_the_next_heading(rollup, which):
    table = figures_table(rollup) if which == "figures" else comparison_table(rollup)
    after = table._tbl.getnext()
    assert after.tag == qn("w:p") and not element_text(after), "a paragraph follows the table at once"
    spacer = Paragraph(after, rollup._body)
    nxt = Paragraph(after.getnext(), rollup._body)
    room = effective_run(spacer)["size_pt"] + effective_para(spacer)["space_after_pt"] + \
        effective_para(nxt)["space_before_pt"]
    assert room >= 10, f"{room} pt between the table and {element_text(nxt._p)!r}"
    assert element_text(nxt._p) and nxt.style.style_id in (S.HEADING1, S.TABLE_HEAD)


# --- as LibreOffice prints them ------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice or poppler is not installed")
def test_printed_tables_keep_their_cells_on_one_line(tmp_path, rollup):
    rollup.save(str(tmp_path / "tong-hop.docx"))
    (tmp_path / "xa.docx").write_bytes(drafting.render_bytes(drafting.load_sheet(COMMUNE),
                                                             drafting.resolve_template(None, "nha-nuoc")))
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "xa.docx"),
                    str(tmp_path / "tong-hop.docx")], check=True, capture_output=True, timeout=300)
    printed = {}
    for name in ("xa", "tong-hop"):
        out = subprocess.run([PDFTOTEXT, "-layout", str(tmp_path / f"{name}.pdf"), "-"], check=True,
                             capture_output=True, text=True).stdout
        printed[name] = out.replace("\u2011", "-").replace("\u00a0", " ")
    for whole in ("giảm 0,51 điểm phần trăm", "lượt người", "tăng 27,3 điểm phần trăm", "STT"):
        assert re.search(re.escape(whole), printed["xa"]), f"{whole!r} is split in the printed table"
    for place in PLACES:
        assert place in printed["tong-hop"], f"{place!r} is split in the printed comparison"
