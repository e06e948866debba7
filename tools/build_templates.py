"""Write the built-in Word templates in templates/ from code.

    python tools/build_templates.py            # rewrite templates/*.docx
    python tools/build_templates.py --out DIR  # write them elsewhere

The output depends only on this script and drafting/render/profiles.py, so the
committed templates can be checked against it (tests/test_templates_build.py).
Clerks may open and edit the .docx files in Word or LibreOffice; the Jinja
tags ({{ ... }}, {%p ... %}) are docxtpl's.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from template_conference import conference_body  # noqa: E402  (beside this script)
from template_tables import comparison_table, figures_table  # noqa: E402  (beside this script)

from drafting.docx import styles as S  # noqa: E402
from drafting.docx.package import document_bytes, set_properties, tidy_package  # noqa: E402
from drafting.docx.text_width import width_pt  # noqa: E402
from drafting.render.profiles import BULLETIN, CONFERENCE, LAYOUTS, PARTY, Layout  # noqa: E402

FONT = "Times New Roman"
BUILT = datetime(2026, 1, 1)
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY,
)


# --- document-wide settings -----------------------------------------------------------


def _fonts_element() -> OxmlElement:
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return fonts


def _set_defaults(doc, layout: Layout) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(_fonts_element())
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(layout.body_pt * 2)))
        rpr.append(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(layout.body_pt)
    rpr_normal = normal.element.get_or_add_rPr()
    old = rpr_normal.find(qn("w:rFonts"))
    if old is not None:
        rpr_normal.remove(old)
    rpr_normal.insert(0, _fonts_element())
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0


def _page(doc, layout: Layout) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = layout.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers in the top margin, from page 2 on: page 1 has its own, empty header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].text = ""
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.style = doc.styles[S.NAMES[S.PAGE_NUMBER]]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    para._p.append(field)


# --- styles -------------------------------------------------------------------------------


def _para_style(doc, sid, *, size, bold=False, italic=False, underline=False, align=CENTER,
                first_indent_cm=0.0, left_indent_cm=0.0, before=0.0, after=0.0, line=1.0,
                keep_next=False, caps=False):
    style = doc.styles.add_style(S.NAMES[sid], WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = sid
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.underline = underline
    font.all_caps = caps if caps else None
    pf = style.paragraph_format
    pf.alignment = align
    pf.first_line_indent = Cm(first_indent_cm)
    pf.left_indent = Cm(left_indent_cm)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line
    pf.keep_with_next = keep_next
    pf.widow_control = True
    return style


# Word rejects documents whose elements are out of the schema's order, so new
# elements go before the ones that must follow them (ECMA-376 CT_PPrBase, CT_TblPr).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription")


def _bottom_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _styles(doc, L: Layout) -> None:
    body = dict(size=L.body_pt, align=JUSTIFY, first_indent_cm=L.first_line_indent_cm,
                after=L.space_after_pt, line=L.line_spacing)
    _para_style(doc, S.PAGE_NUMBER, size=L.body_pt - 1)
    _para_style(doc, S.SUPERIOR, size=L.superior_pt)
    _para_style(doc, S.ISSUER, size=L.issuer_pt, bold=True)
    _para_style(doc, S.STAR, size=L.issuer_pt)
    _para_style(doc, S.NUMBER, size=L.number_pt, before=6)
    national = L is PARTY  # "ĐẢNG CỘNG SẢN VIỆT NAM" carries its line as an underline
    _para_style(doc, S.NATIONAL, size=L.national_pt, bold=True, underline=national)
    _para_style(doc, S.MOTTO, size=L.motto_pt, bold=True, underline=True)
    _para_style(doc, S.PLACE_DATE, size=L.date_pt, italic=True, before=6)
    rule = _para_style(doc, S.RULE, size=5, line=1.0)
    _bottom_border(rule)
    _para_style(doc, S.KIND, size=L.kind_pt, bold=True, before=18)
    _para_style(doc, S.SUBJECT, size=L.subject_pt, bold=True)
    _para_style(doc, S.DASHES, size=L.subject_pt, after=6)
    # "Kính gửi:" stands left of centre and the recipients' list hangs under it.
    _para_style(doc, S.TO, size=L.body_pt, align=LEFT, before=6, after=3, left_indent_cm=3.0)
    _para_style(doc, S.TO_ITEM, size=L.body_pt, align=LEFT, after=3, left_indent_cm=5.0)
    _para_style(doc, S.BODY, **body)
    _para_style(doc, S.HEADING1, **{**body, "before": 6}, bold=True, keep_next=True)
    _para_style(doc, S.HEADING2, **body, bold=True, keep_next=True)
    table_pt = L.body_pt - 2  # 12 pt: the figures table's columns fit the text width (template_tables.py)
    _para_style(doc, S.TABLE_HEAD, size=table_pt, bold=True, before=3, after=3)
    _para_style(doc, S.TABLE_CELL, size=table_pt, align=LEFT, before=3, after=3)
    _para_style(doc, S.TABLE_NUMBER, size=table_pt, align=RIGHT, before=3, after=3)
    party = L is PARTY
    _para_style(doc, S.RECIPIENTS_TITLE, size=L.recipients_title_pt, align=LEFT,
                bold=not party, italic=not party, underline=party)
    dash_cm = width_pt("- ", L.recipients_pt) * 2.54 / 72  # a wrapped item hangs under its text
    _para_style(doc, S.RECIPIENT, size=L.recipients_pt, align=LEFT, left_indent_cm=dash_cm, first_indent_cm=-dash_cm)
    _para_style(doc, S.AUTHORITY, size=L.signature_pt, bold=True)
    _para_style(doc, S.TITLE_LINE, size=L.signature_pt, bold=L.title_line_bold)
    _para_style(doc, S.SIGN_SPACE, size=L.signature_pt)
    _para_style(doc, S.SIGNER, size=L.signature_pt, bold=True)
    _para_style(doc, S.NEWS_TITLE, size=L.subject_pt, bold=True, after=12, line=1.15)
    _para_style(doc, S.BYLINE_NAME, size=L.body_pt, bold=True, align=RIGHT, before=6)
    _para_style(doc, S.BYLINE_TITLE, size=L.body_pt, align=RIGHT)
    if L is CONFERENCE:  # a picture's caption, under where the picture goes, kept with the part it stands before
        _para_style(doc, S.CAPTION, size=L.body_pt, italic=True, after=L.space_after_pt, line=L.line_spacing,
                    keep_next=True)
    computed = doc.styles.add_style(S.NAMES[S.COMPUTED], WD_STYLE_TYPE.CHARACTER)
    computed.style_id = S.COMPUTED
    computed.base_style = doc.styles["Default Paragraph Font"]


def _comment_styles(doc) -> None:
    """Word's styles of comments, which python-docx's add_comment (regenerate's conflicts) refers
    to by id without adding them: a comment's text and the mark of its place in the text."""
    text = doc.styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH)
    text.style_id = "CommentText"
    text.base_style = doc.styles["Normal"]
    text.font.size = Pt(10)
    mark = doc.styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    mark.style_id = "CommentReference"
    mark.base_style = doc.styles["Default Paragraph Font"]
    mark.font.size = Pt(8)
    for style in (text, mark):
        style.hidden, style.unhide_when_used, style.priority = True, True, 99
        style.element.attrib.pop(qn("w:customStyle"))  # Word's own styles, not the template's


