"""Figures referenced inside the clerk's own text: "[doanh_nghiep_moi]" becomes "596 doanh nghiệp".

A reference is an indicator code in square brackets, with an optional part after a dot:

    [ma]           the value with its unit       "596 doanh nghiệp", "8,56%"
    [ma.so]        the bare number               "596"
    [ma.cung_ky]   last year's value, with unit  "549 doanh nghiệp"
    [ma.so_sanh]   the change                    "tăng 8,56% so với cùng kỳ"
    [ma.ke_hoach]  the share of the plan         "đạt 100,51% kế hoạch"
    [ma.ty_le]     a rate as its fraction        "38/45 vụ việc, đạt 84,44%"
    [ma.theo_nam]  the value of each year        "năm 2016 có 109 điểm sáng, ... và năm 2019 có 110 điểm sáng"
    [ma.thay_doi]  the change alone              "giảm 13,6%", "giảm 960 người"
    [ma.phan_so]   the figure as part of a whole "245/411 xã, chiếm tỷ lệ 59,6%", "13 vụ/47 bị can"

A clerk types it in Notepad without escaping; it cannot collide with a template's Jinja
({{ }}), and ordinary brackets ("[1]", "[Phụ lục]") are left alone since a code is lower
case ASCII with underscores. A paragraph that is only ``[cac_chi_tieu]`` is where a
section's generated sentences go. Each figure is formatted by drafting.lang like every
other, and marked computed where drafting computed it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterator
from typing import Any, Optional

from ..errors import Location, Problem
from ..lang.phrase import Phrase, Segment
from .catalogue import load_catalogue
from .indicators import Indicator
from .yaml_source import Source

__all__ = ["GENERATED_HERE", "PARTS", "REFERENCE", "check_reference_names", "check_references", "fill",
           "referenced_codes", "text_fields"]

REFERENCE = re.compile(r"\[([a-z][a-z0-9_]*)(?:\.([a-z_]+))?\]")
GENERATED_HERE = "cac_chi_tieu"  # "[cac_chi_tieu]": the section's generated sentences go here

# The free-text fields of a sheet, as key paths ("*" for every item, "<muc>" for every section).
_TEXT_PATHS: tuple[tuple, ...] = (
    ("can_cu",), ("nhiem_vu_mo_dau",), ("han_che", "*"), ("nguyen_nhan", "*"), ("nhiem_vu", "*"),
    ("kien_nghi", "*"), ("noi_dung", "<muc>", "*"),
    # a conference's news (conference_model.py)
    ("hoi_nghi", "dai_bieu", "*"), ("hoi_nghi", "thao_luan", "*"), ("hoi_nghi", "su_kien", "*"),
    ("hoi_nghi", "ket_luan", "*"), ("hoi_nghi", "anh", "<muc>", "*"),
)


def _last_year(ind: Indicator, zero: bool) -> Optional[Phrase]:
    if ind.last_year is None:
        return None
    number = Segment(ind.number_text(ind.last_year, leading_zero=zero), ind.last_year_computed)
    return Phrase([number, "%" if ind.unit == "%" else f" {ind.unit}"])


def _number(ind: Indicator, zero: bool) -> Phrase:
    zero = zero if ind.leading_zero is None else ind.leading_zero  # the figure's own so_0_dau first
    return Phrase([Segment(ind.number_text(leading_zero=zero), ind.value_computed)])


Part = Callable[[Indicator, bool], Optional[Phrase]]
# part -> (what it gives, what the indicator needs for it, in the words of an error message)
PARTS: dict[str, tuple[Part, str]] = {
    "": (lambda ind, zero: ind.value_phrase(zero), ""),
    "so": (_number, ""),
    "cung_ky": (_last_year, "số cùng kỳ (cung_ky)"),
    "so_sanh": (lambda ind, zero: ind.change_phrase(), "số cùng kỳ (cung_ky) hoặc mức tăng, giảm (thay_doi)"),
    "ke_hoach": (lambda ind, zero: ind.plan_phrase(), "số kế hoạch (ke_hoach) hoặc tỷ lệ đạt (dat_ke_hoach)"),
    "ty_le": (lambda ind, zero: None, "tử số và mẫu số trong danh mục (tu_so, mau_so)"),
    "theo_nam": (lambda ind, zero: ind.series_phrase(zero), "số liệu từng năm (theo_nam)"),
    "thay_doi": (lambda ind, zero: ind.change_short(), "số cùng kỳ (cung_ky) hoặc mức tăng, giảm (thay_doi)"),
    "phan_so": (lambda ind, zero: ind.fraction_phrase(zero), "phân số (phan_so)"),
}
CHANGE_PARTS = ("so_sanh", "thay_doi")  # what an indicator that states only its change can give


def text_fields(data: Any) -> Iterator[tuple[tuple, str]]:
    """Every free text of the sheet's data, with its key path."""
    for pattern in _TEXT_PATHS:
        yield from _walk(data, (), pattern)


