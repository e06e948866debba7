"""Rules of an indicator's comparisons that need the catalogue or the other indicators: a named
base (so_voi), how the change is written (cach_so_sanh) and a part of a whole (phan_so).

Like rules.py they read the raw parsed data and skip what pydantic reports.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from ..errors import Problem
from ..lang.changes import BY_AMOUNT, BY_POINTS, FROM_TO, KIND_COUNT, KIND_RATE
from .catalogue import Catalogue
from .yaml_source import Source

__all__ = ["check_comparisons"]


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def check_comparisons(source: Source, data: dict, catalogue: Catalogue) -> list[Problem]:
    entries = [(("chi_tieu", section, code), code, _dict(entry))
               for section, block in _dict(data.get("chi_tieu")).items() for code, entry in _dict(block).items()]
    units = {code: _unit(code, entry, catalogue) for _, code, entry in entries}
    problems: list[Problem] = []
    for path, code, entry in entries:
        kind = entry.get("loai") or (std.loai if (std := catalogue.by_code.get(code)) else None)
        kind = kind or (KIND_RATE if units[code] == "%" else KIND_COUNT)
        problems += _base_and_way(source, path, entry, kind)
        problems += _fraction(source, path, code, entry, units)
    return problems


def _unit(code: str, entry: dict, catalogue: Catalogue) -> str:
    std = catalogue.by_code.get(code)
    return str(entry.get("don_vi") or (std.don_vi if std else ""))


def _base_and_way(source: Source, path: tuple, entry: dict, kind: str) -> Iterator[Problem]:
    last, stated = entry.get("cung_ky") is not None, entry.get("thay_doi") is not None
    # Keys left blank by "drafting new --from" (to fill this year) name a base all the same.
    if entry.get("so_voi") is not None and not ("cung_ky" in entry or "thay_doi" in entry):
        yield source.problem(path + ("so_voi",),
                             "so_voi cần số liệu của mốc so sánh (cung_ky) hoặc mức tăng, giảm (thay_doi)")
    way = entry.get("cach_so_sanh")
    if way == BY_POINTS and kind != KIND_RATE:
        yield source.problem(path + ("cach_so_sanh",), "cach_so_sanh: diem (điểm phần trăm) chỉ dùng cho tỷ lệ; "
                                                       "số lượng, số tiền dùng phan_tram, so hoặc tu_den")
    elif way == BY_AMOUNT and kind == KIND_RATE:
        yield source.problem(path + ("cach_so_sanh",), "cach_so_sanh: so chỉ dùng cho số lượng, số tiền; "
                                                       "tỷ lệ dùng diem, phan_tram hoặc tu_den")
    elif way in (BY_AMOUNT, FROM_TO) and stated and not last:
        yield source.problem(path + ("cach_so_sanh",),
                             f"cach_so_sanh: {way} cần số cùng kỳ (cung_ky); thay_doi chỉ cho biết "
                             "mức tăng, giảm theo phần trăm")


def _fraction(source: Source, path: tuple, code: str, entry: dict, units: dict[str, str]) -> Iterator[Problem]:
    spec = _dict(entry.get("phan_so"))
    whole = spec.get("tren")
    at = path + ("phan_so", "tren")
    if isinstance(whole, str) and whole.strip() == code:
        yield source.problem(at, f"phan_so.tren là chính chỉ tiêu '{code}': ghi tổng số hoặc mã chỉ tiêu khác")
        return
    if isinstance(whole, str) and whole.strip() in units:
        whole_unit = units[whole.strip()]
    elif isinstance(whole, str) and whole.strip() and whole.strip()[0].isalpha():
        hint = difflib.get_close_matches(whole.strip(), sorted(units), n=1)
        suggestion = f" (có phải là {hint[0]}?)" if hint else ""
        yield source.problem(at, f"không có chỉ tiêu '{whole.strip()}' trong chi_tieu của bảng{suggestion}")
        return
    else:
        whole_unit = str(spec.get("don_vi") or units[code])
    words = spec.get("ty_le")
    if isinstance(words, str) and whole_unit != units[code]:
        yield source.problem(path + ("phan_so", "ty_le"),
                             f"'{units[code]}' và '{whole_unit}' khác đơn vị nên không tính được tỷ lệ: bỏ ty_le, "
                             "hoặc sửa đơn vị (phan_so.don_vi)")