# --- tables ---------------------------------------------------------------------------------


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def _cell_top_margin(table, points: float) -> None:
    """Room above every cell of the table (here: the signature block below the body)."""
    margins = OxmlElement("w:tblCellMar")
    top = OxmlElement("w:top")
    top.set(qn("w:w"), str(int(points * 20)))
    top.set(qn("w:type"), "dxa")
    margins.append(top)
    table._tbl.tblPr.insert_element_before(margins, *_AFTER_TBLCELLMAR)


def _fixed_table(doc, rows: int, widths_cm: list[float], style=None):
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    if style:
        table.style = doc.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # writes <w:tblLayout w:type="fixed"/>
    for i, width in enumerate(widths_cm):
        table.columns[i].width = Cm(width)
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
    return table


def _add(doc, sid: str, text: str):
    return doc.add_paragraph(text, style=doc.styles[S.NAMES[sid]])


def _tag(doc, text: str):
    """A paragraph holding only a docxtpl {%p %} tag; it disappears when rendered."""
    return doc.add_paragraph(text, style=doc.styles["Normal"])


def _each(doc, loop: str, sid: str, text: str, keep_last: str = "") -> None:
    """One paragraph of style ``sid`` for each item of a Jinja ``for`` loop; with ``keep_last`` (a
    condition), the last one keeps with the next paragraph when the condition holds."""
    _tag(doc, "{%p for " + loop + " %}")
    if keep_last:
        _tag(doc, "{%p if loop.last and " + keep_last + " %}")
        _add(doc, sid, text).paragraph_format.keep_with_next = True
        _tag(doc, "{%p else %}")
    _add(doc, sid, text)
    if keep_last:
        _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")


# --- report templates ---------------------------------------------------------------------


