"""A figure by year of the period (theo_nam): its sentence, its total, its check and the next sheet."""

from __future__ import annotations

import textwrap
import unicodedata

import pytest
from ruamel.yaml import YAML

import drafting
from drafting.cli import main

from conftest import MINIMAL_STATE_SHEET

REVIEW = MINIMAL_STATE_SHEET.replace("nam: 2025\n", textwrap.dedent("""\
    nam: 2020
    ky_bao_cao:
      loai: nhieu_nam
      tu_nam: 2015
      den_thang: 6
    """))

BRIGHT_SPOTS = textwrap.dedent("""\
    chi_tieu:
      dan_van_kheo:
        diem_sang:
          ten: Điểm sáng “Dân vận khéo”
          don_vi: điểm sáng
          theo_nam: {2016: 109, 2017: 105, 2018: 101, 2019: hơn 110, 2020: 124}
    noi_dung:
      dan_van_kheo:
        - "Phong trào thi đua “Dân vận khéo” lan tỏa ([diem_sang.theo_nam]); cả kỳ có [diem_sang]."
    """)

SERIES_SENTENCE = ("Phong trào thi đua “Dân vận khéo” lan tỏa (năm 2016 có 109 điểm sáng, năm 2017 có 105 điểm "
                   "sáng, năm 2018 có 101 điểm sáng, năm 2019 có hơn 110 điểm sáng và 6 tháng đầu năm 2020 có "
                   "124 điểm sáng); cả kỳ có 549 điểm sáng.")


def _text(sheet_text: str) -> str:
    loaded = drafting.parse_sheet(sheet_text, "bang.yaml")
    data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    return unicodedata.normalize("NFC", drafting.read_draft(data).text())


def _problems(sheet_text: str) -> list[str]:
    with pytest.raises(drafting.SheetError) as caught:
        drafting.parse_sheet(sheet_text, "bang.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_series_is_written_year_by_year_and_the_total_is_its_sum():
    # 109 + 105 + 101 + 110 + 124 = 549, the period's total when gia_tri is blank.
    assert SERIES_SENTENCE in _text(REVIEW + BRIGHT_SPOTS)


def test_a_given_total_is_kept_beside_its_series():
    sheet = REVIEW + BRIGHT_SPOTS.replace("don_vi: điểm sáng\n", "don_vi: điểm sáng\n      gia_tri: 600\n")
    assert "cả kỳ có 600 điểm sáng." in _text(sheet)


def test_a_series_in_a_sentence_of_the_clerks_own():
    sheet = REVIEW + BRIGHT_SPOTS.split("noi_dung:")[0].replace(
        "theo_nam:", "cau: \"Số điểm sáng: {theo_nam}.\"\n      theo_nam:")
    text = _text(sheet)
    assert ("Số điểm sáng: năm 2016 có 109 điểm sáng, năm 2017 có 105 điểm sáng, năm 2018 có 101 điểm sáng, "
            "năm 2019 có hơn 110 điểm sáng và 6 tháng đầu năm 2020 có 124 điểm sáng.") in text


def test_the_last_year_is_a_whole_year_without_den_thang():
    sheet = REVIEW.replace("  den_thang: 6\n", "") + BRIGHT_SPOTS
    assert "năm 2019 có hơn 110 điểm sáng và năm 2020 có 124 điểm sáng" in _text(sheet)


def test_a_year_outside_the_period_is_a_located_error():
    sheet = REVIEW + BRIGHT_SPOTS.replace("{2016: 109,", "{2014: 109,")
    line = (REVIEW + BRIGHT_SPOTS).splitlines().index(
        "      theo_nam: {2016: 109, 2017: 105, 2018: 101, 2019: hơn 110, 2020: 124}") + 1
    assert _problems(sheet) == [
        f"bang.yaml:{line}:18 chi_tieu.dan_van_kheo.diem_sang.theo_nam.2014: năm 2014 nằm ngoài kỳ báo cáo "
        "(giai đoạn 2015 - 2020): theo_nam chỉ ghi các năm từ 2015 đến 2020"]


def test_a_year_report_takes_only_its_year():
    sheet = MINIMAL_STATE_SHEET + BRIGHT_SPOTS.replace(
        "{2016: 109, 2017: 105, 2018: 101, 2019: hơn 110, 2020: 124}", "{2024: 12, 2025: 14}")
    assert [p.split(": ", 1)[1] for p in _problems(sheet)] == [
        "năm 2024 nằm ngoài kỳ báo cáo (năm 2025): theo_nam chỉ ghi năm 2025"]


def test_a_value_that_is_not_a_number():
    sheet = REVIEW + BRIGHT_SPOTS.replace("2019: hơn 110", "2019: nhiều")
    messages = [p.split(": ", 1)[1] for p in _problems(sheet)]
    assert messages == ['phải là số (ví dụ 4036, 6044.8 hoặc "6.044,8")']


def test_den_thang_belongs_to_a_review():
    sheet = MINIMAL_STATE_SHEET.replace("nam: 2025\n", "nam: 2025\nky_bao_cao:\n  den_thang: 6\n")
    assert [p.split(": ", 1)[1] for p in _problems(sheet)] == ["chỉ ghi den_thang khi loai: nhieu_nam"]


def test_the_next_sheet_carries_the_total_not_the_years(in_tmp, capsys):
    (in_tmp / "2020.yaml").write_text(REVIEW + BRIGHT_SPOTS, encoding="utf-8")
    assert main(["new", "-o", "2025.yaml", "--from", "2020.yaml"]) == 0
    data = YAML(typ="safe", pure=True).load((in_tmp / "2025.yaml").read_text(encoding="utf-8"))
    assert data["chi_tieu"]["dan_van_kheo"]["diem_sang"] == {
        "ten": "Điểm sáng “Dân vận khéo”", "don_vi": "điểm sáng", "gia_tri": None, "cung_ky": 549}
