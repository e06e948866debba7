"""Rules of a sheet that span several keys or need the catalogue.

They run on the raw parsed data alongside pydantic, so that one reading of a
sheet reports every problem at once; each rule therefore skips anything that
is malformed (pydantic reports that).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from pydantic_core import PydanticCustomError

from ..errors import Problem
from ..lang.periods import PERIOD_KINDS, QUARTER, YEAR, YEARS, Period
from .catalogue import CODE_PATTERN, Catalogue
from .comparison_rules import check_comparisons
from .conference_model import check_conference
from .models import _number
from .series import check_series
from .vocabulary import ARTICLE_PROFILES, REPORT_PROFILES, SECTION_TITLES, SECTIONS
from .yaml_source import Source

STATE_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
PARTY_PREFIXES = ("T/M", "K/T", "T/L")
# The same authority written in the other profile's way, to say exactly what to change.
_PREFIX_TWINS = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "T/M": "TM.", "K/T": "KT.", "T/L": "TL."}

_REPORT_REQUIRED = {
    "co_quan_ban_hanh": "cơ quan ban hành",
    "so_van_ban": "số và ký hiệu văn bản",
    "can_cu": "câu căn cứ (Thực hiện ...)",
    "nguoi_ky": "người ký",
    "noi_nhan": "nơi nhận",
}


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def check_rules(source: Source, catalogue: Catalogue) -> list[Problem]:
    data = _dict(source.data)
    problems: list[Problem] = []
    problems += _required_by_profile(source, data)
    problems += _indicators(source, data, catalogue)
    problems += _authority_lines(source, data)
    problems += _compared_indicators(source, data)
    problems += _period(source, data)
    problems += _sections(source, data)
    problems += check_conference(source, data)
    problems += check_series(source, data, _raw_period(data))
    problems += check_comparisons(source, data, catalogue)
    if not data.get("nhiem_vu") and data.get("the_thuc") in REPORT_PROFILES:  # a bulletin may have none
        period = _raw_period(data)
        ahead = period.ahead if period.year else "năm tới"
        problems.append(source.problem(("nhiem_vu",), f"cần ít nhất một nhiệm vụ cho {ahead} (Một là, ...)"))
    return problems


# A key of ky_bao_cao and the kind of period it belongs to.
_PERIOD_KEYS = {"quy": QUARTER, "tu_nam": YEARS, "ten": YEARS, "den_thang": YEARS}


def _raw_period(data: dict) -> Period:
    """The period of data not yet validated, as far as it can be read (for messages)."""
    period, year = _dict(data.get("ky_bao_cao")), data.get("nam")
    kind = period.get("loai", YEAR)
    year = year if isinstance(year, int) and not isinstance(year, bool) else 0
    if kind not in PERIOD_KINDS:
        return Period(year)
    quarter, first = period.get("quy"), period.get("tu_nam")
    return Period(year, kind, quarter if quarter in (1, 2, 3, 4) else None,
                  first if isinstance(first, int) and not isinstance(first, bool) else None)


def _period(source: Source, data: dict) -> Iterator[Problem]:
    """A quarter names its quarter; a review its first year, before the last (nam)."""
    period = _dict(data.get("ky_bao_cao"))
    kind = period.get("loai", YEAR)
    if kind not in PERIOD_KINDS:
        return  # pydantic lists the kinds
    for key, owner in _PERIOD_KEYS.items():
        if period.get(key) is not None and kind != owner:
            yield source.problem(("ky_bao_cao", key), f"chỉ ghi {key} khi loai: {owner}")
    if kind == QUARTER and period.get("quy") is None:
        yield source.problem(("ky_bao_cao", "quy"), "thiếu quý: ghi quy: 1, 2, 3 hoặc 4")
    if kind != YEARS:
        return
    first, last = period.get("tu_nam"), data.get("nam")
    if first is None:
        yield source.problem(("ky_bao_cao", "tu_nam"),
                             "thiếu năm đầu kỳ: ghi tu_nam (ví dụ tu_nam: 2015; nam là năm cuối kỳ)")
    elif isinstance(first, int) and isinstance(last, int) and first >= last:
        yield source.problem(("ky_bao_cao", "tu_nam"), f"tu_nam phải trước nam ({last}), năm cuối kỳ")


def _compared_indicators(source: Source, data: dict) -> Iterator[Problem]:
    """A roll-up's comparison table may only show indicators the sheet has (its totals row)."""
    table = _dict(data.get("so_sanh_dia_ban"))
    codes = table.get("chi_tieu")
    if not isinstance(codes, list):
        return
    present = {code for section in _dict(data.get("chi_tieu")).values() for code in _dict(section)}
    for i, code in enumerate(codes):
        if isinstance(code, str) and code not in present:
            yield source.problem(("so_sanh_dia_ban", "chi_tieu", i),
                                 f"'{code}' không có trong chi_tieu của bảng: dòng tổng cộng cần chỉ tiêu này")
    for i, row in enumerate(table.get("dia_ban") or []):
        for code in _dict(_dict(row).get("gia_tri")):
            if code not in codes:
                yield source.problem(("so_sanh_dia_ban", "dia_ban", i, "gia_tri", code),
                                     f"'{code}' không có trong so_sanh_dia_ban.chi_tieu")


