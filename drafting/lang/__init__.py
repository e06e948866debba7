"""Every Vietnamese language rule drafting applies: numbers, dates, words, comparison phrases,
sorting and file names.

The rules follow shared/reference/report-language.md and format-rules.md. Templates
reach them through the Jinja filters in :data:`FILTERS`; nothing else in the package
formats a number or a date on its own.
"""

from .changes import (
    KIND_AMOUNT,
    KIND_COUNT,
    KIND_RATE,
    LAST_YEAR,
    POINTS,
    Kind,
    change_short,
    change_vs_last_year,
    rate_against_plan,
    ratio_to_last_year,
    share_of_plan,
    share_of_plans,
    stated_change,
    stated_change_short,
    stated_share_of_plan,
    without_repeats,
)
from .collation import sort_key
from .dates import format_date
from .filters import FILTERS
from .numbers import (
    DEFAULT_DIGITS,
    Number,
    format_number,
    format_percent,
    nfc,
    parse_number,
    round_half_up,
    to_decimal,
)
from .periods import PERIOD_KINDS, Period, PeriodKind
from .phrase import Phrase, Segment
from .slugs import has_file_name, slugify
from .words import (
    ORDINAL_STYLES,
    document_number,
    end_sentence,
    lower_first,
    number_in_words,
    ordinal,
    roman,
    strip_end,
    upper,
    upper_first,
)

__all__ = [
    "DEFAULT_DIGITS",
    "FILTERS",
    "KIND_AMOUNT",
    "KIND_COUNT",
    "KIND_RATE",
    "LAST_YEAR",
    "ORDINAL_STYLES",
    "PERIOD_KINDS",
    "POINTS",
    "Kind",
    "Number",
    "Period",
    "PeriodKind",
    "Phrase",
    "Segment",
    "change_short",
    "change_vs_last_year",
    "document_number",
    "end_sentence",
    "format_date",
    "format_number",
    "format_percent",
    "has_file_name",
    "lower_first",
    "nfc",
    "number_in_words",
    "ordinal",
    "parse_number",
    "rate_against_plan",
    "ratio_to_last_year",
    "roman",
    "round_half_up",
    "share_of_plan",
    "share_of_plans",
    "slugify",
    "sort_key",
    "stated_change",
    "stated_change_short",
    "stated_share_of_plan",
    "strip_end",
    "to_decimal",
    "upper",
    "upper_first",
    "without_repeats",
]
