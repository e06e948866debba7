"""A figure as a part of a whole: "245/411 xã đạt chuẩn nông thôn mới, chiếm tỷ lệ 59,6%",
"38/45 vụ việc, đạt 84,4%", or two units side by side: "13 vụ/47 bị can".

The whole (``phan_so.tren``) is a number the sheet states or the code of another indicator of
the sheet, whose value and unit it then takes. A share is said only when both have one unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, NamedTuple, Optional, Union

from pydantic import BeforeValidator

from .catalogue import CODE_PATTERN
from .fields import Text, _error, _Model, _number

__all__ = ["DEFAULT_SHARE_WORDS", "Fraction", "PhanSo", "resolve_fraction"]

DEFAULT_SHARE_WORDS = "đạt"


def _whole(value: Any) -> Any:
    if isinstance(value, str) and re.match(CODE_PATTERN, value.strip()):
        return value.strip()  # another indicator's code
    if isinstance(value, str) and not re.fullmatch(r"[\s0-9.,-]+", value):
        raise _error("phải là số (ví dụ 411) hoặc mã một chỉ tiêu trong bảng (ví dụ tong_so_xa)")
    return _number(value)


Whole = Annotated[Union[str, Decimal], BeforeValidator(_whole)]


class PhanSo(_Model):
    """The sheet's ``phan_so`` of an indicator."""

    tren: Whole  # the whole: a number, or the code of the indicator that gives it
    don_vi: Optional[Text] = None  # the whole's unit when it is a number of another unit
    dien_giai: Optional[Text] = None  # words after the fraction: "đạt chuẩn nông thôn mới"
    ty_le: Union[bool, Text] = True  # the words before the share ("chiếm tỷ lệ"); false: no share


class Fraction(NamedTuple):
    """A ``phan_so`` resolved against the sheet's other figures."""

    whole: Decimal
    unit: str  # the whole's
    note: str  # dien_giai, or ""
    words: str  # before the share ("đạt"); "" when no share is said
    code: str = ""  # the indicator giving the whole, if one does


def resolve_fraction(spec: Optional[PhanSo], unit: str, figures: dict[str, tuple[Decimal, str]]
                     ) -> Optional[Fraction]:
    """``spec`` for a figure in ``unit``, with ``figures`` (code -> value, unit) for a whole named by
    its code; None without a spec or when that indicator has no value yet."""
    if spec is None:
        return None
    if isinstance(spec.tren, str):
        if spec.tren not in figures:
            return None
        whole, whole_unit = figures[spec.tren]
        code = spec.tren
    else:
        whole, whole_unit, code = spec.tren, spec.don_vi or unit, ""
    if spec.ty_le is False or whole_unit != unit:
        words = ""
    else:
        words = DEFAULT_SHARE_WORDS if spec.ty_le is True else spec.ty_le
    return Fraction(whole, whole_unit, spec.dien_giai or "", words, code)
