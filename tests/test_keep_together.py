"""What must not break at a line's end, and how the last lines of a report sit on the page.

A document code ("04-ĐA/TU", "Số 05-BC/BDVTU") keeps its hyphens (non-breaking, U+2011) and
a number keeps the word after it ("8 mô hình", no-break space), in every text drafting writes
(drafting/lang/typography.py, applied by the Jinja finalize and the {{r }} filter); the one
text reader (drafting/docx/text.py) reads them back as "-" and " ". Recipients that wrap
hang under their text, the "Kính gửi" list stands off the first paragraph, and the last
page never holds the signature alone under the closing sentence.
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.table import Table
from docx.text.paragraph import Paragraph

import drafting
from drafting.docx import styles as S
from drafting.docx.text import element_text, run_text
from drafting.docx.text_width import width_pt
from drafting.lang.typography import NO_BREAK_SPACE as NBSP
from drafting.lang.typography import NON_BREAKING_HYPHEN as NBH
from drafting.lang.typography import keep_together, plain

from conftest import COMMUNE, PARTY, VINH
from docx_props import TWIPS_PER_CM, effective_para, effective_run

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize("text, kept", [
    ("Đề án số 04-ĐA/TU ngày 01/10/2021", f"Đề án số 04{NBH}ĐA/TU ngày 01/10/2021"),
    ("Hướng dẫn số 12-HD/BTGDVTU", f"Hướng dẫn số 12{NBH}HD/BTGDVTU"),
    ("Số 05-BC/BDVTU", f"Số 05{NBH}BC/BDVTU"),
    ("Số:       /BC-UBND", f"Số:       /BC{NBH}UBND"),
    ("Chỉ thị số 33/CT-TTg", f"Chỉ thị số 33/CT{NBH}TTg"),
    ("kinh tế - xã hội", "kinh tế - xã hội"),
    ("giai đoạn 2021 - 2025, 2021-2025", "giai đoạn 2021 - 2025, 2021-2025"),
    ("tổ chức 8 cuộc", f"tổ chức 8{NBSP}cuộc"),
    ("có 4.036 hộ kinh doanh", f"có 4.036{NBSP}hộ kinh doanh"),
    ("giảm 0,51 điểm phần trăm", f"giảm 0,51{NBSP}điểm phần trăm"),
    ("năm 2025 ước thực hiện", "năm 2025 ước thực hiện"),  # a year is no amount
    ("ngày 05/11/2025 của Ban", "ngày 05/11/2025 của Ban"),
    ("tăng 8,56% so với cùng kỳ", "tăng 8,56% so với cùng kỳ"),
    ("Năm 2025 Ủy ban", "Năm 2025 Ủy ban"),
])
def test_keep_together(text, kept):
    assert keep_together(text) == kept
    assert plain(kept) == text and len(kept) == len(text)


@pytest.fixture(scope="module")
def drafts() -> dict[str, bytes]:
    out = {}
    for name, sheet in (("nha-nuoc", COMMUNE), ("dang", PARTY), ("ban-tin", VINH)):
        loaded = drafting.load_sheet(sheet)
        out[name] = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    return out


def raw(data: bytes) -> str:
    """Every w:t of the draft's body, as written."""
    body = docx.Document(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def test_codes_and_units_are_written_unbreakable(drafts):
    party, state, bulletin = raw(drafts["dang"]), raw(drafts["nha-nuoc"]), raw(drafts["ban-tin"])
    assert f"Đề án số 04{NBH}ĐA/TU" in party and f"Số 05{NBH}BC/BDVTU" in party
    assert f"Hướng dẫn số 12{NBH}HD/BTGDVTU" in state and f"/BC{NBH}UBND" in state
    assert f"Đã xây dựng 8{NBSP}mô hình" in state  # a generated sentence, across its segments
    assert f"04{NBH}ĐA/TU" in bulletin and "04-ĐA" not in bulletin
    assert "kinh tế - xã hội" in bulletin


def test_the_text_reader_reads_them_plain(drafts):
    for data in drafts.values():
        text = drafting.read_draft(data).text()
        assert NBH not in text and NBSP not in text
    assert "Số 05-BC/BDVTU" in drafting.read_draft(drafts["dang"]).text()
    assert "Đã xây dựng 8 mô hình" in drafting.read_draft(drafts["nha-nuoc"]).text()
    run = parse_xml(f'<w:r {W}><w:t>04</w:t><w:noBreakHyphen/><w:t>ĐA/TU, 8{NBSP}cuộc, 05{NBH}BC</w:t></w:r>')
    assert run_text(run) == "04-ĐA/TU, 8 cuộc, 05-BC"
    paragraph = parse_xml(f'<w:p {W}><w:r><w:t xml:space="preserve"> 12{NBSP}lượt người </w:t></w:r></w:p>')
    assert element_text(paragraph) == "12 lượt người"


def test_regenerate_sees_an_untouched_draft_as_it_was_written(drafts, tmp_path):
    draft = tmp_path / "xa.docx"
    draft.write_bytes(drafts["nha-nuoc"])
    result = drafting.regenerate(draft, COMMUNE, dry_run=True)
    assert not result.conflicts and result.updated == 0


# --- recipients, "Kính gửi", the last page ------------------------------------------------------


def document(data: bytes):
    return docx.Document(io.BytesIO(data))


def style_id(p: Paragraph):
    return p._p.pPr.pStyle.val if p._p.pPr is not None and p._p.pPr.pStyle is not None else None


@pytest.mark.parametrize("name", ["nha-nuoc", "dang"])
def test_a_wrapped_recipient_hangs_under_its_text(drafts, name):
    doc = document(drafts[name])
    items = [p for p in doc.tables[-1].rows[0].cells[0].paragraphs if style_id(p) == S.RECIPIENT]
    assert items
    for p in items:
        fmt = effective_para(p)
        hanging = -fmt["first_line_indent_cm"] * TWIPS_PER_CM / 20  # pt
        dash = width_pt("- ", effective_run(p, p.runs[0])["size_pt"])
        assert abs(hanging - dash) <= 1 and abs(fmt["left_indent"] - hanging) <= 0.5, (
            f"{p.text!r}: hanging {hanging:.1f} pt, left {fmt['left_indent']} pt, the dash {dash:.1f} pt")


def test_the_first_paragraph_stands_off_the_kinh_gui_list(drafts):
    doc = document(drafts["nha-nuoc"])
    body = [Paragraph(p, doc._body) for p in doc.element.body.iterchildren(qn("w:p"))]
    last = max(i for i, p in enumerate(body) if style_id(p) in (S.TO, S.TO_ITEM))
    opening = body[last + 1]
    assert opening.text.startswith("Thực hiện") and style_id(opening) == S.BODY
    space = effective_para(opening)["space_after_pt"]  # the body's own spacing between paragraphs
    before = effective_para(opening)["space_before_pt"]
    assert before >= space and effective_para(body[last])["space_after_pt"] + before >= space


def variant(tmp_path, edit) -> bytes:
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(edit(COMMUNE.read_text(encoding="utf-8")), encoding="utf-8")
    return drafting.render_bytes(drafting.load_sheet(sheet), drafting.resolve_template(None, "nha-nuoc"))


def two_proposals(text: str) -> str:
    return text.replace("kien_nghi:\n", "kien_nghi:\n  - Đề nghị thứ nhất của xã.\n", 1)


def no_proposals(text: str) -> str:
    start = text.index("kien_nghi:\n")
    return text[:start] + text[text.index("\n\n", start) + 2:]


@pytest.mark.parametrize("edit", [lambda t: t, two_proposals, no_proposals], ids=["one", "two", "none"])
def test_the_signature_never_stands_alone_on_the_last_page(tmp_path, edit):
    doc = document(variant(tmp_path, edit))
    signature = Table(doc.element.body.findall(qn("w:tbl"))[-1], doc._body)
    assert signature._tbl.tr_lst[0].trPr.find(qn("w:cantSplit")) is not None, "the signature block may be cut"
    body = [Paragraph(p, doc._body) for p in doc.element.body.iterchildren(qn("w:p")) if element_text(p)]
    closing, before = body[-1], body[-2]
    assert closing.text.startswith("Trên đây là báo cáo")
    kept = [p.text[:30] for p in body if p.paragraph_format.keep_with_next and style_id(p) == S.BODY]
    # The closing sentence keeps with the signature, the paragraph above it with the closing
    # sentence; no other body paragraph is glued to the next.
    assert kept == [before.text[:30], closing.text[:30]], kept