def _walk(value: Any, path: tuple, pattern: tuple) -> Iterator[tuple[tuple, str]]:
    if not pattern:
        if isinstance(value, str):
            yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "<muc>" and isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,), rest)
    elif head == "*" and isinstance(value, str):  # a single paragraph written without "- "
        yield from _walk(value, path, rest)
    elif head == "*" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, path + (i,), rest)
    elif isinstance(value, dict) and head in value:
        yield from _walk(value[head], path + (head,), rest)


def referenced_codes(data: Any, indicators: Optional[dict[str, Indicator]] = None) -> set[str]:
    """The codes the clerk's text refers to: their generated sentences are not repeated. With
    ``indicators``, a rate written as its fraction ([ma.ty_le]: "38/45 vụ việc") names its counts too."""
    found = [(m.group(1), m.group(2)) for _, text in text_fields(data) for m in REFERENCE.finditer(text)
             if m.group(1) != GENERATED_HERE]
    parts = [(ind.numerator, ind.denominator) for code, part in found
             if part == "ty_le" and (ind := (indicators or {}).get(code)) is not None]
    # A whole named by its code (phan_so.tren: "13 vụ/47 bị can") is said with its part, not again.
    wholes = {ind.fraction.code for ind in (indicators or {}).values() if ind.fraction and ind.fraction.code}
    return {code for code, _ in found} | {code for pair in parts for code in pair if code} | wholes


def check_references(source: Source, text: str, indicators: dict[str, Indicator],
                     pending: frozenset[str] = frozenset()) -> list[Problem]:
    """A located problem for every reference to an unknown code, an unknown part, or a missing figure
    (``pending``: the codes of chi_tieu not filled in yet)."""
    problems = []
    for path, value in text_fields(source.data):
        for match in REFERENCE.finditer(value):
            code, part = match.group(1), match.group(2) or ""
            message = (f"chỉ tiêu '{code}' chưa điền gia_tri: hãy điền số trước khi dùng nó trong câu văn"
                       if code in pending else _reference_problem(code, part, indicators))
            if message:
                problems.append(Problem(_where(source, text, path, match.group(0)), message))
    return problems


def check_reference_names(source: Source, text: str, codes: Collection[str]) -> list[Problem]:
    """For a sheet whose values did not validate: what its raw text already shows, a reference
    to a code that chi_tieu does not declare (``codes``) or to an unknown part."""
    problems = []
    for path, value in text_fields(source.data):
        for match in REFERENCE.finditer(value):
            message = _name_problem(match.group(1), match.group(2) or "", codes)
            if message:
                problems.append(Problem(_where(source, text, path, match.group(0)), message))
    return problems