def _report_header(doc, L: Layout) -> None:
    table = _fixed_table(doc, 2, [L.header_left_cm, L.header_right_cm])
    _no_borders(table)
    left_top = [
        ("Normal", "{%p for dong in co_quan_chu_quan %}"),
        (S.SUPERIOR, "{{ dong|chu_hoa }}"),
        ("Normal", "{%p endfor %}"),
        ("Normal", "{%p for dong in co_quan_ban_hanh %}"),
        (S.ISSUER, "{{ dong|chu_hoa }}"),
        ("Normal", "{%p endfor %}"),
    ]
    if L is PARTY:
        left_top.append((S.STAR, "*"))
        right_top = [(S.NATIONAL, "ĐẢNG CỘNG SẢN VIỆT NAM")]
        number = "{{ so_van_ban|so_hieu('dang') }}"
    else:
        left_top.append((S.RULE, ""))
        right_top = [
            (S.NATIONAL, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (S.MOTTO, "Độc lập - Tự do - Hạnh phúc"),
        ]
        number = "{{ so_van_ban|so_hieu('nha-nuoc') }}"
    cells = table.rows[0].cells
    _fill_cell(doc, cells[0], left_top)
    _fill_cell(doc, cells[1], right_top)
    cells = table.rows[1].cells
    _fill_cell(doc, cells[0], [(S.NUMBER, number)])
    _fill_cell(doc, cells[1], [(S.PLACE_DATE, "{{ noi_ban_hanh }}, {{ ngay_ban_hanh|ngay(nam) }}")])
    for cell in table.rows[0].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _fill_cell(doc, cell, lines) -> None:
    for i, (sid, text) in enumerate(lines):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        para.text = text
        para.style = doc.styles["Normal"] if sid == "Normal" else doc.styles[S.NAMES[sid]]


def _report_body(doc, L: Layout) -> None:
    sep = L.heading_separator
    party = L is PARTY
    _add(doc, S.KIND, "BÁO CÁO")
    if party:
        _add(doc, S.SUBJECT, "{{ trich_yeu|chu_thuong_dau }}")
        _add(doc, S.DASHES, "-----")
    else:
        _add(doc, S.SUBJECT, "{{ trich_yeu }}")
        _add(doc, S.RULE, "")
    _tag(doc, "{%p if kinh_gui|length == 1 %}")
    _add(doc, S.TO, "Kính gửi: {{ kinh_gui[0] }}.")
    _tag(doc, "{%p elif kinh_gui %}")
    _add(doc, S.TO, "Kính gửi:")
    _each(doc, "noi in kinh_gui", S.TO_ITEM, "- {{ noi }}{{ '.' if loop.last else ';' }}")
    _tag(doc, "{%p endif %}")
    opening = _add(doc, S.BODY, "{{ mo_dau }}")
    opening.paragraph_format.space_before = Pt(L.space_after_pt)  # off the "Kính gửi" list

    _add(doc, S.HEADING1, "{{ phan.ket_qua|la_ma }}" + sep + " KẾT QUẢ ĐẠT ĐƯỢC")
    _tag(doc, "{%p for muc in ket_qua %}")
    _add(doc, S.HEADING2, "{{ loop.index }}. {{ muc.tieu_de }}")
    _each(doc, "doan in muc.doan", S.BODY, "{{r doan|doan_van }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if bang or so_sanh %}")
    _add(doc, S.HEADING2, "{{ ket_qua|length + 1 }}. Một số chỉ tiêu chủ yếu")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if bang %}")
    figures_table(doc, L)  # template_tables.py
    _tag(doc, "{%p endif %}")
    comparison_table(doc, L)

    _tag(doc, "{%p if han_che or nguyen_nhan %}")
    _add(doc, S.HEADING1, "{{ phan.han_che|la_ma }}" + sep + " HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN")
    _tag(doc, "{%p if han_che %}")
    _add(doc, S.HEADING2, "1. Hạn chế, khó khăn")
    _each(doc, "y in han_che", S.BODY, "{{ y|ket_cau }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if nguyen_nhan %}")
    _add(doc, S.HEADING2, "{{ 2 if han_che else 1 }}. Nguyên nhân")
    _each(doc, "y in nguyen_nhan", S.BODY, "{{ y|ket_cau }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")

    _add(doc, S.HEADING1, "{{ phan.nhiem_vu|la_ma }}" + sep + " PHƯƠNG HƯỚNG, NHIỆM VỤ {{ ky_toi|chu_hoa }}")
    _tag(doc, "{%p if nhiem_vu_mo_dau %}")
    _add(doc, S.BODY, "{{ nhiem_vu_mo_dau|ket_cau(':') }}")
    _tag(doc, "{%p endif %}")
    _each(doc, "y in nhiem_vu", S.BODY, "{{ loop.index|thu_tu(kieu_thu_tu) }}, {{ y|chu_thuong_dau|ket_cau }}",
          keep_last="not kien_nghi")  # with the closing sentence: the last page is never a signature alone

    _tag(doc, "{%p if kien_nghi %}")
    _add(doc, S.HEADING1, "{{ phan.kien_nghi|la_ma }}" + sep + " KIẾN NGHỊ, ĐỀ XUẤT")
    _each(doc, "y in kien_nghi", S.BODY, "{{ y|ket_cau }}", keep_last="true")
    _tag(doc, "{%p endif %}")
    _add(doc, S.BODY, "Trên đây là báo cáo {{ bao_cao_ve }} của {{ co_quan_ten }}./.")

    _signature(doc, L)


