"""Every Vietnamese language rule drafting applies: numbers, dates, ordinals,
Roman numerals, letter case and the comparison phrases of a report.

Templates reach these through the Jinja filters in :data:`FILTERS`; nothing
else in the package formats a number or a date on its own.
The rules follow shared/reference/report-language.md and format-rules.md.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Optional, Union

from babel import Locale

from .phrase import Phrase, Segment

Number = Union[int, float, Decimal]

LOCALE = "vi"
DEFAULT_DIGITS = 2


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- numbers -------------------------------------------------------------------


def to_decimal(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # repr() gives the shortest string that reads back as the same float,
        # so 6044.8 becomes Decimal("6044.8"), not 6044.79999...
        return Decimal(repr(value))
    return Decimal(value)


def round_half_up(value: Number, digits: int = DEFAULT_DIGITS) -> Decimal:
    """Round the way people do on paper (2,675 -> 2,68), not banker's rounding."""
    quantum = Decimal(1).scaleb(-digits)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


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
    plain = f"{rounded.to_integral_value():,f}" if whole else f"{rounded.normalize():,f}"
    text = plain.translate(_TO_LOCALE)
    if leading_zero and whole and 0 < rounded < 10:
        text = "0" + text
    return text


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
    Raises ValueError when the text is not a number.
    """
    s = nfc(text).strip().replace("\u00a0", "").replace(" ", "")
    try:
        if _VI_GROUPED.match(s):
            return Decimal(s.replace(".", "").replace(",", "."))
        if _VI_COMMA_DECIMAL.match(s):
            return Decimal(s.replace(",", "."))
        if _PLAIN_DECIMAL.match(s):
            return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the patterns only admit digits
        pass
    raise ValueError(f"không đọc được số {text!r}")


# --- dates ----------------------------------------------------------------------


def format_date(d: Optional[date], year_if_blank: Optional[int] = None) -> str:
    """ "ngày 05 tháng 01 năm 2023", "ngày 05 tháng 3 năm 2023".

    A leading zero goes on days 1-9 and on months 1 and 2 only (NĐ 30/2020).
    With no date, the blanks are left for the clerk to fill by hand.
    """
    if d is None:
        year = str(year_if_blank) if year_if_blank else "      "
        return f"ngày      tháng      năm {year}"
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


# --- words and ordinals -----------------------------------------------------------------

_DIGIT_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _under_hundred(n: int) -> str:
    tens, unit = divmod(n, 10)
    if tens == 0:
        return _DIGIT_WORDS[unit]
    head = "mười" if tens == 1 else _DIGIT_WORDS[tens] + " mươi"
    if unit == 0:
        return head
    if unit == 1 and tens > 1:
        tail = "mốt"
    elif unit == 5:
        tail = "lăm"
    else:
        tail = _DIGIT_WORDS[unit]
    return f"{head} {tail}"


def number_in_words(n: int) -> str:
    """Whole numbers 0..999 999 in words ("hai nghìn không trăm hai mươi hai").

    Written here because num2words' Vietnamese gets numbers of a thousand and
    more wrong (report-language.md).
    """
    if not 0 <= n < 1_000_000:
        raise ValueError("chỉ hỗ trợ số từ 0 đến 999.999")
    if n < 100:
        return _under_hundred(n)
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_DIGIT_WORDS[hundreds]} trăm"
        if rest == 0:
            return head
        if rest < 10:
            return f"{head} lẻ {_DIGIT_WORDS[rest]}"
        return f"{head} {_under_hundred(rest)}"
    thousands, rest = divmod(n, 1000)
    head = f"{number_in_words(thousands)} nghìn"
    if rest == 0:
        return head
    if rest < 100:
        tail = f"không trăm {_under_hundred(rest) if rest >= 10 else 'lẻ ' + _DIGIT_WORDS[rest]}"
        return f"{head} {tail}"
    return f"{head} {number_in_words(rest)}"


ORDINAL_STYLES = ("mot_la", "thu_nhat")


def ordinal(n: int, style: str = "mot_la") -> str:
    """Task ordinals: "Một là", "Bốn là", "Mười hai là"; or "Thứ nhất", "Thứ tư"."""
    if n < 1:
        raise ValueError("số thứ tự phải từ 1")
    if style == "mot_la":
        words = number_in_words(n)
        return words[0].upper() + words[1:] + " là"
    if style == "thu_nhat":
        special = {1: "nhất", 4: "tư"}
        return "Thứ " + special.get(n, number_in_words(n))
    raise ValueError(f"kiểu đánh số không hỗ trợ: {style}")


_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError("số La Mã chỉ từ 1 đến 3999")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# --- letter case and sentences ---------------------------------------------------------


def upper(text: str) -> str:
    return nfc(nfc(text).upper())


def lower_first(text: str) -> str:
    """ "Làm tốt ..." -> "làm tốt ..."; leaves acronyms such as "UBND ..." alone."""
    text = nfc(text)
    if not text:
        return text
    if len(text) > 1 and text[1].isupper():
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    text = nfc(text)
    return text[:1].upper() + text[1:]


def end_sentence(text: str, mark: str = ".") -> str:
    """End a sentence with ``mark``: "." by default, ":" before a list, "./." at the very end.

    A trailing ";" or "," (or a "." when another mark is wanted) is replaced;
    a sentence already ending in "!", "?" or an ellipsis keeps it.
    """
    text = nfc(text).rstrip()
    if not text or text.endswith("./."):
        return text
    if mark == "." and text.endswith(("!", "?", "…", "...")):
        return text
    return text.rstrip(" .;,:") + mark


def strip_end(text: str) -> str:
    return nfc(text).rstrip().rstrip(".;,").rstrip()


# --- comparison phrases ------------------------------------------------------------------

KIND_COUNT = "so_luong"
KIND_AMOUNT = "so_tien"
KIND_RATE = "ty_le"

LAST_YEAR = "so với cùng kỳ"
POINTS = "điểm phần trăm"


def change_vs_last_year(value: Number, last_year: Optional[Number], kind: str) -> Optional[Phrase]:
    """ "tăng 8,56% so với cùng kỳ", "giảm 0,01 điểm phần trăm so với cùng kỳ".

    Counts and amounts compare by ratio, so a last year of 0 or none gives
    nothing; a rate compares by its difference in percentage points.
    """
    short = change_short(value, last_year, kind)
    if short is None:
        return None
    if str(short) == "bằng":
        return Phrase(["bằng cùng kỳ"])
    return short + f" {LAST_YEAR}"


def change_short(value: Number, last_year: Optional[Number], kind: str) -> Optional[Phrase]:
    """The comparison without "so với cùng kỳ", as a table cell shows it."""
    if last_year is None:
        return None
    n, p = to_decimal(value), to_decimal(last_year)
    if kind == KIND_RATE:
        delta = round_half_up(n - p)
        unit = f" {POINTS}"
    else:
        if p == 0:
            return None
        delta = round_half_up((n / p - 1) * 100)
        unit = "%"
    if delta == 0:
        return Phrase(["bằng"])
    word = "tăng" if delta > 0 else "giảm"
    return Phrase([f"{word} ", Segment(format_number(abs(delta)) + unit, True)])


def stated_change(direction: str, amount: Number, kind: str) -> Phrase:
    """A change the sheet states itself (last year's figure unknown): "giảm 54% so với cùng kỳ"."""
    unit = f" {POINTS}" if kind == KIND_RATE else "%"
    return Phrase([f"{direction} {format_number(amount)}{unit} {LAST_YEAR}"])


def stated_change_short(direction: str, amount: Number, kind: str) -> Phrase:
    unit = f" {POINTS}" if kind == KIND_RATE else "%"
    return Phrase([f"{direction} {format_number(amount)}{unit}"])


def ratio_to_last_year(value: Number, last_year: Optional[Number]) -> Optional[Phrase]:
    """ "bằng 108,56% so với cùng kỳ" (N/P x 100); nothing when P is 0 or missing."""
    if last_year is None or to_decimal(last_year) == 0:
        return None
    pct = to_decimal(value) / to_decimal(last_year) * 100
    return Phrase(["bằng ", Segment(format_percent(pct), True), f" {LAST_YEAR}"])


def share_of_plan(
    value: Number, plan: Optional[Number], label: str = "kế hoạch", verb: str = "đạt"
) -> Optional[Phrase]:
    """ "bằng 100,51% kế hoạch", "đạt 291,3% dự toán Tỉnh giao"; nothing for a plan of 0 or none."""
    if plan is None or to_decimal(plan) == 0:
        return None
    pct = to_decimal(value) / to_decimal(plan) * 100
    return Phrase([f"{verb} ", Segment(format_percent(pct), True), f" {label}"])


def stated_share_of_plan(percent: Number, label: str = "kế hoạch", verb: str = "đạt") -> Phrase:
    return Phrase([f"{verb} {format_percent(percent)} {label}"])


# --- document numbers -------------------------------------------------------------------


def document_number(number: Optional[int], code: str, style: str) -> str:
    """ "Số: 12/BC-UBND" (state), "Số 05-BC/BDVTU" (Party); a blank number is left for the clerk.

    Numbers below 10 take a leading zero in both profiles.
    """
    num = f"{number:02d}" if number is not None else "      "
    if style == "dang":
        return f"Số {num}-{code}"
    return f"Số: {num}/{code}"


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


# --- sorting and file names -------------------------------------------------------------

# f j w z are not Vietnamese letters but occur in names; they sit after their Latin neighbours.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {unicodedata.normalize("NFD", letter): rank for rank, letter in enumerate(_ALPHABET, 1)}
_LETTER_MARKS = "\u0306\u0302\u031b"  # breve, circumflex, horn make a new letter (ă â ê ô ơ ư)
# huyền, hỏi, ngã, sắc, nặng: the order of Vietnamese dictionaries and CLDR's vi tailoring
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str) -> tuple:
    """Key for ``sorted()``: Vietnamese dictionary order, letters word by word, then tones, then case."""
    text = nfc(text)
    words: list = [[]]
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch)[0] == "M":
            if words[-1]:
                words[-1][-1] += ch  # a mark belongs to the letter before it
        elif ch.isalnum():
            words[-1].append(ch)
        elif words[-1]:
            words.append([])
    letters, tones, cases = [], [], []
    for word in filter(None, words):
        ranks, tone = [], []
        for base, marks in ((cluster[0], cluster[1:]) for cluster in word):
            if base.isdecimal():
                # a run of digits is one number ("Phường 2" < "Phường 10"); (0, n) sorts before letters
                value = unicodedata.decimal(base)
                if ranks and ranks[-1][0] == 0:
                    ranks[-1] = (0, ranks[-1][1] * 10 + value)
                else:
                    ranks.append((0, value))
            else:
                low = base.lower()
                forming = "".join(m for m in marks if m in _LETTER_MARKS)
                # a letter outside the alphabet sorts after z, by code point
                rank = _LETTER_RANK.get(low + forming) or _LETTER_RANK.get(low) or 100 + ord(low[0])
                ranks.append((1, rank))
            # a tone belongs to the syllable, so "hoà" and "hòa" weigh the same here
            tone += [_TONE_RANK[m] for m in marks if m in _TONE_RANK]
            cases.append(base != base.lower())
        letters.append(tuple(ranks))
        tones.append(tuple(tone))
    return tuple(letters), tuple(tones), tuple(cases), text


_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10))}
_SLUG_FALLBACK = "dia-ban"
_SLUG_MIN_LENGTH = len("com1-" + _SLUG_FALLBACK)  # room for the longest reserved name with its suffix


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII file-name stem: "xã Hưng Nguyên" -> "xa-hung-nguyen"; never empty, reserved or a path."""
    if max_length < _SLUG_MIN_LENGTH:
        raise ValueError(f"max_length must be at least {_SLUG_MIN_LENGTH}")
    # đ has no decomposition; NFKD also turns full-width and circled digits into ASCII
    plain = unicodedata.normalize("NFKD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch)[0] != "M").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:max_length]
    if not slug:
        return _SLUG_FALLBACK
    # checked after cutting, since a cut can leave a bare reserved word ("con-cuong..." -> "con")
    return f"{slug}-{_SLUG_FALLBACK}" if slug in _WINDOWS_RESERVED else slug