def _name_problem(code: str, part: str, codes: Collection[str]) -> Optional[str]:
    if code == GENERATED_HERE:
        return None if not part else f"[{GENERATED_HERE}] không có phần sau dấu chấm"
    if code not in codes:
        hint = difflib.get_close_matches(code, sorted(codes), n=1)
        suggestion = f" (có phải là {hint[0]}?)" if hint else ""
        return f"không có chỉ tiêu '{code}' trong chi_tieu của bảng{suggestion}"
    if part not in PARTS:
        known = ", ".join(f"[{code}.{p}]" if p else f"[{code}]" for p in PARTS)
        return f"không có phần '{part}' của chỉ tiêu; dùng: {known}"
    return None


def _reference_problem(code: str, part: str, indicators: dict[str, Indicator]) -> Optional[str]:
    named = _name_problem(code, part, indicators)
    ind = indicators.get(code)
    if named or ind is None:
        return named
    if not ind.value_known and part not in CHANGE_PARTS:
        return (f"chỉ tiêu '{code}' chỉ có mức tăng, giảm (thay_doi), chưa có gia_tri: "
                f"dùng [{code}.thay_doi] hoặc [{code}.so_sanh]")
    if _part(ind, part, indicators, False) is None:
        return _missing_part(ind, code, part, indicators)
    return None


def _missing_part(ind: Indicator, code: str, part: str, indicators: dict[str, Indicator]) -> str:
    """Why [code.part] has nothing to give, in the clerk's terms."""
    if part == "ke_hoach" and ind.plan == 0 and ind.stated_plan_percent is None:
        return (f"[{code}.ke_hoach]: kế hoạch (ke_hoach) của chỉ tiêu '{code}' bằng 0 thì không tính được "
                "tỷ lệ đạt: hãy sửa số kế hoạch, hoặc ghi tỷ lệ đạt (dat_ke_hoach)")
    rates = [e.ma for e in load_catalogue().chi_tieu if code in (e.tu_so, e.mau_so)] if part == "ty_le" else []
    if rates and ind.numerator is None:  # a count: its rate is another code
        rates.sort(key=lambda rate: rate not in indicators)  # those the sheet declares first
        added = "" if rates[0] in indicators else f" (thêm '{rates[0]}: {{}}' vào chi_tieu để drafting tự tính)"
        return (f"[{code}.ty_le]: '{code}' là số đếm, không phải tỷ lệ; tỷ lệ tính từ nó là chỉ tiêu "
                f"'{rates[0]}': dùng [{rates[0]}.ty_le]{added}")
    return f"[{code}.{part}] cần {PARTS[part][1]} của chỉ tiêu '{code}'"


def _where(source: Source, text: str, path: tuple, needle: str) -> Location:
    """The reference's own line and column in the sheet's text, searched from its key's line."""
    key = source.locate(path)
    lines = text.splitlines()
    for number in range((key.line or 1) - 1, len(lines)):
        column = lines[number].find(needle)
        if column >= 0:
            return Location(key.file, number + 1, column + 1, key.path)
    return key


def _part(ind: Indicator, part: str, indicators: dict[str, Indicator], zero: bool) -> Optional[Phrase]:
    if not ind.value_known and part not in CHANGE_PARTS:
        return None
    if part == "ty_le":
        top = indicators.get(ind.numerator or "")
        bottom = indicators.get(ind.denominator or "")
        if top is None or bottom is None:
            return None
        fraction = Phrase([f"{top.number_text()}/{bottom.number_text()} {bottom.unit}, đạt "])
        return fraction + ind.value_phrase()
    return PARTS[part][0](ind, zero)


def fill(text: str, indicators: dict[str, Indicator], leading_zero: bool = False) -> Phrase:
    """``text`` with every reference replaced by its figure (the sheet was checked: all resolve)."""
    out: list = []
    done = 0
    for match in REFERENCE.finditer(text):
        code, part = match.group(1), match.group(2) or ""
        if code not in indicators or part not in PARTS:
            continue  # not a reference check_references let through: leave the text as written
        phrase = _part(indicators[code], part, indicators, leading_zero)
        if phrase is None:
            continue
        out.append(text[done:match.start()])
        out.extend(phrase.segments)
        done = match.end()
    out.append(text[done:])
    return Phrase(out)
