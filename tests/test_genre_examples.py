"""The examples of the other genres, read back from their drafts as a reader sees them."""

from __future__ import annotations

import pytest

import drafting
from drafting.docx import styles as S

from conftest import EXAMPLES

HALF_YEAR = EXAMPLES / "xa-hung-nguyen-6-thang-2026.yaml"
REVIEW = EXAMPLES / "nghe-an-kl114-2020.yaml"


def read(path):
    loaded = drafting.load_sheet(path)
    assert loaded.warnings == ()
    return drafting.read_draft(drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc)))


def styled(view, style: str) -> list[str]:
    return [line.text for line in view.lines if line.style == style]


def heads(view) -> list[str]:
    (table,) = view.tables
    return ["".join(s.text for s in cell) for cell in table.rows[0]]


@pytest.fixture(scope="module")
def half_year():
    return read(HALF_YEAR)


@pytest.fixture(scope="module")
def review():
    return read(REVIEW)


def test_the_half_year_example(half_year):
    assert styled(half_year, S.SUBJECT) == ["Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026; phương hướng, "
                                           "nhiệm vụ 6 tháng cuối năm 2026"]
    text = half_year.text()
    assert ("Trong 6 tháng đầu năm, đã ban hành 7 văn bản lãnh đạo, chỉ đạo về công tác dân vận chính quyền, "
            "tăng 40% so với cùng kỳ.") in text
    assert ("Thu ngân sách nhà nước 6 tháng đầu năm 2026 ước thực hiện 21,4 tỷ đồng, đạt 53,5% dự toán năm Hội đồng "
            "nhân dân xã giao, tăng 17,58% so với cùng kỳ.") in text
    assert ("Cuối tháng 6 năm 2026, toàn xã còn 171 hộ nghèo (giảm 20,09% so với cùng kỳ), chiếm tỷ lệ 1,73%, "
            "giảm 0,45 điểm phần trăm.") in text
    assert "thấp hơn kế hoạch năm 5,8 điểm phần trăm" in text
    assert heads(half_year)[3:] == ["6 tháng đầu năm 2025", "6 tháng đầu năm 2026", "So với cùng kỳ"]
    assert styled(half_year, S.HEADING1) == ["I. KẾT QUẢ ĐẠT ĐƯỢC", "II. HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN",
                                             "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026"]


def test_the_review_example_is_a_party_report_of_five_years(review):
    assert styled(review, S.SUBJECT) == [
        "kết quả 05 năm thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư Trung ương Đảng (khóa XI) "
        "về “Nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp”"]
    assert styled(review, S.HEADING1) == ["I- KẾT QUẢ ĐẠT ĐƯỢC", "II- HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN",
                                          "III- PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "IV- KIẾN NGHỊ, ĐỀ XUẤT"]
    assert styled(review, S.HEADING2)[:8] == [
        "1. Công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền",
        "2. Kết quả phát triển kinh tế - xã hội, xây dựng nông thôn mới",
        "3. Kỷ luật, kỷ cương hành chính và thanh tra công vụ",
        "4. Tiếp công dân, giải quyết khiếu nại, tố cáo",
        "5. Công tác cải cách hành chính",
        "6. Sắp xếp tổ chức bộ máy, tinh giản biên chế",
        "7. Phong trào thi đua “Dân vận khéo”",
        "8. Một số chỉ tiêu chủ yếu",
    ]
    assert heads(review)[3:] == ["Năm 2015", "Giai đoạn 2015 - 2020", "So với năm 2015"]


def test_the_review_example_writes_the_seeds_figures_in_the_clerks_sentences(review):
    text = review.text()
    for sentence in (
        "Sau 5 năm thực hiện Kết luận, toàn tỉnh đã ban hành 05 nghị quyết, 04 chỉ thị, 21 chương trình và 39 công "
        "văn triển khai, chỉ đạo thực hiện công tác dân vận chính quyền.",
        "Toàn tỉnh có 245/411 xã đạt chuẩn nông thôn mới, chiếm tỷ lệ 59,6%, và 04 đơn vị cấp huyện đạt chuẩn nông "
        "thôn mới",
        "nhân dân đã đóng góp 9.209,56 tỷ đồng, trên 6.376.697 ngày công lao động, hiến 6.858,208 m2 đất.",
        "Cuộc vận động “Tết vì người nghèo” huy động được gần 340 tỷ đồng, riêng năm 2020 được hơn 75 tỷ đồng.",
        "toàn tỉnh tiếp nhận 1.215 đơn thư khiếu nại, 684 đơn thư tố cáo của công dân và giải quyết đạt 100% đơn thư.",
        "đã giải quyết được 38/45 vụ việc, đạt 84,4% số vụ việc phát sinh.",
        "Số thủ tục hành chính được cắt giảm là 419 thủ tục, giảm 24,98% so với năm 2015;",
        "xếp thứ 24/63 tỉnh, thành phố, tăng 5 bậc so với năm 2018.",
        "toàn tỉnh từ 480 đơn vị hành chính cấp xã còn 460 đơn vị, giảm 20 đơn vị so với năm 2015.",
        "Cán bộ, công chức cấp xã còn 10.042 người, giảm 960 người so với năm 2015.",
        "Sau sắp xếp, toàn tỉnh có 3.804 xóm, giảm 2.080 xóm so với năm 2015.",
    ):
        assert sentence in text
    # "38/45 vụ việc" states both counts: no generated sentence repeats them.
    assert "Số vụ việc khiếu nại, tố cáo thuộc thẩm quyền là" not in text
    assert "cùng kỳ" not in text.replace("tăng so với cùng kỳ", "")  # the clerk's own words, not a comparison
