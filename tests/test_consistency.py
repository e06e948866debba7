"""Warnings about a valid sheet whose figures or names look wrong: reported, never fatal."""

import textwrap
from pathlib import Path

import pytest

import drafting
from drafting import SheetError

from conftest import MINIMAL_STATE_SHEET

FILE = Path("bang.yaml")

HEAD = MINIMAL_STATE_SHEET


def sheet_with(indicators: str, head: str = HEAD) -> str:
    """The sheet with a chi_tieu block (written as at the top level, without indentation)."""
    return head + "chi_tieu:\n" + textwrap.indent(textwrap.dedent(indicators), "  ")


def load(text: str):
    return drafting.parse_sheet(text, FILE)


def position(text: str, needle: str) -> tuple[int, int]:
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def indicator(loaded, code: str):
    [ind] = [i for i in loaded.indicators if i.code == code]
    return ind


def computed_texts(phrase) -> list[str]:
    return [s.text for s in phrase.segments if s.computed]


# --- figures that contradict each other -------------------------------------------------------


def test_more_resolved_than_received_warns():
    text = sheet_with("""\
        tiep_dan:
          vu_viec_thuoc_tham_quyen:
            gia_tri: 100
          vu_viec_da_giai_quyet:
            gia_tri: 120
        """)
    loaded = load(text)
    line, col = position(text, "gia_tri: 120")
    assert [str(w) for w in loaded.warnings] == [
        f"bang.yaml:{line}:{col} chi_tieu.tiep_dan.vu_viec_da_giai_quyet.gia_tri: Vụ việc đã giải quyết (120) "
        "lớn hơn vụ việc khiếu nại, tố cáo thuộc thẩm quyền (100)"
    ]


RATE_WITH_COUNTS = """\
    tiep_dan:
      vu_viec_thuoc_tham_quyen:
        gia_tri: {received}
      vu_viec_da_giai_quyet:
        gia_tri: {resolved}
      ty_le_giai_quyet:
        gia_tri: {stated}
    """


def test_stated_rate_that_does_not_match_its_counts_warns():
    text = sheet_with(RATE_WITH_COUNTS.format(received=100, resolved=50, stated=99))
    [warning] = load(text).warnings
    line, col = position(text, "gia_tri: 99")
    assert (warning.location.line, warning.location.column) == (line, col)
    assert warning.location.path == "chi_tieu.tiep_dan.ty_le_giai_quyet.gia_tri"
    assert warning.message == "tỷ lệ ghi 99% khác tỷ lệ tính từ số liệu 50/100 = 50%"


@pytest.mark.parametrize("stated", ["95.92", "95.9", "96"])
def test_stated_rate_matching_at_its_own_precision_does_not_warn(stated):
    # 587 / 612 = 95.915...%
    text = sheet_with(RATE_WITH_COUNTS.format(received=612, resolved=587, stated=stated))
    assert load(text).warnings == ()


def test_stated_rate_off_in_its_last_digit_warns():
    text = sheet_with(RATE_WITH_COUNTS.format(received=612, resolved=587, stated="95.91"))
    assert [w.message for w in load(text).warnings] == [
        "tỷ lệ ghi 95,91% khác tỷ lệ tính từ số liệu 587/612 = 95,92%"
    ]


def test_percentage_above_hundred_warns():
    text = sheet_with("""\
        kinh_te:
          ty_le_bao_hiem_y_te:
            gia_tri: 92
            cung_ky: 120
        """)
    line, col = position(text, "cung_ky: 120")
    assert [str(w) for w in load(text).warnings] == [
        f"bang.yaml:{line}:{col} chi_tieu.kinh_te.ty_le_bao_hiem_y_te.cung_ky: tỷ lệ 120% nằm ngoài khoảng 0-100%"
    ]


def test_negative_growth_is_neither_an_error_nor_a_warning():
    loaded = load(sheet_with("""\
        kinh_te:
          tang_truong_kinh_te:
            gia_tri: -1.5
            cung_ky: 2
        """))
    assert loaded.warnings == ()
    assert str(indicator(loaded, "tang_truong_kinh_te").statement(2025)) == (
        "Tốc độ tăng trưởng kinh tế đạt -1,5%, giảm 3,5 điểm phần trăm so với cùng kỳ."
    )


