"""The two tables of the report templates, for tools/build_templates.py.

The figures table (context ``bang``, ``bang_cot``, ``bang_co_cot``): STT, Chỉ tiêu, Đơn vị,
last year's figures, this year's, the comparison. The last year's and the comparison
columns are printed only when some row has something in them (``bang_co_cot.cung_ky``,
``bang_co_cot.so_sanh``: docxtpl's ``{%tc if %}``); the width a missing column leaves
goes to "Chỉ tiêu". The table's grid holds every column edge of the four layouts, and
each cell spans the grid columns of its layout (``{% colspan %}``), so the grid never
changes: docxtpl's fix_tables, which would rescale it evenly, has nothing to do.

The comparison of localities (context ``so_sanh``, None when absent):
  {"tieu_de": caption,
   "cot":  [{"ten": "Hộ nghèo", "don_vi": "hộ", "rong": 12}, ...],    1 to 6 indicator columns
   "dong": [{"stt": "1", "ten": "Xã An Hòa", "o": ["187", ...]}, ...],  a row per locality, in order
   "tong": {"ten": "Tổng cộng", "o": ["5.210", ...]}}                   the totals row, in bold
Every value is a string, already formatted; each "o" has one value per column of "cot",
and the columns' "rong" add up to COMPARISON_SHARES. Nothing of it is printed when
so_sanh is None or has no column. The indicator columns come from docxtpl's column loop
({%tc for %}); the indicators' share of the text width is cut into COMPARISON_SHARES
grid columns and each indicator cell spans "rong" of them ({% colspan %}): "STT" and
"Địa bàn" keep their widths. The units have a header row of their own, so that a
heading takes at most three lines.

In both tables the "{%tr endfor %}" row before the totals (or the table's end), which
never reaches a draft, keeps one cell per grid column, so that Word or LibreOffice,
saving a template a clerk has edited, keep the fine grid (they drop grid columns no
row needs). The header rows repeat on every page, no row is cut across two pages, and
the header and the first row keep with the next row, so a table never starts at the
foot of a page with its header and one row. An empty small paragraph after each table
keeps the next heading off its bottom line.
"""

from __future__ import annotations

from itertools import product

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_Merge
from docx.shared import Cm, Mm, Pt, Twips
from docx.table import _Cell

from drafting.docx import styles as S
from drafting.render.profiles import Layout
from drafting.report.comparison import SHARES

# Widths in cm, for figures in 12 pt inside cell margins of CELL_MARGIN_CM, each with a point
# to spare: "STT" in bold, units such as "lượt người" on one line, figures up to "9.209,56",
# the comparison "giảm 0,51 điểm phần trăm" on one line. "Chỉ tiêu" takes the rest of the text
# width (5.4 cm with every column: the catalogue's labels in at most two lines, the longest
# of the sheets' own in three).
CELL_MARGIN_CM = 0.08
STT_CM = 1.0
FIGURE_CM = {"don_vi": 2.0, "cung_ky": 1.7, "gia_tri": 1.7, "so_sanh": 4.7}
OPTIONAL = ("cung_ky", "so_sanh")  # printed when bang_co_cot says so
LAYOUT_INDEX = "[2 * bang_co_cot.cung_ky + bang_co_cot.so_sanh]"  # 0..3: the order of product() below

COMPARISON_SHARES = SHARES  # 60: with "STT" and "Địa bàn", 62 grid columns (Word allows 63)
COMPARISON_PLACE_CM = 3.9  # "Phường Trường Vinh" on one line; it also takes what rounding leaves over
SPACER_PT = 6  # the empty paragraph after a table


# --- small helpers --------------------------------------------------------------------------


def _style(doc, sid: str):
    return doc.styles["Normal"] if sid == "Normal" else doc.styles[S.NAMES[sid]]


def _fill(doc, cell: _Cell, sid: str, text: str, *, keep_next=False, center=False, bold=False) -> None:
    para = cell.paragraphs[0]
    para.text = text
    para.style = _style(doc, sid)
    if keep_next:
        para.paragraph_format.keep_with_next = True
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in para.runs if bold else ():
        run.bold = True


