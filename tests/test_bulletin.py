"""The bulletin's variants: a name alone, a name and title, or a source line; tasks and their lead-in optional."""

from __future__ import annotations

import textwrap

import pytest

import drafting
from drafting.docx import styles as S
from drafting.errors import SheetError

BASE = textwrap.dedent("""\
    phien_ban: 1
    nam: 2022
    the_thuc: ban-tin
    dia_ban: {ten: Quảng Ninh, cap: tỉnh}
    trich_yeu: Nâng cao hiệu quả công tác dân vận của cơ quan nhà nước trên địa bàn tỉnh Quảng Ninh
    noi_dung:
      lanh_dao: Các cơ quan, đơn vị đã rà soát, ban hành những quy định cụ thể hóa chủ trương của Đảng.
      tiep_dan:
        - Công tác tiếp dân, xử lý đơn thư được chú trọng.
        - "[cac_chi_tieu]"
    chi_tieu:
      tiep_dan:
        ty_le_giai_quyet:
          gia_tri: 85.28
    """)
TASKS = "nhiem_vu:\n  - tăng cường đối thoại với nhân dân\n  - đẩy mạnh cải cách hành chính\n"


def view_of(text: str):
    loaded = drafting.parse_sheet(text)
    data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    return drafting.read_draft(data)


def tail(view, n: int) -> list[tuple[str, str]]:
    return [(line.style, line.text) for line in view.lines][-n:]


def test_a_source_line_instead_of_an_author_and_no_tasks():
    view = view_of(BASE + "tac_gia:\n  nguon: (baoquangninh.vn)\n")
    assert tail(view, 3) == [
        (S.BODY, "Công tác tiếp dân, xử lý đơn thư được chú trọng."),
        (S.BODY, "Giải quyết các vụ việc thuộc thẩm quyền đạt tỷ lệ 85,28%./."),
        (S.BYLINE_TITLE, "(baoquangninh.vn)"),
    ]
    assert "cần tập trung" not in view.text()


def test_a_name_alone():
    view = view_of(BASE + TASKS + "tac_gia:\n  ho_ten: Kim Dung\n")
    assert tail(view, 5) == [
        (S.BODY, "Giải quyết các vụ việc thuộc thẩm quyền đạt tỷ lệ 85,28%."),
        (S.BODY, "Trong thời gian tới tỉnh Quảng Ninh cần tập trung làm tốt một số nội dung sau:"),
        (S.BODY, "Một là, tăng cường đối thoại với nhân dân."),
        (S.BODY, "Hai là, đẩy mạnh cải cách hành chính./."),
        (S.BYLINE_NAME, "Kim Dung"),
    ]


def test_a_name_and_title_and_no_lead_in():
    view = view_of(BASE + TASKS + "nhiem_vu_mo_dau: false\n"
                   "tac_gia:\n  ho_ten: Nguyễn Mạnh Khôi\n  chuc_danh: Phó trưởng ban TT Ban Dân vận Tỉnh ủy\n")
    assert tail(view, 5) == [
        (S.BODY, "Giải quyết các vụ việc thuộc thẩm quyền đạt tỷ lệ 85,28%."),
        (S.BODY, "Một là, tăng cường đối thoại với nhân dân."),
        (S.BODY, "Hai là, đẩy mạnh cải cách hành chính./."),
        (S.BYLINE_NAME, "Nguyễn Mạnh Khôi"),
        (S.BYLINE_TITLE, "Phó trưởng ban TT Ban Dân vận Tỉnh ủy"),
    ]


def test_the_clerks_own_lead_in_and_a_name_with_its_source():
    view = view_of(BASE + TASKS + "nhiem_vu_mo_dau: Thời gian tới, tỉnh tập trung vào các nhiệm vụ sau\n"
                   "tac_gia:\n  ho_ten: Thu Hằng\n  nguon: baoquangninh.vn\n")
    assert tail(view, 5) == [
        (S.BODY, "Thời gian tới, tỉnh tập trung vào các nhiệm vụ sau:"),
        (S.BODY, "Một là, tăng cường đối thoại với nhân dân."),
        (S.BODY, "Hai là, đẩy mạnh cải cách hành chính./."),
        (S.BYLINE_NAME, "Thu Hằng"),
        (S.BYLINE_TITLE, "(baoquangninh.vn)"),
    ]


def test_without_tasks_the_last_limit_ends_the_article():
    view = view_of(BASE + "han_che: Một số nơi còn chậm.\ntac_gia: {ho_ten: Kim Dung}\n")
    assert tail(view, 2) == [(S.BODY, "Một số nơi còn chậm./."), (S.BYLINE_NAME, "Kim Dung")]


def problems_of(text: str) -> list[str]:
    with pytest.raises(SheetError) as info:
        drafting.parse_sheet(text)
    return [f"{p.location.path}: {p.message}" for p in info.value.problems]


@pytest.mark.parametrize("author, expected", [
    ("tac_gia:\n  chuc_danh: Phóng viên\n",
     "tac_gia.ho_ten: có chức danh (chuc_danh) thì cần tên tác giả (ho_ten)"),
    ("tac_gia:\n  ho_ten:\n",
     "tac_gia.ho_ten: thiếu tên tác giả (ho_ten) hoặc nguồn bài (nguon, ví dụ baoquangninh.vn)"),
    ("nhiem_vu_mo_dau: true\ntac_gia: {ho_ten: Kim Dung}\n",
     "nhiem_vu_mo_dau: ghi câu dẫn, hoặc false để không in câu dẫn"),
])
def test_a_byline_or_lead_in_that_says_nothing_is_refused(author, expected):
    assert expected in problems_of(BASE + author)


def test_a_report_still_needs_its_tasks():
    from conftest import MINIMAL_STATE_SHEET

    text = MINIMAL_STATE_SHEET.replace("nhiem_vu:\n  - tiếp tục quán triệt các văn bản về công tác dân vận\n", "")
    assert "nhiem_vu: cần ít nhất một nhiệm vụ cho năm 2026 (Một là, ...)" in problems_of(text)