def test_zero_plan_warns_and_the_plan_is_left_out():
    text = sheet_with("""\
        kinh_te:
          thu_ngan_sach:
            gia_tri: 38.6
            cung_ky: 31.2
            ke_hoach: 0
        """)
    loaded = load(text)
    line, col = position(text, "ke_hoach: 0")
    assert [str(w) for w in loaded.warnings] == [
        f"bang.yaml:{line}:{col} chi_tieu.kinh_te.thu_ngan_sach.ke_hoach: "
        "kế hoạch bằng 0: bỏ qua phép so sánh với kế hoạch"
    ]
    assert str(indicator(loaded, "thu_ngan_sach").statement(2025)) == (
        "Thu ngân sách nhà nước năm 2025 ước thực hiện 38,6 tỷ đồng, tăng 23,72% so với cùng kỳ."
    )


# --- names and numbers that look wrong -----------------------------------------------------------

SOME_FIGURE = """\
    kinh_te:
      doanh_nghiep_moi:
        gia_tri: 12
    """


@pytest.mark.parametrize("year, warns", [(2025, True), (2026, True), (2024, False)])
def test_district_level_after_the_two_level_reform_warns(year, warns):
    head = HEAD.replace("nam: 2025", f"nam: {year}").replace("cap: xã", "cap: huyện")
    text = sheet_with(SOME_FIGURE, head)
    line, col = position(text, "cap: huyện")
    expected = [
        f"bang.yaml:{line}:{col} dia_ban.cap: từ ngày 01/7/2025 chính quyền địa phương chỉ còn hai cấp (tỉnh, xã): "
        "không còn cấp 'huyện'"
    ]
    assert [str(w) for w in load(text).warnings] == (expected if warns else [])


def test_unquoted_dotted_thousands_warns_it_reads_as_a_decimal():
    text = sheet_with(SOME_FIGURE.replace("gia_tri: 12", "gia_tri: 4.036"))
    loaded = load(text)
    line, col = position(text, "gia_tri: 4.036")
    assert [str(w) for w in loaded.warnings] == [
        f"bang.yaml:{line}:{col} chi_tieu.kinh_te.doanh_nghiep_moi.gia_tri: "
        "số 4.036 được đọc là 4,036 (có phần thập phân); nếu là 4.036 thì hãy ghi 4036"
    ]
    assert "có 4,04 doanh nghiệp" in str(indicator(loaded, "doanh_nghiep_moi").statement(2025))


def test_quoted_dotted_thousands_reads_as_thousands_without_warning():
    loaded = load(sheet_with(SOME_FIGURE.replace("gia_tri: 12", 'gia_tri: "4.036"')))
    assert loaded.warnings == ()
    assert "có 4.036 doanh nghiệp" in str(indicator(loaded, "doanh_nghiep_moi").statement(2025))


# --- rates computed from their counts ---------------------------------------------------------


def test_rate_left_blank_is_computed_from_its_counts_and_marked():
    loaded = load(sheet_with("""\
        cai_cach_hanh_chinh:
          ho_so_tiep_nhan:
            gia_tri: 6420
            cung_ky: 5104
          ho_so_dung_han:
            gia_tri: 6398
            cung_ky: 5060
          ty_le_ho_so_dung_han: {}
        """))
    assert loaded.warnings == ()
    rate = indicator(loaded, "ty_le_ho_so_dung_han")
    assert rate.value_computed is True
    statement = rate.statement(2025)
    # 6398/6420 = 99.657%; last year 5060/5104 = 99.138%, so +0.52 points
    assert str(statement) == (
        "Số hồ sơ hành chính giải quyết đúng hẹn đạt tỷ lệ 99,66%, "
        "tăng 0,52 điểm phần trăm so với cùng kỳ."
    )
    assert computed_texts(statement) == ["99,66%", "0,52 điểm phần trăm"]