def _row_props(table, row: int, *, header=False) -> None:
    """A row never cut across two pages; a header row repeated on every page."""
    tr_pr = table.rows[row]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _new_table(doc, rows: int, cols: int, grid_twips: list[int]):
    table = doc.add_table(rows=rows, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # writes <w:tblLayout w:type="fixed"/>
    grid = table._tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for width in grid_twips:
        grid.add_gridCol().w = Twips(width)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(Cm(CELL_MARGIN_CM).twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    return table


def _spans(table, row: int, spans: list[int]) -> list[_Cell]:
    """The row's cells, spanning ``spans`` grid columns each (no width of their own: the grid's)."""
    tr = table.rows[row]._tr
    for tc in tr.tc_lst[len(spans):]:
        tr.remove(tc)
    cells = []
    for tc, span in zip(tr.tc_lst, spans):
        tc_pr = tc.get_or_add_tcPr()
        tc_pr._remove_tcW()
        tc_pr._remove_gridSpan()
        # Written even when 1: docxtpl puts a {% colspan %} in place of a w:gridSpan, and needs a
        # w:tcPr that is not empty to put it in.
        tc_pr.get_or_add_gridSpan().val = span
        cells.append(_Cell(tc, table))
    return cells


def _tag_row(doc, table, row: int, tag: str) -> None:
    """A row holding only a {%tr %} tag: one cell across the grid."""
    cell = _spans(table, row, [len(table._tbl.tblGrid.gridCol_lst)])[0]
    _fill(doc, cell, S.TABLE_CELL, tag)


def _grid_row(doc, table, row: int, tag: str) -> None:
    """A {%tr %} tag row with one cell per grid column, drawn as one cell (see the module's doc)."""
    tr = table.rows[row]._tr
    for tc in tr.tc_lst:
        tr.remove(tc)
    count = len(table._tbl.tblGrid.gridCol_lst)
    for i in range(count):
        tc = tr.add_tc()
        tc.get_or_add_tcPr()._remove_tcW()
        tc.p_lst[0].style = S.TABLE_CELL
        borders = OxmlElement("w:tcBorders")
        for edge, hidden in (("left", i > 0), ("right", i < count - 1)):
            if hidden:
                el = OxmlElement(f"w:{edge}")
                el.set(qn("w:val"), "nil")
                borders.append(el)
        tc.tcPr.append(borders)
    _fill(doc, _Cell(tr.tc_lst[0], table), S.TABLE_CELL, tag)


def spacer(doc) -> None:
    """A small empty paragraph: room between a table and the heading after it."""
    para = doc.add_paragraph(style=doc.styles["Normal"])
    ppr = para._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(SPACER_PT * 2))
        rpr.append(size)
    ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")


def _text_width(L: Layout) -> int:
    _, _, left, right = L.margins_mm
    return Mm(210 - left - right).twips


# --- the figures table ------------------------------------------------------------------------


def _figure_layouts(L: Layout) -> tuple[list[int], dict[str, list[int]]]:
    """The grid (twips per grid column) and, per column, its span in each of the four layouts
    (0 where the layout leaves it out), in the order of LAYOUT_INDEX."""
    width = _text_width(L)
    fixed = {key: Cm(cm).twips for key, cm in FIGURE_CM.items()}
    layouts = []
    for shows in product((False, True), repeat=2):
        shown = dict(zip(OPTIONAL, shows))
        columns = [("stt", Cm(STT_CM).twips), ("ten", 0)] + [
            (key, fixed[key]) for key in FIGURE_CM if shown.get(key, True)]
        label = width - sum(w for _, w in columns)
        layouts.append([(key, label if key == "ten" else w) for key, w in columns])
    edges = sorted({sum(w for _, w in layout[:i + 1]) for layout in layouts for i in range(len(layout))})
    grid = [b - a for a, b in zip([0] + edges, edges)]
    spans: dict[str, list[int]] = {key: [0] * 4 for key in ("stt", "ten", *FIGURE_CM)}
    for n, layout in enumerate(layouts):
        start = 0
        for key, w in layout:
            spans[key][n] = sum(1 for edge in edges if start < edge <= start + w)
            start += w
    return grid, spans


def _colspan(spans: list[int]) -> str:
    used = {s for s in spans if s}
    if len(used) == 1:
        return "{% colspan " + str(used.pop()) + " %}"
    return "{% colspan " + str(tuple(spans)) + LAYOUT_INDEX + " %}"


def _template_spans(grid: list[int], spans: dict[str, list[int]]) -> list[int]:
    """Spans of the template's own ten cells (six columns, four {%tc %} tags) filling the grid:
    what the template shows in Word; a draft's come from the colspan tags."""
    visible = [spans[key][3] for key in ("stt", "ten", "don_vi", "cung_ky", "gia_tri", "so_sanh")]
    while sum(visible) + 4 > len(grid):
        widest = visible.index(max(visible))
        visible[widest] -= 1
    stt, ten, don_vi, cung_ky, gia_tri, so_sanh = visible
    return [stt, ten, don_vi, 1, cung_ky, 1, gia_tri, 1, so_sanh, 1]


def _figure_row(doc, table, row: int, spans: dict[str, list[int]], texts: dict[str, str], *,
                header: bool, keep_next: bool) -> None:
    grid = [int(c.w.twips) for c in table._tbl.tblGrid.gridCol_lst]
    cells = _spans(table, row, _template_spans(grid, spans))
    sid = dict.fromkeys(texts, S.TABLE_HEAD if header else S.TABLE_CELL)
    if not header:
        sid.update(cung_ky=S.TABLE_NUMBER, gia_tri=S.TABLE_NUMBER)
    order = ["stt", "ten", "don_vi", "{%tc if bang_co_cot.cung_ky %}", "cung_ky", "{%tc endif %}", "gia_tri",
             "{%tc if bang_co_cot.so_sanh %}", "so_sanh", "{%tc endif %}"]
    for cell, key in zip(cells, order):
        if key.startswith("{%tc"):
            _fill(doc, cell, S.TABLE_CELL, key)
            continue
        span = "" if key == "stt" else _colspan(spans[key])
        _fill(doc, cell, sid[key], span + texts[key], keep_next=keep_next, center=key == "stt")
        if header:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def figures_table(doc, L: Layout) -> None:
    """The figures table, between the template's {%p if bang %} and {%p endif %}."""
    grid, spans = _figure_layouts(L)
    table = _new_table(doc, 7, 10, grid)
    heads = {"stt": "STT", "ten": "Chỉ tiêu", "don_vi": "Đơn vị", "cung_ky": "{{ bang_cot.cung_ky }}",
             "gia_tri": "{{ bang_cot.gia_tri }}", "so_sanh": "{{ bang_cot.so_sanh }}"}
    cells = {"stt": "{{ dong.stt }}", "ten": "{{ dong.ten }}", "don_vi": "{{ dong.don_vi }}",
             "cung_ky": "{{r dong.cung_ky|doan_van }}", "gia_tri": "{{r dong.gia_tri|doan_van }}",
             "so_sanh": "{{r dong.so_sanh|doan_van }}"}
    _figure_row(doc, table, 0, spans, heads, header=True, keep_next=True)
    _row_props(table, 0, header=True)
    # The first row keeps with the next, so the header never stands at a page's foot with one row.
    _tag_row(doc, table, 1, "{%tr for dong in bang[:1] %}")
    _figure_row(doc, table, 2, spans, cells, header=False, keep_next=True)
    _tag_row(doc, table, 3, "{%tr endfor %}")
    _tag_row(doc, table, 4, "{%tr for dong in bang[1:] %}")
    _figure_row(doc, table, 5, spans, cells, header=False, keep_next=False)
    _grid_row(doc, table, 6, "{%tr endfor %}")
    for row in (2, 5):
        _row_props(table, row)
    spacer(doc)


# --- the comparison of localities -------------------------------------------------------------


def _comparison_row(doc, table, row: int, first: str, second: str, loop: str, value: str, *,
                    head=False, keep_next=False, bold=False, merge=None) -> None:
    """STT, Địa bàn, then the column loop's three cells (three columns in the template)."""
    cells = _spans(table, row, [1, 1] + [COMPARISON_SHARES // 3] * 3)
    texts = [first, second, "{%tc for " + loop + " %}", value, "{%tc endfor %}"]
    for i, (cell, text) in enumerate(zip(cells, texts)):
        sid = S.TABLE_HEAD if head else (S.TABLE_NUMBER if i == 3 else S.TABLE_CELL)
        _fill(doc, cell, sid, text, keep_next=keep_next, center=i == 0 and not head, bold=bold and i in (1, 3))
        if head:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if merge is not None:  # STT and Địa bàn over both header rows
        for tc in table.rows[row]._tr.tc_lst[:2]:
            tc.vMerge = merge


def comparison_table(doc, L: Layout) -> None:
    """The comparison of localities (see the module's doc), after the figures table."""
    doc.add_paragraph("{%p if so_sanh and so_sanh.cot %}", style=doc.styles["Normal"])
    caption = doc.add_paragraph("{{ so_sanh.tieu_de }}", style=_style(doc, S.TABLE_HEAD))
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.keep_with_next = True  # never alone at the foot of a page

    stt = Cm(STT_CM).twips
    width = _text_width(L)
    share = (width - stt - Cm(COMPARISON_PLACE_CM).twips) // COMPARISON_SHARES
    place = width - stt - share * COMPARISON_SHARES
    table = _new_table(doc, 9, 5, [stt, place] + [share] * COMPARISON_SHARES)
    span = "{% colspan c.rong %}"
    row_span = "{% colspan so_sanh.cot[loop.index0].rong %}"
    _comparison_row(doc, table, 0, "STT", "Địa bàn", "c in so_sanh.cot", span + "{{ c.ten }}", head=True,
                    keep_next=True, merge=ST_Merge.RESTART)
    _comparison_row(doc, table, 1, "", "", "c in so_sanh.cot",
                    span + "{% if c.don_vi %}({{ c.don_vi }}){% endif %}", head=True, keep_next=True,
                    merge=ST_Merge.CONTINUE)
    _tag_row(doc, table, 2, "{%tr for d in so_sanh.dong[:1] %}")
    _comparison_row(doc, table, 3, "{{ d.stt }}", "{{ d.ten }}", "v in d.o", row_span + "{{ v }}", keep_next=True)
    _tag_row(doc, table, 4, "{%tr endfor %}")
    _tag_row(doc, table, 5, "{%tr for d in so_sanh.dong[1:] %}")
    _comparison_row(doc, table, 6, "{{ d.stt }}", "{{ d.ten }}", "v in d.o", row_span + "{{ v }}")
    _grid_row(doc, table, 7, "{%tr endfor %}")
    _comparison_row(doc, table, 8, "", "{{ so_sanh.tong.ten }}", "v in so_sanh.tong.o", row_span + "{{ v }}",
                    bold=True)
    for row in (0, 1):
        _row_props(table, row, header=True)
    for row in (3, 6, 8):
        _row_props(table, row)
    spacer(doc)
    doc.add_paragraph("{%p endif %}", style=doc.styles["Normal"])
