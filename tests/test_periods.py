"""The reporting period: a half-year, a quarter or a review says so everywhere a year report says "năm N"."""

from __future__ import annotations

import io
import textwrap
from datetime import date

import pytest
from docx import Document
from ruamel.yaml import YAML

import drafting
from drafting.docx import styles as S
from drafting.errors import SheetError
from drafting.lang import Period

from conftest import COMMUNE, MINIMAL_STATE_SHEET

FIGURES = textwrap.dedent("""\
    chi_tieu:
      lanh_dao:
        van_ban_chi_dao:
          gia_tri: 12
          cung_ky: 9
      kinh_te:
        thu_ngan_sach:
          gia_tri: 20.3
          don_vi: tỷ đồng
          ke_hoach: 38.8
          cung_ky: 17.5
        so_ho:
          gia_tri: 9850
          vao_bang: false
        ho_ngheo:
          gia_tri: 187
          cung_ky: 236
    """)


def sheet(period: str, *, nam: int = 2026, more: str = FIGURES, base: str = MINIMAL_STATE_SHEET) -> str:
    text = base.replace("nam: 2025\n", f"nam: {nam}\n{period}")
    return text + more


def draft(text: str):
    loaded = drafting.parse_sheet(text)
    data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    return loaded, data, drafting.read_draft(data)


def lines(view, style: str) -> list[str]:
    return [line.text for line in view.lines if line.style == style]


HALF = "ky_bao_cao:\n  loai: 6_thang\n"


@pytest.fixture(scope="module")
def half_year():
    return draft(sheet(HALF))


def test_a_half_year_report_says_its_period_in_the_subject_opening_and_closing(half_year):
    _, _, view = half_year
    subject = ("Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026; "
               "phương hướng, nhiệm vụ 6 tháng cuối năm 2026")
    assert lines(view, S.SUBJECT) == [subject]
    about = ("kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026 "
             "và phương hướng, nhiệm vụ 6 tháng cuối năm 2026")
    text = view.text()
    assert (f"Thực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 05/11/2025, Ủy ban nhân dân xã Hưng Nguyên báo cáo "
            f"{about} như sau:") in text
    assert f"Trên đây là báo cáo {about} của Ủy ban nhân dân xã Hưng Nguyên./." in text


def test_a_half_year_reports_sentences_compare_with_the_same_half_and_the_years_plan(half_year):
    text = half_year[2].text()
    assert ("Trong 6 tháng đầu năm, đã ban hành 12 văn bản lãnh đạo, chỉ đạo về công tác dân vận chính quyền, "
            "tăng 33,33% so với cùng kỳ.") in text
    assert ("Thu ngân sách nhà nước 6 tháng đầu năm 2026 ước thực hiện 20,3 tỷ đồng, đạt 52,32% dự toán năm, "
            "tăng 16% so với cùng kỳ.") in text
    assert "Cuối tháng 6 năm 2026, toàn xã còn 187 hộ nghèo, giảm 20,76% so với cùng kỳ." in text
    paragraphs = "\n".join(line.text for line in half_year[2].lines)
    assert "năm 2025" not in paragraphs.replace("05/11/2025", "")  # only the table's "6 tháng đầu năm 2025"


def test_a_half_year_reports_table_and_tasks_are_headed_by_its_period(half_year):
    _, _, view = half_year
    (table,) = view.tables
    head = ["".join(s.text for s in cell) for cell in table.rows[0]]
    assert head == ["STT", "Chỉ tiêu", "Đơn vị", "6 tháng đầu năm 2025", "6 tháng đầu năm 2026", "So với cùng kỳ"]
    assert lines(view, S.HEADING1)[-1] == "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026"


def test_an_undated_half_year_draft_is_dated_the_last_day_of_the_half(half_year):
    _, data, _ = half_year
    assert Document(io.BytesIO(data)).core_properties.created.date() == date(2026, 6, 30)


def test_a_year_report_reads_as_before():
    _, _, view = draft(sheet("", nam=2025))
    (table,) = view.tables
    assert ["".join(s.text for s in cell) for cell in table.rows[0]][3:] == ["Năm 2024", "Năm 2025",
                                                                            "So với năm 2024"]
    assert lines(view, S.HEADING1)[-1] == "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026"
    assert lines(view, S.SUBJECT) == ["Kết quả công tác dân vận chính quyền năm 2025"]
    text = view.text()
    assert "Trong năm, đã ban hành 12 văn bản" in text and "Cuối năm 2025, toàn xã còn 187 hộ nghèo" in text
    assert "đạt 52,32% dự toán, tăng 16% so với cùng kỳ." in text


