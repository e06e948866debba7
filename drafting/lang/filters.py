"""The Jinja filters every template may use, under their Vietnamese names."""

from __future__ import annotations

from .dates import format_date
from .numbers import format_number, format_percent
from .words import (
    end_sentence,
    lower_first,
    number_in_words,
    ordinal,
    roman,
    upper,
    upper_first,
)

FILTERS = {
    "so": format_number,
    "phan_tram": format_percent,
    "ngay": format_date,
    "thu_tu": ordinal,
    "la_ma": roman,
    "chu_hoa": upper,
    "chu_thuong_dau": lower_first,
    "chu_hoa_dau": upper_first,
    "ket_cau": end_sentence,
    "bang_chu": number_in_words,
}
"""Jinja filters, under the Vietnamese names the templates use."""