def _required_by_profile(source: Source, data: dict) -> Iterator[Problem]:
    profile = data.get("the_thuc")
    if profile in REPORT_PROFILES:
        for key, what in _REPORT_REQUIRED.items():
            if data.get(key) in (None, "", [], {}):
                yield source.problem((key,), f"thiếu {what}: bắt buộc với thể thức '{profile}'")
    elif profile in ARTICLE_PROFILES and not data.get("tac_gia"):
        yield source.problem(("tac_gia",), "thiếu tác giả (ho_ten, có thể thêm chuc_danh) hoặc nguồn bài (nguon): "
                                           f"bắt buộc với thể thức '{profile}'")
    elif profile in ARTICLE_PROFILES and isinstance(author := data.get("tac_gia"), dict) and not author.get("ho_ten"):
        if author.get("chuc_danh"):
            yield source.problem(("tac_gia", "ho_ten"), "có chức danh (chuc_danh) thì cần tên tác giả (ho_ten)")
        elif not author.get("nguon"):
            yield source.problem(("tac_gia", "ho_ten"), "thiếu tên tác giả (ho_ten) hoặc nguồn bài (nguon, ví dụ "
                                                        "baoquangninh.vn)")


def _listed_sections(data: dict) -> list[tuple[int, str, Any]]:
    """The sections muc lists: (place, code, item), skipping what pydantic reports."""
    listed = data.get("muc")
    items = enumerate(listed) if isinstance(listed, list) else ()
    return [(i, code, item) for i, item in items
            if isinstance(code := item if isinstance(item, str) else _dict(item).get("ma"), str)
            and re.match(CODE_PATTERN, code)]


def _sections(source: Source, data: dict) -> Iterator[Problem]:
    """muc lists standard sections (renamed or not) and the clerk's own, each once; chi_tieu
    and noi_dung hold only the sections the report has."""
    declared: set[str] = set() if isinstance(data.get("muc"), list) else set(SECTIONS)
    for i, code, item in _listed_sections(data):
        if code in declared:
            yield source.problem(("muc", i), f"mục '{code}' đã có ở trên: mỗi mục chỉ ghi một lần")
        declared.add(code)
        if code not in SECTION_TITLES and not _dict(item).get("tieu_de"):
            hint = difflib.get_close_matches(code, SECTIONS, n=1)
            guess = f" (có phải '{hint[0]}'?)" if hint else ""
            yield source.problem(("muc", i), f"'{code}' không phải mục chuẩn{guess}; mục riêng ghi ma và tieu_de")
    for key in ("chi_tieu", "noi_dung"):
        for section, content in _dict(data.get(key)).items():
            if section in declared or (section in SECTIONS and content in (None, "", [], {})):
                continue
            if section in SECTIONS:
                yield source.problem((key, section), f"mục '{section}' không có trong muc: thêm '{section}' "
                                                     "vào muc hoặc bỏ nội dung của mục này")
                continue
            hint = difflib.get_close_matches(str(section), sorted(declared), n=1)
            guess = f" (có phải '{hint[0]}'?)" if hint else ""
            yield source.problem((key, section), f"mục '{section}' không có{guess}; mục riêng cần khai báo "
                                                 "trong muc (ma, tieu_de)")


