"""Validation at the door: every problem of a sheet, located and in Vietnamese, before any output."""

import textwrap
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

import drafting
from drafting import SheetError

from conftest import MINIMAL_STATE_SHEET

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILE = Path("bang.yaml")

# A minimal valid state-profile sheet with one indicator.
MINIMAL = MINIMAL_STATE_SHEET + textwrap.dedent("""\
    chi_tieu:
      kinh_te:
        thu_ngan_sach:
          gia_tri: 38.6
    """)

SIGNER = """\
nguoi_ky:
  tham_quyen:
    - TM. Ủy ban nhân dân
  chuc_vu: Chủ tịch
  ho_ten: Lê Văn Minh
"""


def problems_of(text: str) -> list:
    with pytest.raises(SheetError) as caught:
        drafting.parse_sheet(text, FILE)
    return caught.value.problems


def messages_of(text: str) -> list[str]:
    return [str(p) for p in problems_of(text)]


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle`` in ``text``."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def edit(old: str, new: str, text: str = MINIMAL) -> str:
    assert old in text
    return text.replace(old, new, 1)


# --- valid sheets --------------------------------------------------------------------------


def test_minimal_sheet_is_valid_without_warnings():
    loaded = drafting.parse_sheet(MINIMAL, FILE)
    assert loaded.warnings == ()
    assert loaded.sheet.dia_ban.ten == "Hưng Nguyên"
    assert [ind.code for ind in loaded.indicators] == ["thu_ngan_sach"]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_load_without_warnings(path):
    assert drafting.load_sheet(path).warnings == ()


def test_examples_folder_holds_an_example_of_every_profile():
    profiles = {drafting.load_sheet(path).sheet.the_thuc for path in EXAMPLES.glob("*.yaml")}
    assert profiles == {"nha-nuoc", "dang", "ban-tin", "hoi-nghi"}


# --- every mistake at once -------------------------------------------------------------------

FIVE_MISTAKES = textwrap.dedent("""\
    phien_ban: 1
    nam: 2025
    the_thuc: nha-nuoc
    dia_ban:
      ten: Hưng Nguyên
      cap: huyen
    co_quan_ban_hanh:
      ten: Ủy ban nhân dân xã Hưng Nguyên
    so_van_ban:
      ky_hieu: BC-UBND
    trich_yeuu: Kết quả công tác dân vận chính quyền năm 2025
    can_cu: Thực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 05/11/2025
    chi_tieu:
      kinh_te:
        doanh_nghiep_moi:
          gia_tri: -3
        duong_be_tong:
          gia_tri: 4
      tiep_dan:
        tiep_dinh_ky:
          gia_tri: 94
          thay_doi: giam 54%
    nhiem_vu:
      - tiếp tục quán triệt các văn bản về công tác dân vận
    """) + SIGNER + "noi_nhan:\n  - \"Lưu: VT\"\n"


def test_five_mistakes_are_reported_together_with_their_places():
    text = FIVE_MISTAKES
    at = lambda needle: position(text, needle)  # noqa: E731
    expected = [
        (*at("huyen"), "dia_ban.cap",  # a wrong value is shown at the value
         "phải là một trong: 'tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã', 'xã', 'phường', "
         "'thị trấn', 'đặc khu'"),
        (*at("trich_yeuu"), "trich_yeuu", "khóa không có trong bảng chỉ tiêu (có phải 'trich_yeu'?)"),
        (*at("gia_tri: -3"), "chi_tieu.kinh_te.doanh_nghiep_moi.gia_tri", "phải là số không âm"),
        (*at("duong_be_tong"), "chi_tieu.kinh_te.duong_be_tong",
         "'duong_be_tong' không có trong danh mục chỉ tiêu chuẩn; chỉ tiêu riêng cần ghi 'ten' và 'don_vi'"),
        (*at("giam 54%"), "chi_tieu.tiep_dan.tiep_dinh_ky.thay_doi",
         "phải có dạng 'tăng 8,56%' hoặc 'giảm 54%'"),
    ]
    problems = problems_of(text)
    found = [(p.location.line, p.location.column, p.location.path, p.message) for p in problems]
    assert found == expected
    assert all(p.location.file == FILE for p in problems)
    line, col = at("gia_tri: -3")
    assert str(problems[2]) == (
        f"bang.yaml:{line}:{col} chi_tieu.kinh_te.doanh_nghiep_moi.gia_tri: phải là số không âm"
    )


def test_invalid_sheet_on_disk_writes_no_draft(tmp_path):
    sheet = tmp_path / "bang.yaml"
    sheet.write_text(FIVE_MISTAKES, encoding="utf-8")
    output = tmp_path / "bao-cao.docx"
    with pytest.raises(SheetError) as caught:
        drafting.render_draft(sheet, output)
    assert len(caught.value.problems) == 5
    assert all(p.location.file == sheet for p in caught.value.problems)
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bang.yaml"]


def test_party_sheet_signed_with_state_prefix():
    text = edit("the_thuc: nha-nuoc", "the_thuc: dang")
    line, col = position(text, "- TM.")
    assert messages_of(text) == [
        f"bang.yaml:{line}:{col + 2} nguoi_ky.tham_quyen[0]: thể thức Đảng viết 'T/M', không viết 'TM.'"
    ]


