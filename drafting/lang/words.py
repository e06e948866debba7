"""Words: numbers in words, ordinals ("Một là", "Thứ nhất"), Roman numerals, letter case,
sentence ends and document numbers."""

from __future__ import annotations

from typing import Optional

from .numbers import nfc

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


def upper(text: str) -> str:
    return nfc(nfc(text).upper())


# Names of bodies that keep their capital at the start of a task ("Một là, Ủy ban nhân dân ...").
_PROPER_STARTS = ("Ủy ban", "Uỷ ban", "Hội đồng", "Mặt trận", "Đảng", "Nhà nước", "Chính phủ", "Quốc hội",
                  "Trung ương", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Bộ Chính trị",
                  "Ban Bí thư", "Chủ tịch Hồ Chí Minh", "Bác Hồ")


def _is_proper_start(text: str) -> bool:
    if text.startswith(_PROPER_STARTS):
        return True
    # "Ban Dân vận Thành ủy", "Hội Nông dân", "Nguyễn Văn A": a name capitalises its next word too.
    words = text.split(maxsplit=2)
    return len(words) > 1 and words[1][:1].isupper() and words[0][:1].isupper()


def lower_first(text: str) -> str:
    """ "Làm tốt ..." -> "làm tốt ..."; leaves acronyms ("UBND ...") and names of bodies
    ("Ban Dân vận Thành ủy ...", "Ủy ban nhân dân ...") alone."""
    text = nfc(text)
    if not text:
        return text
    if (len(text) > 1 and text[1].isupper()) or _is_proper_start(text):
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


def document_number(number: Optional[int], code: str, style: str) -> str:
    """ "Số: 12/BC-UBND" (state), "Số 05-BC/BDVTU" (Party); a blank number is left for the clerk.

    Numbers below 10 take a leading zero in both profiles.
    """
    num = f"{number:02d}" if number is not None else "      "
    if style == "dang":
        return f"Số {num}-{code}"
    return f"Số: {num}/{code}"
