"""Seed 001 rebuilt as a five-year review (examples/nghe-an-kl114-2020.yaml): the seed's figures are in
the draft, nearly all of them follow a number of the sheet, and the draft reads as a review.

The figures are counted as test_seed_examples.py counts those of seeds 000 and 002 (same exclusions:
years, dates, document numbers, names, the tasks), in the order of the seed's body, each with its
*needle*: the figure with the few fixed words beside it that make it unique in the draft. A
figure comes from the sheet when raising one number of chi_tieu (by 1, or by a tenth of it when
that is more) takes its needle out of the draft; here that includes a year's value written with
words before it ("2019: hơn 110").
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from io import StringIO
from typing import Any

from ruamel.yaml import YAML

import drafting

from conftest import EXAMPLES
from test_seed_examples import _count, _draft_text, _numbers, _plus_one

REVIEW = EXAMPLES / "nghe-an-kl114-2020.yaml"

# (figure as the seed writes it, the figure with the words beside it in the draft). Printed by
# drafting's number rules rather than as typed: "1360" is "1.360", "1046" "1.046", "3953" "3.953",
# "1121" "1.121", "3059" "3.059", "6989" "6.989" (thousands separator), "73,8km" "73,8 km" (a space
# before the unit).
# "giảm 6989 biên chế" is the seed's own slip: 67.936 - 60.059 is 7.877, which the draft computes
# and writes ("giảm 7.877 người"), so 6989 is not in the draft.
NGHE_AN_FIGURES = [
    ("21", "21/21 huyện"),
    ("21", "/21 huyện, thành, thị ủy"),
    ("05", "05 nghị quyết"),
    ("04", "04 chỉ thị"),
    ("21", "21 chương trình"),
    ("39", "39 công văn"),
    ("01", "01 đồng chí lãnh đạo"),
    ("1-2", "1-2 cán bộ"),
    ("01", "01 phòng"),
    ("09", "09 đề án"),
    ("245", "245/"),
    ("411", "/411 xã"),
    ("59,6%", "chiếm tỷ lệ 59,6%"),
    ("04", "04 đơn vị cấp huyện"),
    ("40", "hơn 40 xã"),
    ("90,09%", "90,09% dân số"),
    ("4%", "giảm còn 4%"),
    ("1.034", "1.034 đồng chí"),
    ("480", "của 480 xã, phường"),
    ("800", "800 đồng chí"),
    ("02", "02 cuộc gặp mặt"),
    ("42", "42 cơ quan"),
    ("128", "128 cơ quan"),
    ("251", "251 Ủy ban nhân dân cấp xã"),
    ("28", "28 cán bộ, công chức"),
    ("424", "424 cuộc thanh tra"),
    ("1.011", "1.011 đơn vị"),
    ("1.688", "1.688 cá nhân"),
    ("437", "437 tổ chức"),
    ("09", "09 vụ việc"),
    ("9.209,56", "9.209,56 tỷ đồng"),
    ("6.376.697", "6.376.697 ngày công"),
    ("6.858,208", "6.858,208 m2"),
    ("73,8", "73,8 km"),
    ("750", "750 ha"),
    ("340", "gần 340 tỷ đồng"),
    ("75", "hơn 75 tỷ đồng"),
    ("12.001", "12.001 lượt"),
    ("1.360", "1.360 lượt"),
    ("1.215", "1.215 đơn thư khiếu nại"),
    ("684", "684 đơn thư tố cáo"),
    ("100%", "đạt 100% đơn thư"),
    ("301", "301 lượt công dân"),
    ("634", "634 đơn"),
    ("571", "khiếu nại 571 đơn"),
    ("63", "tố cáo 63 đơn"),
    ("520", "520 đơn kiến nghị"),
    ("45", "45 vụ việc khiếu nại"),
    ("38", "38/45"),
    ("45", "/45 vụ việc,"),
    ("84,4%", "đạt 84,4%"),
    ("464", "464 vụ"),
    ("120", "120 vụ"),
    ("49", "49 vụ"),
    ("32", "32 vụ"),
    ("35.942", "35.942 vụ việc"),
    ("25.670", "25.670 vụ việc"),
    ("71,4%", "đạt tỷ lệ 71,4%"),
    ("419", "419 thủ tục"),
    ("24,98%", "giảm 24,98%"),
    ("1.046", "1.046 thủ tục"),
    ("17,9%", "đạt 17,9%"),
    ("48", "48 thủ tục"),
    ("0,82%", "đạt 0,82%"),
    ("81,93%", "đạt 81,93%"),
    ("24", "xếp thứ 24/"),
    ("63", "/63 tỉnh"),
    ("5", "tăng 5 bậc"),
    ("03", "03 chi cục"),
    ("25", "25 phòng"),
    ("9", "khối Đảng cấp tỉnh giảm 9,"),
    ("11", "khối chính quyền giảm 11,"),
    ("5", "cấp tỉnh giảm 5."),
    ("3,6%", "cấp xã giảm 3,6%"),
    ("5,24%", "giảm 5,24%"),
    ("13,37%", "giảm 13,37%"),
    ("480", "từ 480 đơn vị"),
    ("460", "còn 460 đơn vị"),
    ("20", "giảm 20 đơn vị so với"),
    ("10.042", "10.042 người"),
    ("960", "giảm 960 người so với"),
    ("5.722", "5.722 người"),
    ("3.953", "giảm 3.953 người."),
    ("3.804", "3.804 xóm"),
    ("2.080", "giảm 2.080 xóm so với"),
    ("19.020", "19.020 người"),
    ("8.396", "giảm 8.396 người."),
    ("428", "428 lãnh đạo quản lý"),
    ("154", "154 lãnh đạo quản lý"),
    ("274", "274 lãnh đạo quản lý"),
    ("67.936", "từ 67.936 người"),
    ("60.059", "xuống còn 60.059 người"),
    ("6.989", "giảm 6.989"),
    ("11,6%", "tương đương 11,6%"),
    ("100%", "100% huyện, thành, thị ủy"),
    ("8", "8/"),
    ("21", "/21 đơn vị"),
    ("52", "giảm 52 đơn vị sự nghiệp"),
    ("23", "23 đơn vị đã chuyển"),
    ("460", "460/"),
    ("480", "/480 xã, phường, thị trấn"),
    ("1.121", "1.121 điển hình tập thể"),
    ("3.059", "3.059 điển hình cá nhân"),
    ("549", "549 điển hình tập thể"),
    ("721", "721 điển hình cá nhân"),
    ("109", "năm 2016 có 109 điểm sáng"),
    ("105", "năm 2017 có 105 điểm sáng"),
    ("101", "năm 2018 có 101 điểm sáng"),
    ("110", "năm 2019 có hơn 110 điểm sáng"),
    ("124", "6 tháng đầu năm 2020 có 124 điểm sáng"),
]

NOT_IN_THE_DRAFT = {"giảm 6.989"}  # the seed's slip, see above

# A year's value with words before it: "hơn 110" -> "hơn 111".
_WORDED = re.compile(r"^(hơn|gần|trên|khoảng|gần như|chưa đến) (\d+)$")


def _worded(node: Any, path: tuple = ()):
    """Every value of a series written with words before it, as a key path under chi_tieu."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, (dict, list)):
            yield from _worded(value, path + (key,))
        elif isinstance(value, str) and _WORDED.match(value):
            yield path + (key,)


