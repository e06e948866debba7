"""A report on the last six months of a year (ky_bao_cao.loai: 6_thang_cuoi)."""

from __future__ import annotations

import unicodedata

import drafting
from drafting.lang import Period

from test_periods import sheet

LAST_HALF = "ky_bao_cao:\n  loai: 6_thang_cuoi\n"


def test_the_words_of_the_last_half():
    period = Period(2026, "6_thang_cuoi")
    assert period.name == "6 tháng cuối năm 2026"
    assert period.within == "Trong 6 tháng cuối năm"
    assert period.end == "cuối năm 2026"
    assert period.ahead == "6 tháng đầu năm 2027"
    assert period.compared_with == "so với cùng kỳ"
    assert period.plan_label("kế hoạch") == "kế hoạch năm"
    assert period.table_heads == {"cung_ky": "6 tháng cuối năm 2025", "gia_tri": "6 tháng cuối năm 2026",
                                  "so_sanh": "So với cùng kỳ"}


def test_a_last_half_report_reads_as_one():
    loaded = drafting.parse_sheet(sheet(LAST_HALF))
    data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    text = unicodedata.normalize("NFC", drafting.read_draft(data).text())
    assert ("Kết quả công tác dân vận chính quyền 6 tháng cuối năm 2026; phương hướng, nhiệm vụ 6 tháng đầu "
            "năm 2027") in text
    assert "6 tháng cuối năm 2025 | 6 tháng cuối năm 2026 | So với cùng kỳ" in text
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2027" in text
    # Measured against the year's plan; a figure at the end of the period is at the end of the year.
    assert ("Thu ngân sách nhà nước 6 tháng cuối năm 2026 ước thực hiện 20,3 tỷ đồng, đạt 52,32% dự toán năm, "
            "tăng 16% so với cùng kỳ.") in text
    assert "Cuối năm 2026, toàn xã còn 187 hộ nghèo" in text