@pytest.mark.parametrize("quarter, subject, tasks", [
    (1, "quý I năm 2026; phương hướng, nhiệm vụ quý II năm 2026", "QUÝ II NĂM 2026"),
    (4, "quý IV năm 2026; phương hướng, nhiệm vụ quý I năm 2027", "QUÝ I NĂM 2027"),
])
def test_a_quarter(quarter, subject, tasks):
    _, _, view = draft(sheet(f"ky_bao_cao:\n  loai: quy\n  quy: {quarter}\n"))
    assert lines(view, S.SUBJECT) == [f"Kết quả công tác dân vận chính quyền {subject}"]
    assert lines(view, S.HEADING1)[-1] == f"II. PHƯƠNG HƯỚNG, NHIỆM VỤ {tasks}"
    assert f"Trong quý {'I' if quarter == 1 else 'IV'}, đã ban hành 12 văn bản" in view.text()


def test_nine_months():
    _, _, view = draft(sheet("ky_bao_cao:\n  loai: 9_thang\n"))
    assert lines(view, S.SUBJECT) == ["Kết quả công tác dân vận chính quyền 9 tháng năm 2026; "
                                      "phương hướng, nhiệm vụ quý IV năm 2026"]
    assert "Cuối tháng 9 năm 2026, toàn xã còn 187 hộ nghèo" in view.text()


REVIEW = textwrap.dedent("""\
    ky_bao_cao:
      loai: nhieu_nam
      tu_nam: 2015
      ten: thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư
    """)
REVIEW_FIGURES = textwrap.dedent("""\
    chi_tieu:
      lanh_dao:
        van_ban_chi_dao:
          gia_tri: 69
          cung_ky: 69
      cai_cach_hanh_chinh:
        thu_tuc_cat_giam:
          ten: Thủ tục hành chính được cắt giảm
          don_vi: thủ tục
          gia_tri: 419
          thay_doi: giảm 24,98%
        ty_le_ho_so_truc_tuyen:
          gia_tri: 17.9
          cung_ky: 2.5
    """)


@pytest.fixture(scope="module")
def review():
    return draft(sheet(REVIEW, nam=2020, more=REVIEW_FIGURES))


def test_a_review_compares_with_its_first_year(review):
    text = review[2].text()
    assert "Trong 05 năm qua, đã ban hành 69 văn bản lãnh đạo, chỉ đạo về công tác dân vận chính quyền, " \
           "bằng năm 2015." in text
    assert "Thủ tục hành chính được cắt giảm: 419 thủ tục, giảm 24,98% so với năm 2015." in text
    # "so với năm 2015" is not said in two sentences running, as "so với cùng kỳ" is not.
    assert "nộp trực tuyến đạt 17,9%, tăng 15,4 điểm phần trăm." in text
    assert "cùng kỳ" not in text


def test_a_review_is_titled_by_its_length_and_topic_and_its_tasks_have_no_year(review):
    _, _, view = review
    assert lines(view, S.SUBJECT) == ["Kết quả 05 năm thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 "
                                      "của Ban Bí thư"]
    assert lines(view, S.HEADING1)[-1] == "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"


def test_a_reviews_table_does_not_read_as_two_years(review):
    (table,) = review[2].tables
    head = ["".join(s.text for s in cell) for cell in table.rows[0]]
    assert head[3:] == ["Năm 2015", "Giai đoạn 2015 - 2020", "So với năm 2015"]


def test_a_review_without_a_topic_is_named_by_its_years():
    _, _, view = draft(sheet("ky_bao_cao:\n  loai: nhieu_nam\n  tu_nam: 2021\n", nam=2025, more=""))
    assert lines(view, S.SUBJECT) == ["Kết quả công tác dân vận chính quyền giai đoạn 2021 - 2025"]


def test_a_half_year_bulletin_names_its_period_and_the_next_half():
    bulletin = textwrap.dedent("""\
        phien_ban: 1
        nam: 2026
        ky_bao_cao: {loai: 6_thang}
        the_thuc: ban-tin
        dia_ban: {ten: Hưng Nguyên, cap: xã}
        noi_dung:
          lanh_dao: Ủy ban nhân dân xã ban hành kế hoạch công tác dân vận chính quyền.
        nhiem_vu:
          - duy trì tiếp công dân định kỳ
        tac_gia: {ho_ten: Lê Văn Minh, chuc_danh: Phó Chủ tịch Ủy ban nhân dân xã}
        """)
    _, _, view = draft(bulletin)
    assert lines(view, S.NEWS_TITLE) == ["Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026 ở xã Hưng Nguyên"]
    assert "Trong 6 tháng cuối năm 2026, xã Hưng Nguyên cần tập trung làm tốt một số nội dung sau:" in view.text()


def problems_of(text: str) -> list[str]:
    with pytest.raises(SheetError) as info:
        drafting.parse_sheet(text)
    return [f"{p.location.path}: {p.message}" for p in info.value.problems]


