"""The value types of the sheet's fields: numbers, texts, paragraphs, codes, dates, stated changes.

Each type carries its own Vietnamese message, so every model that uses it says the same thing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from ..lang import parse_number
from ..lang.numbers import NumberRangeError, sheet_number
from .catalogue import CODE_PATTERN


def _error(message: str) -> PydanticCustomError:
    return PydanticCustomError("drafting", message)


# A number a clerk wrote in YAML: the Vietnamese way needs quotes there, not in a table's cell.
NUMBER_HINT = 'phải là số (ví dụ 4036, 6044.8 hoặc "6.044,8")'
CELL_NUMBER_HINT = "phải là số (ví dụ 4036, 6044.8 hoặc 6.044,8)"


def _number(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _error("phải là số")
    try:
        if isinstance(value, (int, float, Decimal)):
            return sheet_number(value)  # .nan, .inf and figures too large for a report
        if isinstance(value, str):
            return parse_number(value)
    except NumberRangeError as exc:
        raise _error(str(exc)) from None
    except ValueError:
        raise _error(NUMBER_HINT) from None
    raise _error("phải là số")


def _whole_number(value: Any) -> Any:
    # Whole-number keys (nam, so, chu_so) keep pydantic's checks; .nan, .inf and numbers too
    # large for any sheet get the same message as the figures instead of pydantic's English.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            sheet_number(value)
        except NumberRangeError as exc:
            raise _error(str(exc)) from None
    return value


def _as_list(value: Any) -> Any:
    # A single paragraph written without "- " is still a list of one; a key left empty is none.
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _as_mapping(value: Any) -> Any:
    # "phoi_hop:" or "ty_le_giai_quyet:" with nothing under it means nothing to say.
    return {} if value is None else value


def _as_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
        if m:
            day, month, year = (int(g) for g in m.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise _error("ngày không có thật") from None
    return value


_CHANGE = re.compile(r"^\s*(tăng|giảm)\s+([0-9.,]+)\s*%\s*$", re.IGNORECASE)


def _stated_change(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        m = _CHANGE.match(value)
        if m:
            try:
                return (m.group(1).lower(), parse_number(m.group(2)))
            except NumberRangeError as exc:
                raise _error(str(exc)) from None
            except ValueError:
                pass
    raise _error("phải có dạng 'tăng 8,56%' hoặc 'giảm 54%'")


Number = Annotated[Decimal, BeforeValidator(_number)]
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Paragraphs = Annotated[list[Text], BeforeValidator(_as_list)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
StatedChange = Annotated[tuple[Literal["tăng", "giảm"], Decimal], BeforeValidator(_stated_change)]
IssueDate = Annotated[date, BeforeValidator(_as_date)]
# Words written before a figure: "hơn 294 mô hình".
Qualifier = Literal["hơn", "gần", "trên", "khoảng", "gần như", "chưa đến"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
