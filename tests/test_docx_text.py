"""The one reader of a body's text, on small inline XML fixtures."""

from __future__ import annotations

import unicodedata

from docx.oxml import parse_xml

from drafting.docx.text import element_text, run_text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_a_run_reads_tabs_and_both_kinds_of_break():
    run = parse_xml(f"<w:r {W}><w:t>Một là,</w:t><w:tab/><w:t>hai</w:t><w:br/><w:t>ba</w:t><w:cr/></w:r>")
    assert run_text(run) == "Một là,\thai\nba\n"


def test_text_is_nfc_whatever_the_file_holds():
    decomposed = unicodedata.normalize("NFD", "Hưng Nguyên")
    paragraph = parse_xml(f"<w:p {W}><w:r><w:t> {decomposed}</w:t></w:r><w:r><w:t>, </w:t></w:r></w:p>")
    assert element_text(paragraph) == "Hưng Nguyên,"
    assert element_text(paragraph) == unicodedata.normalize("NFC", element_text(paragraph))


def test_deleted_text_and_field_codes_are_not_read():
    paragraph = parse_xml(
        f"<w:p {W}><w:r><w:t>còn</w:t></w:r><w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del>"
        f"<w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"
    )
    assert element_text(paragraph) == "còn"
