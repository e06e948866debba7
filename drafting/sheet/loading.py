"""Reading a sheet from disk: parse, check its version, validate, resolve, warn.

Every problem is collected before anything is raised, so the clerk sees the
whole list in one run.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from pydantic import ValidationError

from ..errors import Problem, SheetError
from .catalogue import Catalogue, load_catalogue
from .consistency import ambiguous_numbers, check_consistency
from .indicators import Indicator, resolve, unfilled
from .models import Sheet, all_keys
from .references import check_reference_names, check_references
from .rules import check_rules
from .vocabulary import CURRENT_VERSION
from .yaml_source import Source, parse_yaml, read_text


@dataclass(frozen=True)
class LoadedSheet:
    """A valid sheet, its indicators resolved, and the warnings it raised."""

    sheet: Sheet
    indicators: tuple[Indicator, ...]
    warnings: tuple[Problem, ...]
    source: Source
    text: str


def load_sheet(path: Union[str, Path]) -> LoadedSheet:
    """Read, validate and resolve the sheet at ``path``; SheetError lists every problem at once."""
    path = Path(path)
    return parse_sheet(read_text(path), path)


def parse_sheet(text: str, file: Optional[Path] = None, catalogue: Optional[Catalogue] = None) -> LoadedSheet:
    """Like :func:`load_sheet` for a sheet held as text; ``file`` only names it in messages."""
    return validate_source(parse_yaml(text, file), text, catalogue)


def validate_source(source: Source, text: str = "", catalogue: Optional[Catalogue] = None) -> LoadedSheet:
    """Validate parsed sheet data (from YAML, or a table row merged over a base sheet)."""
    catalogue = catalogue or load_catalogue()
    if not isinstance(source.data, dict):
        raise SheetError([source.problem((), "bảng chỉ tiêu phải là các dòng 'khóa: giá trị'")])
    _check_version(source)
    problems: list[Problem] = []
    sheet: Optional[Sheet] = None
    try:
        sheet = Sheet.model_validate(source.data)
    except ValidationError as exc:
        problems += [_translate(source, err) for err in exc.errors()]
    problems += _dedupe_against(problems, check_rules(source, catalogue))
    if problems or sheet is None:
        # What the raw text shows is told in the same run, so one fix does not uncover another.
        problems += check_reference_names(source, text, _declared_codes(source.data))
        raise SheetError(problems, list(ambiguous_numbers(source)))
    indicators = resolve(sheet, catalogue)
    pending = frozenset(code for _, code in unfilled(sheet, indicators) if "." not in code)
    wrong = check_references(source, text, {ind.code: ind for ind in indicators}, pending)
    warnings = check_consistency(sheet, indicators, source)
    if wrong:
        raise SheetError(wrong, warnings)
    return LoadedSheet(
        sheet=sheet,
        indicators=tuple(indicators),
        warnings=tuple(sorted(warnings, key=lambda p: p.sort_key)),
        source=source,
        text=text,
    )


def _declared_codes(data: dict) -> set[str]:
    """The indicator codes chi_tieu declares, read from the raw mapping (it may not validate)."""
    sections = data.get("chi_tieu")
    if not isinstance(sections, dict):
        return set()
    return {str(code) for entries in sections.values() if isinstance(entries, dict) for code in entries}


def _check_version(source: Source) -> None:
    version = source.data.get("phien_ban")
    if version is None:
        raise SheetError([source.problem(
            ("phien_ban",),
            f"thiếu phien_ban: thêm dòng 'phien_ban: {CURRENT_VERSION}' ở đầu tệp",
        )])
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SheetError([source.problem(("phien_ban",), "phien_ban phải là số nguyên, ví dụ 1")])
    if version > CURRENT_VERSION:
        raise SheetError([source.problem(
            ("phien_ban",),
            f"bảng chỉ tiêu viết theo phiên bản {version}, mới hơn bản drafting này "
            f"(đọc được đến phiên bản {CURRENT_VERSION}): hãy cập nhật drafting",
        )])
    # Older versions are upgraded here when the format changes; version 1 is the first.


def _dedupe_against(first: list[Problem], more: list[Problem]) -> list[Problem]:
    taken = {p.location.path for p in first}
    return [p for p in more if p.location.path not in taken]


_MESSAGES = {
    "missing": "thiếu mục bắt buộc",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_type": "phải là true (có) hoặc false (không)",
    "bool_parsing": "phải là true (có) hoặc false (không)",
    "string_type": "phải là chữ (văn bản)",
    "string_too_short": "không được để trống",

    "list_type": "phải là danh sách, mỗi mục một dòng bắt đầu bằng '- '",
    "tuple_type": "giá trị không hợp lệ",
    "dict_type": "phải là một nhóm các dòng 'khóa: giá trị'",
    "model_type": "phải là một nhóm các dòng 'khóa: giá trị'",
    "model_attributes_type": "phải là một nhóm các dòng 'khóa: giá trị'",
    "date_type": "phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2022-12-15",
    "date_parsing": "phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2022-12-15",
    "date_from_datetime_parsing": "phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2022-12-15",
    "date_from_datetime_inexact": "phải là ngày (không kèm giờ)",
    "decimal_type": "phải là số",
    "decimal_parsing": "phải là số",
    "string_pattern_mismatch": "mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (ví dụ doanh_nghiep_moi)",
    "none_required": "phải để trống",
}


def _translate(source: Source, err: Any) -> Problem:  # a pydantic ErrorDetails
    loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        return source.problem(
            loc, "mã chỉ tiêu chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (ví dụ doanh_nghiep_moi)"
        )
    if kind == "drafting":
        message = err["msg"]
    elif err.get("input") is None and kind.endswith("_type"):
        message = "không được để trống"  # "ho_ten:" with nothing after it
    elif kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        hint = difflib.get_close_matches(key, sorted(all_keys()), n=1)
        message = "khóa không có trong bảng chỉ tiêu" + (f" (có phải '{hint[0]}'?)" if hint else "")
    elif kind == "literal_error":
        message = "phải là một trong: " + ctx.get("expected", "").replace(" or ", ", ")
    elif kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        message = "phải là số không âm" if bound == 0 else f"phải từ {bound} trở lên"
    elif kind == "too_short":
        message = f"cần ít nhất {ctx.get('min_length')} mục"
    elif kind == "too_long":
        message = f"nhiều nhất {ctx.get('max_length')} mục"
    elif kind in ("less_than_equal", "less_than"):
        message = f"phải không quá {ctx.get('le', ctx.get('lt'))}"
    else:
        message = _MESSAGES.get(kind, f"giá trị không hợp lệ ({err['msg']})")
    # A wrong value is shown where it is written; a missing or unknown key, at the key.
    return source.problem(loc, message, at_value=kind not in ("missing", "extra_forbidden"))
