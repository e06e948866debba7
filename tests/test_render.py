"""Rendering: the Vinh figures exactly as the seed writes them, escaping, atomic writes."""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from docx import Document
from lxml import etree

import drafting
from drafting.docx import styles as S
from drafting.errors import OutputError, TemplateProblem

from conftest import ALL_EXAMPLES, COMMUNE, PARTY, VINH


def render(path):
    loaded = drafting.load_sheet(path)
    return drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))


@pytest.fixture(scope="module")
def vinh_text():
    return drafting.read_draft(render(VINH)).text()


@pytest.mark.parametrize(
    "expected",
    [
        "596 doanh nghiệp",
        "4.036 hộ kinh doanh",
        "8,56%",
        "24.256 tỷ đồng",
        "100,51%",
        "6.044,8 tỷ đồng",
        "291,3%",
        "0,16%",
        "Một là",
        "Bảy là",
        "Nguyễn Mạnh Khôi",
    ],
)
def test_vinh_draft_writes_the_seed_figures(vinh_text, expected):
    assert expected in vinh_text


def test_vinh_sentences_read_like_the_seed(vinh_text):
    # The clerk's own sentences with the figures referenced from the sheet (every figure of the
    # seed is checked in test_seed_examples.py).
    assert (
        "Tổng giá trị tăng thêm năm 2022 ước đạt 24.256 tỷ đồng, bằng 100,51% KH, "
        "tăng 8,56% so với cùng kỳ, trong đó: ngành Công nghiệp - xây dựng đạt 7.360 tỷ đồng" in vinh_text
    )
    assert ("6.044,8 tỷ đồng, đạt 291,3% dự toán Tỉnh giao, 187,4% dự toán HĐND Thành phố giao, "
            "tăng 136,6% so với cùng kỳ." in vinh_text)
    assert "đã tiếp định kỳ 94 lượt người (giảm 54% so với cùng kỳ) với 81 vụ việc" in vinh_text
    assert "Trong thời gian tới thành phố Vinh cần tập trung làm tốt một số nội dung sau:" in vinh_text


def test_vinh_figures_without_the_clerks_paragraphs_read_like_the_seed(tmp_path):
    # Without the clerk's paragraphs, drafting writes the figures' sentences, related ones joined.
    text = VINH.read_text(encoding="utf-8")
    start, end = text.index("\nnoi_dung:\n"), text.index("\nchi_tieu:\n")
    sheet = tmp_path / "vinh-khong-doan-van.yaml"
    sheet.write_text(text[:start] + text[end:], encoding="utf-8")
    draft = drafting.read_draft(render(sheet)).text()
    # Related figures share a sentence, as the seed writes them.
    assert ("Năm 2022, toàn thành phố có 596 doanh nghiệp và 4.036 hộ kinh doanh cá thể đăng ký thành lập mới."
            in draft)
    assert (
        "Tổng giá trị tăng thêm năm 2022 ước đạt 24.256 tỷ đồng, bằng 100,51% KH, "
        "tăng 8,56% so với cùng kỳ, trong đó: ngành công nghiệp - xây dựng ước đạt 7.360 tỷ đồng" in draft
    )
    # After a comparison with the plan, "so với cùng kỳ" stays, even right after a clause
    # that said it: a bare "tăng 6,76%" would read as against the plan.
    assert "7.360 tỷ đồng, bằng 97,39% so với KH, tăng 6,76% so với cùng kỳ;" in draft
    assert ("tiếp công dân định kỳ 94 lượt người (giảm 54% so với cùng kỳ) với 81 vụ việc (giảm 49,6%); "
            "tiếp công dân thường xuyên 683 lượt người.") in draft


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_without_warnings(example, in_tmp):
    result = drafting.render_draft(example, in_tmp / "out.docx")
    assert result.warnings == ()
    with zipfile.ZipFile(result.output) as package:
        for name in package.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(package.read(name))  # well-formed
    assert Document(str(result.output)).paragraphs


def test_default_output_is_the_sheet_name_in_the_working_directory(in_tmp):
    result = drafting.render_draft(VINH)
    assert result.output == in_tmp / "vinh-2022.docx"
    assert result.output.is_file()


def test_same_sheet_and_template_give_the_same_bytes():
    assert render(COMMUNE) == render(COMMUNE)


def test_section_without_text_or_figures_is_left_out():
    text = drafting.read_draft(render(COMMUNE)).text()
    assert "Thực hiện dân chủ ở cơ sở" not in text  # the commune sheet has nothing for it
    assert "5. Phong trào thi đua “Dân vận khéo”" in text


def test_computed_figures_carry_their_own_character_style():
    view = drafting.read_draft(render(COMMUNE))
    computed = [s.text for line in view.lines for s in line.segments if s.computed]
    assert "33,33%" in computed  # 12 documents against 9 last year
    assert "1,9%" in computed  # poverty rate worked out from 187 / 9.850 households
    document = Document(io.BytesIO(render(COMMUNE)))
    assert any(r.style.style_id == S.COMPUTED for p in document.paragraphs for r in p.runs)


def test_table_rows_compare_with_last_year():
    view = drafting.read_draft(render(COMMUNE))
    (grid,) = view.tables
    rows = [["".join(s.text for s in cell) for cell in row] for row in grid.rows]
    assert rows[0] == ["STT", "Chỉ tiêu", "Đơn vị", "Năm 2024", "Năm 2025", "So với năm 2024"]
    assert ["3", "Thu ngân sách nhà nước", "tỷ đồng", "31,2", "38,6", "tăng 23,72%"] in rows
    assert ["5", "Tỷ lệ hộ nghèo", "%", "2,41", "1,9", "giảm 0,51 điểm phần trăm"] in rows
    assert not any(row[1] == "Tổng số hộ dân cư" for row in rows)  # vao_bang: false