def _signature(doc, L: Layout) -> None:
    # The closing sentence just above keeps with the signature block, which is never cut across
    # two pages: the last page never holds a signature alone.
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    table = _fixed_table(doc, 1, [7.0, 9.5])
    _no_borders(table)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    _fill_cell(doc, left, [
        (S.RECIPIENTS_TITLE, "Nơi nhận:"),
        ("Normal", "{%p for noi in noi_nhan %}"),
        (S.RECIPIENT, "- {{ noi }}{{ '.' if loop.last else ';' }}"),
        ("Normal", "{%p endfor %}"),
    ])
    _fill_cell(doc, right, [
        ("Normal", "{%p for dong in nguoi_ky.tham_quyen %}"),
        (S.AUTHORITY, "{{ dong|chu_hoa }}"),
        ("Normal", "{%p endfor %}"),
        (S.TITLE_LINE, "{{ nguoi_ky.chuc_vu|chu_hoa }}"),
        (S.SIGN_SPACE, ""),
        (S.SIGN_SPACE, ""),
        (S.SIGN_SPACE, ""),
        (S.SIGN_SPACE, ""),
        (S.SIGNER, "{{ nguoi_ky.ho_ten }}"),
    ])
    # Room above the signature block, the same in both columns so that "Nơi nhận:"
    # stays level with the authority line.
    _cell_top_margin(table, 12)


# --- bulletin -------------------------------------------------------------------------------


def _bulletin_body(doc, L: Layout) -> None:
    _add(doc, S.NEWS_TITLE, "{{ trich_yeu }}")
    _tag(doc, "{%p if mo_dau %}")
    _add(doc, S.BODY, "{{ mo_dau }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for muc in ket_qua %}")
    _each(doc, "doan in muc.doan", S.BODY, "{{r doan|doan_van }}")
    _tag(doc, "{%p endfor %}")
    _each(doc, "y in han_che + nguyen_nhan", S.BODY, "{{ y|ket_cau }}")
    _tag(doc, "{%p if nhiem_vu and nhiem_vu_mo_dau %}")  # a bulletin may have no tasks, or no lead-in
    _add(doc, S.BODY, "{{ nhiem_vu_mo_dau|ket_cau(':') }}")
    _tag(doc, "{%p endif %}")
    _each(doc, "y in nhiem_vu", S.BODY,
          "{{ loop.index|thu_tu(kieu_thu_tu) }}, {{ y|chu_thuong_dau|ket_cau('./.' if loop.last else '.') }}")
    _byline(doc)


def _byline(doc) -> None:
    """A name, a name and title, or the source of an article taken from elsewhere."""
    _tag(doc, "{%p if tac_gia.ho_ten %}")
    _add(doc, S.BYLINE_NAME, "{{ tac_gia.ho_ten }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if tac_gia.chuc_danh %}")
    _add(doc, S.BYLINE_TITLE, "{{ tac_gia.chuc_danh }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if tac_gia.nguon %}")
    _add(doc, S.BYLINE_TITLE, "({{ tac_gia.nguon }})")
    _tag(doc, "{%p endif %}")


# --- entry point ----------------------------------------------------------------------------


def build(layout: Layout) -> bytes:
    doc = Document()
    # python-docx's starting document holds one empty paragraph; drop it.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    _set_defaults(doc, layout)
    _styles(doc, layout)
    _comment_styles(doc)
    _page(doc, layout)
    if layout is BULLETIN:
        _bulletin_body(doc, layout)
    elif layout is CONFERENCE:
        conference_body(lambda sid, text: _add(doc, sid, text), lambda text: _tag(doc, text),
                        lambda loop, sid, text: _each(doc, loop, sid, text), lambda: _byline(doc))
    else:
        _report_header(doc, layout)
        _report_body(doc, layout)
    tidy_package(doc)  # no stylesWithEffects, no stock thumbnail, drafting's own app.xml, Word 2013 mode
    set_properties(doc, title=f"Mẫu {layout.label}", subject="Mẫu báo cáo của drafting",
                   author="drafting", when=BUILT)
    return document_bytes(doc)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "templates")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, layout in LAYOUTS.items():
        target = args.out / f"{name}.docx"
        target.write_bytes(build(layout))
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
