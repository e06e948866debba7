"""format_number must give exactly what Babel's own formatter gives for the vi locale."""

from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from drafting import lang as vi

decimals = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False,
                       allow_infinity=False, places=6)


@given(decimals, st.integers(min_value=0, max_value=4))
def test_format_number_is_babels_format(value, digits):
    rounded = vi.round_half_up(value, digits)
    rounded = abs(rounded) if rounded == 0 else rounded
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    assert vi.format_number(value, digits) == format_decimal(rounded, format=pattern, locale="vi")


def test_format_number_examples():
    assert vi.format_number(Decimal("6044.80")) == "6.044,8"
    assert vi.format_number(1234567) == "1.234.567"
    assert vi.format_number(Decimal("100.00")) == "100"
    assert vi.format_number(Decimal("-0.001")) == "0"
    assert vi.format_number(5, leading_zero=True) == "05"