def test_special_characters_print_literally_and_the_document_stays_whole(tmp_path):
    plain = COMMUNE.read_text(encoding="utf-8")
    tricky = plain.replace("noi_ban_hanh: Hưng Nguyên ", 'noi_ban_hanh: "Vinh & Cửa Lò <2022>" ').replace(
        "      tháng; các kiến nghị",
        "      tháng; nhân dân nói \"dân biết, dân bàn\" & 'dân làm' {{ x }} {_{ y }_} {_% z %_}; các kiến nghị",
    )
    assert tricky != plain
    sheet = tmp_path / "dac-biet.yaml"
    sheet.write_text(tricky, encoding="utf-8")
    data = render(sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        etree.fromstring(package.read("word/document.xml"))
    text = drafting.read_draft(data).text()
    assert "Hưng Nguyên, ngày 10 tháng 12 năm 2025" not in text
    assert "Vinh & Cửa Lò <2022>, ngày 10 tháng 12 năm 2025" in text
    assert "nhân dân nói \"dân biết, dân bàn\" & 'dân làm' {{ x }} {_{ y }_} {_% z %_}; các kiến nghị" in text
    before = drafting.read_draft(render(COMMUNE))
    after = drafting.read_draft(data)
    assert len(after.body) == len(before.body)
    assert after.signature_right == before.signature_right


def test_a_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "bao-cao.docx"
    drafting.render_draft(COMMUNE, target)
    old = target.read_bytes()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="tệp có đang mở trong Word không"):
        drafting.render_draft(VINH, target)
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_writing_onto_a_folder_is_an_output_error(tmp_path):
    (tmp_path / "thu-muc").mkdir()
    with pytest.raises(OutputError):
        drafting.render_draft(VINH, tmp_path / "thu-muc")
    assert [p.name for p in (tmp_path / "thu-muc").iterdir()] == []


def test_invalid_sheet_writes_nothing(tmp_path):
    bad = tmp_path / "sai.yaml"
    bad.write_text(VINH.read_text(encoding="utf-8").replace("gia_tri: 596", "gia_tri: -596"), encoding="utf-8")
    with pytest.raises(drafting.SheetError):
        drafting.render_draft(bad, tmp_path / "sai.docx")
    assert not (tmp_path / "sai.docx").exists()


def test_a_template_given_by_path_is_used(tmp_path):
    custom = tmp_path / "mau-rieng.docx"
    custom.write_bytes(drafting.resolve_template("dang", "dang").read_bytes())
    result = drafting.render_draft(PARTY, tmp_path / "out.docx", template=custom)
    assert result.template == custom
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in drafting.read_draft(result.output).text()


def test_template_problems_are_reported(tmp_path):
    with pytest.raises(TemplateProblem, match="không tìm thấy mẫu 'khong-co'"):
        drafting.render_draft(PARTY, tmp_path / "x.docx", template="khong-co")
    not_docx = tmp_path / "mau.txt"
    not_docx.write_text("x", encoding="utf-8")
    with pytest.raises(TemplateProblem, match="phải là tệp Word .docx"):
        drafting.render_draft(PARTY, tmp_path / "x.docx", template=not_docx)
    broken = tmp_path / "hong.docx"
    document = Document()
    document.add_paragraph("{{ ten_khong_co }}")
    document.save(str(broken))
    with pytest.raises(TemplateProblem, match="ten_khong_co"):
        drafting.render_draft(PARTY, tmp_path / "x.docx", template=broken)
    assert not (tmp_path / "x.docx").exists()


# Any printable text a clerk types comes out of the document exactly as typed (NFC).
CLERK_TEXT = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠấầẩẫậĐ0123456789 &<>\"'{}%#/\\:;.,-_*!?“”")),
    min_size=1, max_size=60,
).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=CLERK_TEXT)
def test_clerk_text_round_trips_literally(tmp_path, text):
    sheet = tmp_path / "bang.yaml"
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    sheet.write_text(
        COMMUNE.read_text(encoding="utf-8").replace(
            "  tiep_dan:\n    - >-\n", f'  tiep_dan:\n    - "{quoted}"\n    - >-\n'
        ),
        encoding="utf-8",
    )
    lines = [ln.text for ln in drafting.read_draft(render(sheet)).lines]
    expected = unicodedata.normalize("NFC", " ".join(text.split()))
    assert expected in lines


def test_control_characters_are_refused_where_they_are(tmp_path):
    sheet = tmp_path / "bang.yaml"
    sheet.write_text(
        COMMUNE.read_text(encoding="utf-8").replace("ho_ten: Lê Văn Minh", 'ho_ten: "Lê Văn\\vMinh"'),
        encoding="utf-8",
    )
    with pytest.raises(drafting.SheetError) as caught:
        drafting.load_sheet(sheet)
    [problem] = caught.value.problems
    assert problem.location.path == "nguoi_ky.ho_ten"
    assert problem.message == "có ký tự điều khiển không in được (U+000B): hãy xóa ký tự đó"


def test_table_marks_the_figures_drafting_worked_out():
    (grid,) = drafting.read_draft(render(COMMUNE)).tables
    by_name = {"".join(s.text for s in row[1]): row for row in grid.rows[1:]}
    rate = by_name["Tỷ lệ hồ sơ giải quyết đúng hẹn"]
    assert [(s.text, s.computed) for s in rate[4]] == [("99,66", True)]  # 6.398 / 6.420
    counted = by_name["Hồ sơ thủ tục hành chính tiếp nhận"]
    assert [(s.text, s.computed) for s in counted[4]] == [("6.420", False)]
