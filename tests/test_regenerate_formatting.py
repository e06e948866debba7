"""regenerate keeps what a clerk did to a paragraph without rewording it: bold, highlight, comments."""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import parse_xml

import drafting
from conftest import COMMUNE
from drafting.cycle.regenerate import regenerate
from drafting.docx.splice import raw_text, splice_text
from drafting.lang.typography import plain

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ONE_STOP = "Bộ phận một cửa đã tiếp nhận"


def _paragraph(doc, start):
    return next(p for p in doc.paragraphs if plain(p.text).startswith(start))


def _new_figures(tmp_path):
    text = COMMUNE.read_text(encoding="utf-8").replace("gia_tri: 6420", "gia_tri: 6500")
    sheet = tmp_path / "so-lieu-moi.yaml"
    sheet.write_text(text, encoding="utf-8")
    return sheet


def test_bold_highlight_and_a_comment_survive_new_figures(tmp_path):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    doc = Document(str(draft))
    paragraph = _paragraph(doc, ONE_STOP)
    words, change = paragraph.runs[1], paragraph.runs[2]
    assert words.text.startswith(ONE_STOP) and change.text == "25,78%"
    words.bold = True
    change.font.highlight_color = WD_COLOR_INDEX.YELLOW
    doc.add_comment([words], text="Kiểm tra lại với Chi cục Thống kê", author="Văn thư", initials="VT")
    doc.save(str(draft))

    result = regenerate(draft, _new_figures(tmp_path))

    assert result.conflicts == ()
    doc = Document(str(draft))
    paragraph = _paragraph(doc, ONE_STOP)
    assert plain(paragraph.text).startswith("Bộ phận một cửa đã tiếp nhận 6.500 hồ sơ thủ tục hành chính (tăng 27,35% so")
    bold = [plain(r.text) for r in paragraph.runs if r.bold]
    assert bold == ["Bộ phận một cửa đã tiếp nhận 6.500 hồ sơ thủ tục hành chính (tăng "]
    assert [r.text for r in paragraph.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW] == ["27,35%"]
    assert [c.text for c in doc.comments] == ["Kiểm tra lại với Chi cục Thống kê"]
    assert paragraph._p.xpath(".//w:commentRangeStart") and paragraph._p.xpath(".//w:commentReference")


def test_splice_changes_only_the_characters_that_differ():
    p = parse_xml(f'<w:p {W}><w:r><w:rPr><w:b/></w:rPr><w:t>còn 187 hộ, giảm </w:t></w:r>'
                  f'<w:r><w:t>20,76%</w:t></w:r><w:r><w:t xml:space="preserve"> so với cùng kỳ.</w:t></w:r></w:p>')
    assert splice_text(p, "còn 180 hộ, giảm 23,73% so với cùng kỳ.")
    assert [t.text for t in p.iter(f"{{{p.nsmap['w']}}}t")] == ["còn 180 hộ, giảm ", "23,73%", " so với cùng kỳ."]
    assert p.xpath(".//w:b")  # the clerk's bold run is still bold


def test_splice_refuses_to_move_a_tab():
    p = parse_xml(f"<w:p {W}><w:r><w:t>Một là,</w:t><w:tab/><w:t>hai</w:t></w:r></w:p>")
    before = raw_text(p)
    assert not splice_text(p, "Một là, hai")
    assert raw_text(p) == before