def _raised(value: Any) -> Any:
    """A number raised by 1, or by a tenth when that is more: 25.670 of 35.942 cases is 71,4% as
    25.671 is, so a share worked out from counts needs a larger step to show it follows them."""
    match = _WORDED.match(value) if isinstance(value, str) else None
    if match:
        return f"{match.group(1)} {int(match.group(2)) + 1}"
    if isinstance(value, int) and not isinstance(value, bool):
        return value + max(1, value // 10)
    return _plus_one(value)


def _sheet_with(data: dict, path: tuple) -> str:
    changed = copy.deepcopy(data)
    node = changed["chi_tieu"]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = _raised(node[path[-1]])
    out = StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.dump(changed, out)
    return out.getvalue()


@lru_cache(maxsize=1)
def outcome() -> tuple[str, list, list[list[tuple]]]:
    """The draft's text, the numbers of the sheet, and for each figure the numbers it follows."""
    loaded = drafting.load_sheet(REVIEW)
    text = _draft_text(loaded)
    data = YAML(typ="safe", pure=True).load(REVIEW.read_text(encoding="utf-8"))
    numbers = list(_numbers(data["chi_tieu"])) + list(_worded(data["chi_tieu"]))
    sources: list[list[tuple]] = [[] for _ in NGHE_AN_FIGURES]
    for path in numbers:
        changed = _draft_text(drafting.parse_sheet(_sheet_with(data, path), REVIEW))
        for i, (_, needle) in enumerate(NGHE_AN_FIGURES):
            if _count(changed, needle) == 0:
                sources[i].append(path)
    return text, numbers, sources


def test_the_counted_figures():
    assert len(NGHE_AN_FIGURES) == 110
    for figure, needle in NGHE_AN_FIGURES:
        assert figure in needle


def test_at_least_95_percent_of_the_figures_are_in_the_draft():
    text, _, _ = outcome()
    missing = {needle for _, needle in NGHE_AN_FIGURES if _count(text, needle) == 0}
    assert missing == NOT_IN_THE_DRAFT
    assert (len(NGHE_AN_FIGURES) - len(missing)) / len(NGHE_AN_FIGURES) >= 0.95
    for _, needle in NGHE_AN_FIGURES:
        assert _count(text, needle) <= 1, needle  # each needle names one place


def test_at_least_90_percent_of_the_figures_come_from_the_sheet():
    _, numbers, sources = outcome()
    assert len(numbers) > 90
    typed = [needle for (_, needle), found in zip(NGHE_AN_FIGURES, sources)
             if not found and needle not in NOT_IN_THE_DRAFT]
    from_sheet = len(NGHE_AN_FIGURES) - len(typed) - len(NOT_IN_THE_DRAFT)
    assert from_sheet / len(NGHE_AN_FIGURES) >= 0.90, f"typed or fixed: {typed}"
    assert typed == []


def test_a_year_of_the_series_follows_its_own_number():
    _, _, sources = outcome()
    by_needle = dict(zip((needle for _, needle in NGHE_AN_FIGURES), sources))
    spots = ("dan_van_kheo", "diem_sang", "theo_nam")
    assert by_needle["năm 2019 có hơn 110 điểm sáng"] == [spots + (2019,)]
    assert by_needle["6 tháng đầu năm 2020 có 124 điểm sáng"] == [spots + (2020,)]
    # The share of communes is worked out from the two counts.
    assert set(by_needle["chiếm tỷ lệ 59,6%"]) == {("kinh_te", "xa_dat_chuan_nong_thon_moi", "gia_tri"),
                                                  ("kinh_te", "tong_so_xa", "gia_tri")}


def test_the_review_reads_as_a_review():
    text, _, _ = outcome()
    # Its tasks are for the time ahead, not for a year; its table is the period, not two years.
    assert "III- PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in text
    assert not re.search(r"NHIỆM VỤ (NĂM|6 THÁNG|GIAI ĐOẠN) ?\d", text)
    assert "STT | Chỉ tiêu | Đơn vị | Năm 2015 | Giai đoạn 2015 - 2020 | So với năm 2015" in text
    assert "Năm 2019 | Năm 2020" not in text
    assert "Trong năm" not in text