# --- version contract ------------------------------------------------------------------------


def test_missing_version_asks_for_it():
    assert messages_of(edit("phien_ban: 1\n", "")) == [
        "bang.yaml:1:1 phien_ban: thiếu phien_ban: thêm dòng 'phien_ban: 1' ở đầu tệp"
    ]


def test_newer_version_asks_to_update_drafting():
    assert messages_of(edit("phien_ban: 1", "phien_ban: 2")) == [
        "bang.yaml:1:1 phien_ban: bảng chỉ tiêu viết theo phiên bản 2, mới hơn bản drafting này "
        "(đọc được đến phiên bản 1): hãy cập nhật drafting"
    ]


# --- YAML safety ----------------------------------------------------------------------------


def test_python_object_tag_is_refused():
    text = edit("ten: Hưng Nguyên", 'ten: !!python/object/apply:os.system ["echo hi"]')
    line, col = position(text, "!!python")
    assert messages_of(text) == [
        f"bang.yaml:{line}:{col} dia_ban.ten: thẻ YAML 'tag:yaml.org,2002:python/object/apply:os.system' "
        "không được phép trong bảng chỉ tiêu"
    ]


def test_billion_laughs_is_refused():
    bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh"):
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    problems = problems_of(MINIMAL + "\n".join(bomb) + "\n")
    assert [p.message for p in problems] == [
        "quá nhiều tham chiếu (alias/anchor): bảng chỉ tiêu không được lồng tham chiếu"
    ]


def test_duplicate_key_is_reported():
    text = edit("nam: 2025\n", "nam: 2025\nnam: 2024\n")
    line, _ = position(text, "nam: 2024")
    assert messages_of(text) == [f"bang.yaml:{line}:1 nam: khóa bị lặp lại: mỗi khóa chỉ được ghi một lần"]


def test_syntax_error_is_located():
    text = edit("ten: Hưng Nguyên", "ten: Hưng: Nguyên")
    line, col = position(text, ": Nguyên")
    assert messages_of(text) == [f"bang.yaml:{line}:{col} dia_ban.ten: dấu ':' không đứng ở đây được: giá trị có ': ' phải đặt "
                                 "trong ngoặc kép (hoặc hãy kiểm tra số dấu cách lùi đầu dòng)"]


def test_non_utf8_file_is_reported(tmp_path):
    sheet = tmp_path / "bang.yaml"
    sheet.write_bytes("nam: 2022\n".encode() + b"\xff")
    with pytest.raises(SheetError) as caught:
        drafting.load_sheet(sheet)
    [problem] = caught.value.problems
    assert (problem.location.file, problem.location.line) == (sheet, 2)
    assert problem.message == "tệp không phải mã UTF-8: hãy lưu lại với mã UTF-8"


def test_utf8_bom_file_is_accepted(tmp_path):
    sheet = tmp_path / "bang.yaml"
    sheet.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert drafting.load_sheet(sheet).sheet.dia_ban.ten == "Hưng Nguyên"


# --- values as clerks write them -----------------------------------------------------------


def test_vietnamese_number_string_is_read():
    loaded = drafting.parse_sheet(edit("gia_tri: 38.6", 'gia_tri: "6.044,8"'), FILE)
    assert loaded.sheet.chi_tieu.kinh_te["thu_ngan_sach"].gia_tri == Decimal("6044.8")


def test_word_where_a_number_belongs():
    text = edit("gia_tri: 38.6", "gia_tri: abc")
    line, col = position(text, "abc")
    assert messages_of(text) == [
        f"bang.yaml:{line}:{col} chi_tieu.kinh_te.thu_ngan_sach.gia_tri: "
        'phải là số (ví dụ 4036, 6044.8 hoặc "6.044,8")'
    ]


def test_single_string_where_a_list_is_expected_is_one_item():
    text = edit(
        "nhiem_vu:\n  - tiếp tục quán triệt các văn bản về công tác dân vận",
        "nhiem_vu: làm tốt công tác tuyên truyền",
    )
    loaded = drafting.parse_sheet(text, FILE)
    assert loaded.sheet.nhiem_vu == ["làm tốt công tác tuyên truyền"]


# --- required by profile -------------------------------------------------------------------


def test_state_report_without_signer():
    assert messages_of(edit(SIGNER, "")) == [
        "bang.yaml:1:1 nguoi_ky: thiếu người ký: bắt buộc với thể thức 'nha-nuoc'"
    ]


def test_bulletin_without_author():
    assert messages_of(edit("the_thuc: nha-nuoc", "the_thuc: ban-tin")) == [
        "bang.yaml:1:1 tac_gia: thiếu tác giả (ho_ten, có thể thêm chuc_danh) hoặc nguồn bài (nguon): "
        "bắt buộc với thể thức 'ban-tin'"
    ]


# --- Unicode ----------------------------------------------------------------------------------


def test_decomposed_sheet_gives_composed_text():
    loaded = drafting.parse_sheet(unicodedata.normalize("NFD", MINIMAL), FILE)
    assert loaded.sheet.dia_ban.ten == unicodedata.normalize("NFC", "Hưng Nguyên")
    assert loaded.sheet.nguoi_ky.ho_ten == unicodedata.normalize("NFC", "Lê Văn Minh")
    assert loaded.sheet.dia_ban.cap == "xã"