def _indicators(source: Source, data: dict, catalogue: Catalogue) -> Iterator[Problem]:
    sections = {name: _dict(block) for name, block in _dict(data.get("chi_tieu")).items()}
    seen: dict[str, str] = {}
    present: dict[str, dict] = {}
    for block in sections.values():
        for code, entry in block.items():
            present.setdefault(code, _dict(entry))
    for section, block in sections.items():
        for code, entry in block.items():
            path = ("chi_tieu", section, code)
            if code in seen and seen[code] != section:
                yield source.problem(path, f"mã chỉ tiêu đã có ở mục '{seen[code]}': mỗi mã chỉ ghi một lần")
                continue
            seen[code] = section
            entry = _dict(entry)
            std = catalogue.by_code.get(code)
            if std is None and not (entry.get("ten") and entry.get("don_vi")):
                hint = difflib.get_close_matches(code, list(catalogue.by_code), n=1)
                guess = f" (có phải '{hint[0]}'?)" if hint else ""
                yield source.problem(
                    path,
                    f"'{code}' không có trong danh mục chỉ tiêu chuẩn{guess}; "
                    "chỉ tiêu riêng cần ghi 'ten' và 'don_vi'",
                )
                continue
            may_be_negative = bool(std and std.co_the_am)
            for key in ("gia_tri", "cung_ky", "ke_hoach"):
                try:
                    number = _number(entry.get(key))
                except (ValueError, PydanticCustomError):
                    continue  # pydantic reports a value that is not a number
                if number is not None and number < 0 and not may_be_negative:
                    yield source.problem(path + (key,), "phải là số không âm")


def _computable(std, present: dict) -> bool:
    """Whether a rate left blank can be worked out from its counts in the sheet."""
    if std is None or not (std.tu_so and std.mau_so):
        return False
    try:
        top = _number(present.get(std.tu_so, {}).get("gia_tri"))
        bottom = _number(present.get(std.mau_so, {}).get("gia_tri"))
    except (ValueError, PydanticCustomError):
        return True  # a count that is not a number is reported at its own place
    return top is not None and bottom is not None and bottom != 0


def _authority_lines(source: Source, data: dict) -> Iterator[Problem]:
    profile = data.get("the_thuc")
    lines = _dict(data.get("nguoi_ky")).get("tham_quyen")
    if profile not in REPORT_PROFILES or not lines:
        return
    if isinstance(lines, str):
        lines = [lines]
    if not isinstance(lines, list):
        return
    allowed = PARTY_PREFIXES if profile == "dang" else STATE_PREFIXES
    for i, line in enumerate(lines):
        if not isinstance(line, str):
            continue
        text = line.strip().upper()
        if text.startswith(allowed):
            continue
        path = ("nguoi_ky", "tham_quyen", i)
        twin = next((p for p in _PREFIX_TWINS if text.startswith(p)), None)
        if twin:
            right = _PREFIX_TWINS[twin]
            style = "Đảng" if profile == "dang" else "nhà nước"
            yield source.problem(path, f"thể thức {style} viết '{right}', không viết '{twin}'")
        else:
            yield source.problem(
                path, "dòng thẩm quyền phải bắt đầu bằng " + ", ".join(f"'{p}'" for p in allowed)
            )
