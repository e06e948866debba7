"""Numbers as Vietnamese reports write them: "4.036", "6.044,8", "8,56%"; and reading them back."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, getcontext
from typing import Optional, Union

from babel import Locale

Number = Union[int, float, Decimal]

LOCALE = "vi"
DEFAULT_DIGITS = 2
# The largest figure a sheet may hold has 15 digits before the decimal mark: a budget in
# đồng fits, and so does every sum of a roll-up within the default 28-digit precision.
MAX_WHOLE_DIGITS = 15
_LIMIT = Decimal(10) ** MAX_WHOLE_DIGITS


class NumberRangeError(ValueError):
    """A number that reads fine but that no sheet can hold (infinite, NaN, too large)."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def to_decimal(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # repr() gives the shortest string that reads back as the same float,
        # so 6044.8 becomes Decimal("6044.8"), not 6044.79999...
        return Decimal(repr(value))
    return Decimal(value)


def sheet_number(value: Number) -> Decimal:
    """``value`` as a Decimal a sheet may hold: finite and below 10^15 in absolute value.

    The one place that bounds the figures of a sheet, whatever way they were written.
    Raises NumberRangeError (a ValueError) with the clerk's message otherwise.
    """
    number = to_decimal(value)
    if not number.is_finite():
        raise NumberRangeError("phải là số hữu hạn")
    if abs(number) >= _LIMIT:
        raise NumberRangeError(f"số quá lớn (tối đa {MAX_WHOLE_DIGITS} chữ số trước dấu phẩy)")
    return number


def _room_for(value: Decimal, digits: int) -> Optional[Context]:
    """A context wide enough to hold ``value`` with ``digits`` decimals, when the default is not.

    A ratio to a very small last year's figure can be far larger than any figure of a sheet.
    """
    needed = value.adjusted() + digits + 2
    return Context(prec=needed) if needed > getcontext().prec else None


def round_half_up(value: Number, digits: int = DEFAULT_DIGITS) -> Decimal:
    """Round the way people do on paper (2,675 -> 2,68), not banker's rounding."""
    quantum = Decimal(1).scaleb(-digits)
    number = to_decimal(value)
    return number.quantize(quantum, rounding=ROUND_HALF_UP, context=_room_for(number, digits))


def _separators() -> dict[int, str]:
    # The locale's symbols come from Babel (CLDR); the grouping is the locale's #,##0.
    symbols = Locale.parse(LOCALE).number_symbols["latn"]
    return str.maketrans({",": symbols["group"], ".": symbols["decimal"]})


_TO_LOCALE = _separators()


def format_number(value: Number, digits: int = DEFAULT_DIGITS, leading_zero: bool = False) -> str:
    """4036 -> "4.036"; 6044.8 -> "6.044,8"; at most ``digits`` decimals, no trailing zeros.

    ``leading_zero`` writes whole counts below 10 as "05", a common practice.
    Gives what Babel's format_decimal(pattern "#,##0.##") gives, without its per-call
    lookups: a bulk run formats hundreds of thousands of figures.
    """
    rounded = round_half_up(value, digits)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0"
    whole = rounded == rounded.to_integral_value()
    if whole:
        plain = f"{rounded.to_integral_value():,f}"
    else:
        plain = f"{rounded.normalize(_room_for(rounded, digits)):,f}"
    text = plain.translate(_TO_LOCALE)
    if leading_zero and whole and 0 < rounded < 10:
        text = "0" + text
    return text


def format_fixed(value: Number, digits: int) -> str:
    """A figure with exactly ``digits`` decimals: 2 -> "2,00" beside "1,97" in a table's column."""
    rounded = round_half_up(value, digits)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0,00"
    return f"{rounded:,f}".translate(_TO_LOCALE)


def decimals(text: str) -> int:
    """How many decimals a figure printed by :func:`format_number` shows: "1,97" -> 2, "4.036" -> 0."""
    return len(text.rsplit(",", 1)[1]) if "," in text else 0


def format_percent(value: Number, digits: int = DEFAULT_DIGITS) -> str:
    """8.56 -> "8,56%" (no space before the sign)."""
    return format_number(value, digits) + "%"


_VI_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_VI_COMMA_DECIMAL = re.compile(r"^-?\d+(,\d+)?$")
_PLAIN_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


def parse_number(text: str) -> Decimal:
    """Read a number as a Vietnamese clerk writes it: "6.044,8", "4.036", "8,56", "24256".

    A dot followed by groups of three digits is a thousands separator (the
    Vietnamese reading); otherwise a single dot or comma is the decimal mark.
    Raises ValueError when the text is not a number, NumberRangeError (a ValueError)
    when it is one no sheet may hold (see :func:`sheet_number`).
    """
    s = nfc(text).strip().replace("\u00a0", "").replace(" ", "")
    try:
        if _VI_GROUPED.match(s):
            return sheet_number(Decimal(s.replace(".", "").replace(",", ".")))
        if _VI_COMMA_DECIMAL.match(s):
            return sheet_number(Decimal(s.replace(",", ".")))
        if _PLAIN_DECIMAL.match(s):
            return sheet_number(Decimal(s))
    except InvalidOperation:  # pragma: no cover - the patterns only admit digits
        pass
    raise ValueError(f"không đọc được số {text!r}")