def test_stated_rate_is_not_marked_computed():
    loaded = load(sheet_with(RATE_WITH_COUNTS.format(received=612, resolved=587, stated="95.92")))
    rate = indicator(loaded, "ty_le_giai_quyet")
    assert rate.value_computed is False
    assert computed_texts(rate.statement(2024)) == []


def test_blank_rate_over_zero_cases_is_left_out_with_a_warning_not_crashing(tmp_path):
    # 0 of 0 complaints: the rate cannot be computed; the draft goes without it until the clerk writes it.
    text = sheet_with("""\
        tiep_dan:
          vu_viec_thuoc_tham_quyen:
            gia_tri: 0
          vu_viec_da_giai_quyet:
            gia_tri: 0
          ty_le_giai_quyet: {}
        """)
    sheet = tmp_path / "bang.yaml"
    sheet.write_text(text, encoding="utf-8")
    result = drafting.render_draft(sheet, tmp_path / "bao-cao.docx")
    line, col = position(text, "ty_le_giai_quyet")
    assert [(p.location.line, p.location.column, p.location.path, p.message) for p in result.warnings] == [
        (line, col, "chi_tieu.tiep_dan.ty_le_giai_quyet.gia_tri",
         "còn 1 số chưa điền, bản dự thảo chưa có các số này: ty_le_giai_quyet")
    ]
    assert "Tỷ lệ giải quyết" not in drafting.read_draft(result.output.read_bytes()).text()


def test_own_percentage_indicator_changes_in_points():
    loaded = load(sheet_with("""\
        dan_chu_co_so:
          ty_le_thon_huong_uoc:
            ten: Tỷ lệ thôn có hương ước được công nhận
            don_vi: "%"
            gia_tri: 12
            cung_ky: 10
        """))
    assert str(indicator(loaded, "ty_le_thon_huong_uoc").statement(2025)) == (
        "Tỷ lệ thôn có hương ước được công nhận: 12%, tăng 2 điểm phần trăm so với cùng kỳ."
    )


# --- document numbers, recipients and the 2025 merger of Party bodies ------------------------------


def test_state_code_with_a_slash_warns():
    text = sheet_with("{}").replace("ky_hieu: BC-UBND", "ky_hieu: BC/UBND")
    line, col = position(text, "ky_hieu: BC/UBND")
    assert [str(w) for w in load(text).warnings] == [
        f"bang.yaml:{line}:{col} so_van_ban.ky_hieu: ký hiệu văn bản nhà nước dùng dấu gạch nối, "
        "ví dụ 'BC-UBND' (đang ghi 'BC/UBND')"
    ]


def test_as_above_without_a_to_line_warns():
    text = sheet_with("{}").replace("  - Thường trực Đảng ủy xã", "  - Như trên")
    line, col = position(text, "Như trên")
    assert [str(w) for w in load(text).warnings] == [
        f"bang.yaml:{line}:{col} noi_nhan[0]: không có 'Kính gửi' nên không ghi 'Như trên'"
    ]


def test_old_ban_dan_van_name_in_a_2025_report_warns():
    text = sheet_with("{}").replace(
        "the_thuc: nha-nuoc", "the_thuc: dang"
    ).replace("ten: Ủy ban nhân dân xã Hưng Nguyên", "ten: Ban Dân vận Tỉnh ủy").replace(
        "ky_hieu: BC-UBND", "ky_hieu: BC/BDVTU"
    ).replace("TM. Ủy ban nhân dân", "K/T Trưởng ban")
    messages = [w.message for w in load(text).warnings]
    assert messages == [
        "từ năm 2025 Ban Dân vận và Ban Tuyên giáo đã hợp nhất thành Ban Tuyên giáo và Dân vận: "
        "kiểm tra lại tên cơ quan",
        "từ năm 2025 ký hiệu của Ban Tuyên giáo và Dân vận Tỉnh ủy là BTGDVTU",
    ]
    earlier = load(text.replace("nam: 2025", "nam: 2024"))
    assert earlier.warnings == ()