@pytest.mark.parametrize("period, expected", [
    ("ky_bao_cao:\n  loai: quy\n", "ky_bao_cao.quy: thiếu quý: ghi quy: 1, 2, 3 hoặc 4"),
    ("ky_bao_cao:\n  loai: quy\n  quy: 5\n", "ky_bao_cao.quy: phải không quá 4"),
    ("ky_bao_cao:\n  loai: 6_thang\n  tu_nam: 2020\n", "ky_bao_cao.tu_nam: chỉ ghi tu_nam khi loai: nhieu_nam"),
    ("ky_bao_cao:\n  loai: nam\n  quy: 2\n", "ky_bao_cao.quy: chỉ ghi quy khi loai: quy"),
    ("ky_bao_cao:\n  loai: nhieu_nam\n",
     "ky_bao_cao.tu_nam: thiếu năm đầu kỳ: ghi tu_nam (ví dụ tu_nam: 2015; nam là năm cuối kỳ)"),
    ("ky_bao_cao:\n  loai: nhieu_nam\n  tu_nam: 2026\n", "ky_bao_cao.tu_nam: tu_nam phải trước nam (2026), năm cuối kỳ"),
    ("ky_bao_cao:\n  loai: 6thang\n",
     "ky_bao_cao.loai: phải là một trong: 'nam', '6_thang', '6_thang_cuoi', '9_thang', 'quy', 'nhieu_nam'"),
])
def test_a_period_that_does_not_add_up_is_refused_at_its_key(period, expected):
    assert expected in problems_of(sheet(period, more=""))


def test_missing_tasks_are_asked_for_the_period_ahead():
    text = sheet(HALF, more="").replace("nhiem_vu:\n  - tiếp tục quán triệt các văn bản về công tác dân vận\n", "")
    assert "nhiem_vu: cần ít nhất một nhiệm vụ cho 6 tháng cuối năm 2026 (Một là, ...)" in problems_of(text)


def test_a_version_1_sheet_without_a_period_is_a_calendar_year():
    loaded = drafting.load_sheet(COMMUNE)
    assert loaded.sheet.period == Period(2025)
    assert "ky_bao_cao" not in COMMUNE.read_text(encoding="utf-8")


# --- drafting new --from ------------------------------------------------------------------


def carried(tmp_path, text: str):
    source = tmp_path / "ky-truoc.yaml"
    source.write_text(text, encoding="utf-8")
    result = drafting.new_sheet(tmp_path / "ky-nay.yaml", from_sheet=source)
    written = result.path.read_text(encoding="utf-8")
    return result, YAML(typ="safe").load(written), written


def test_a_half_year_sheet_goes_to_the_same_half_of_the_next_year(tmp_path):
    result, data, text = carried(tmp_path, sheet(HALF + "trich_yeu: Kết quả công tác dân vận 6 tháng đầu năm 2026;"
                                                   " phương hướng, nhiệm vụ 6 tháng cuối năm 2026\n"))
    assert result.year == 2027 and data["nam"] == 2027 and data["ky_bao_cao"] == {"loai": "6_thang"}
    assert data["trich_yeu"] == ("Kết quả công tác dân vận 6 tháng đầu năm 2027; "
                                 "phương hướng, nhiệm vụ 6 tháng cuối năm 2027")
    assert text.startswith("# Bảng chỉ tiêu 6 tháng đầu năm 2027, tạo từ ky-truoc.yaml bằng 'drafting new --from'.\n"
                           "# Điền các chỗ có ghi chú 'điền số 6 tháng đầu năm 2027' rồi chạy 'drafting check'.\n"
                           "# Các đoạn văn 6 tháng đầu năm 2026 được giữ làm ghi chú ngay trên khóa của chúng.\n")
    assert "      gia_tri:               # điền số 6 tháng đầu năm 2027\n      cung_ky: 12\n" in text
    assert "# 6 tháng đầu năm 2026:\n#   - tiếp tục quán triệt các văn bản về công tác dân vận\nnhiem_vu:" in text
    assert data["chi_tieu"]["kinh_te"]["ho_ngheo"] == {"gia_tri": None, "cung_ky": 187}


def test_the_fourth_quarter_carries_its_tasks_year_too(tmp_path):
    _, data, _ = carried(tmp_path, sheet("ky_bao_cao: {loai: quy, quy: 4}\ntrich_yeu: Kết quả công tác dân vận "
                                         "quý IV năm 2026; phương hướng, nhiệm vụ quý I năm 2027\n"))
    assert data["nam"] == 2027 and data["ky_bao_cao"] == {"loai": "quy", "quy": 4}
    assert data["trich_yeu"] == "Kết quả công tác dân vận quý IV năm 2027; phương hướng, nhiệm vụ quý I năm 2028"


def test_a_review_goes_to_the_review_after_it(tmp_path):
    result, data, text = carried(tmp_path, sheet(REVIEW + "trich_yeu: Sơ kết giai đoạn 2015 - 2020\n", nam=2020,
                                                 more=REVIEW_FIGURES))
    assert result.year == 2025 and data["nam"] == 2025
    assert data["ky_bao_cao"]["tu_nam"] == 2020 and data["trich_yeu"] == "Sơ kết giai đoạn 2020 - 2025"
    assert "# kỳ dự kiến: sửa lại cho đúng" in text
    assert data["chi_tieu"]["lanh_dao"]["van_ban_chi_dao"] == {"gia_tri": None, "cung_ky": 69}
