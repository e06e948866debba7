"""A sheet filled in part: next year's sheet from ``drafting new --from`` with three figures filled
gives a draft with those three, and one warning naming every figure still to fill."""

from __future__ import annotations

import re

import pytest

import drafting
from drafting.cli import main
from drafting.errors import SheetError

from conftest import VINH

FILLED = {"doanh_nghiep_moi": "700", "ho_kinh_doanh_moi": "4250", "tang_truong_kinh_te": "9.2"}


@pytest.fixture
def next_year(tmp_path):
    sheet = tmp_path / "vinh-2023.yaml"
    assert main(["new", "--from", str(VINH), "-o", str(sheet)]) == 0
    text = sheet.read_text(encoding="utf-8")
    for code, value in FILLED.items():
        text, n = re.subn(rf"(\n    {code}:\n      gia_tri:)( +# [^\n]*)", rf"\1 {value}\2", text)
        assert n == 1, code
    sheet.write_text(text, encoding="utf-8")
    return sheet


def test_three_figures_filled_give_a_draft_of_three_and_one_warning(next_year, tmp_path):
    loaded = drafting.load_sheet(next_year)
    assert [ind.code for ind in loaded.indicators] == list(FILLED)
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    text = next_year.read_text(encoding="utf-8")
    rest = [code for code in re.findall(r"\n    (\w+):\n", text.split("\nchi_tieu:", 1)[1]) if code not in FILLED]
    assert rest and warning.message == (f"còn {len(rest)} số chưa điền, bản dự thảo chưa có các số này: "
                                        + ", ".join(rest))
    assert warning.location.path == f"chi_tieu.kinh_te.{rest[0]}.gia_tri"

    result = drafting.render_draft(next_year, tmp_path / "vinh-2023.docx")
    draft = drafting.read_draft(result.output.read_bytes()).text()
    # The two new-business figures share one sentence, as seed 000 writes them.
    assert ("Năm 2023, toàn thành phố có 700 doanh nghiệp (tăng 17,45% so với cùng kỳ) và 4.250 hộ kinh doanh "
            "cá thể (tăng 5,3%) đăng ký thành lập mới.") in draft
    assert "4.250 hộ kinh doanh cá thể" in draft and "9,2%" in draft
    assert "hộ nghèo" not in draft and "Thu ngân sách" not in draft


def test_a_sentence_naming_a_figure_not_filled_is_refused(next_year):
    text = next_year.read_text(encoding="utf-8").replace(
        "\nchi_tieu:", "\nhan_che:\n  - Số hộ nghèo còn [ho_ngheo].\nchi_tieu:", 1)
    with pytest.raises(SheetError) as caught:
        drafting.parse_sheet(text, next_year)
    assert [p.message for p in caught.value.problems] == [
        "chỉ tiêu 'ho_ngheo' chưa điền gia_tri: hãy điền số trước khi dùng nó trong câu văn"]
