"""The Vietnamese language rules of drafting.vietnamese (report-language.md, format-rules.md)."""

import random
import re
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafting import lang as vi
from drafting.lang.phrase import Phrase, Segment


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (4036, "4.036"),
        (6044.8, "6.044,8"),
        (1234567, "1.234.567"),
        (Decimal("24256"), "24.256"),
        (54, "54"),
        (49.6, "49,6"),
        (100.505, "100,51"),  # half-up, and the float 100.505 is not read as 100.50499...
        (2.675, "2,68"),  # half-up, not banker's rounding
        (0.005, "0,01"),
        (Decimal("7.10"), "7,1"),  # trailing zeros dropped
        (Decimal("-1234.5"), "-1.234,5"),
    ],
)
def test_format_number(value, expected):
    assert vi.format_number(value) == expected


@pytest.mark.parametrize(
    "value, digits", [(-0.001, 2), (-0.004, 2), (Decimal("-0.00"), 2), (Decimal("-0.4"), 0)]
)
def test_format_number_never_prints_minus_zero(value, digits):
    assert vi.format_number(value, digits) == "0"


def test_format_number_with_no_decimals_rounds_half_up():
    assert vi.format_number(1234.567, digits=0) == "1.235"
    assert vi.format_number(2.5, digits=0) == "3"


@pytest.mark.parametrize(
    "value, expected",
    [(5, "05"), (1, "01"), (12, "12"), (5.5, "5,5"), (Decimal("5.00"), "05")],
)
def test_format_number_leading_zero_option(value, expected):
    assert vi.format_number(value, leading_zero=True) == expected


def test_leading_zero_is_off_by_default():
    assert vi.format_number(5) == "5"


def test_format_percent_has_no_space_before_sign():
    assert vi.format_percent(8.56) == "8,56%"
    assert vi.format_percent(Decimal("291.3")) == "291,3%"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("6.044,8", Decimal("6044.8")),
        ("4.036", Decimal("4036")),  # a dot before three digits groups thousands
        ("1.234.567", Decimal("1234567")),
        ("8,56", Decimal("8.56")),
        ("24256", Decimal("24256")),
        ("6044.8", Decimal("6044.8")),
        (" 6 044,8 ", Decimal("6044.8")),
    ],
)
def test_parse_number(text, expected):
    assert vi.parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "", "1.234.56", "8,5,6"])
def test_parse_number_rejects_non_numbers(text):
    with pytest.raises(ValueError):
        vi.parse_number(text)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_parse_number_reads_back_what_format_number_writes(x):
    assert vi.parse_number(vi.format_number(x)) == x


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2023, 1, 5), "ngày 05 tháng 01 năm 2023"),
        (date(2023, 3, 5), "ngày 05 tháng 3 năm 2023"),
        (date(2024, 2, 28), "ngày 28 tháng 02 năm 2024"),
        (date(2022, 12, 15), "ngày 15 tháng 12 năm 2022"),
    ],
)
def test_format_date_leading_zeros_on_days_and_on_january_february_only(day, expected):
    assert vi.format_date(day) == expected


def test_format_date_without_a_date_leaves_blanks_before_the_year():
    text = vi.format_date(None, 2023)
    assert text.startswith("ngày ")
    assert text.endswith(" năm 2023")
    assert " tháng " in text
    assert not any(ch.isdigit() for ch in text[: -len("2023")])


# --- ordinals, words, Roman numerals ----------------------------------------------------------


def test_ordinals_one_to_twelve():
    assert [vi.ordinal(n) for n in range(1, 13)] == [
        "Một là", "Hai là", "Ba là", "Bốn là", "Năm là", "Sáu là",
        "Bảy là", "Tám là", "Chín là", "Mười là", "Mười một là", "Mười hai là",
    ]


def test_ordinals_past_twelve():
    assert vi.ordinal(15) == "Mười lăm là"
    assert vi.ordinal(21) == "Hai mươi mốt là"


def test_ordinals_thu_nhat_style():
    assert [vi.ordinal(n, "thu_nhat") for n in range(1, 6)] == [
        "Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm",
    ]


@pytest.mark.parametrize(
    "n, words",
    [
        (2022, "hai nghìn không trăm hai mươi hai"),  # num2words says "hai nghìn lẻ hai mươi hai"
        (105, "một trăm lẻ năm"),
        (1005, "một nghìn không trăm lẻ năm"),
        (2015, "hai nghìn không trăm mười lăm"),
        (1234, "một nghìn hai trăm ba mươi bốn"),
        (21, "hai mươi mốt"),
        (11, "mười một"),
    ],
)
def test_number_in_words(n, words):
    assert vi.number_in_words(n) == words


@pytest.mark.parametrize(
    "n, numeral",
    [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1999, "MCMXCIX")],
)
def test_roman(n, numeral):
    assert vi.roman(n) == numeral


# --- letter case and sentence ends ------------------------------------------------------------


def test_lower_first_lowers_a_sentence_but_not_an_acronym():
    assert vi.lower_first("Làm tốt công tác") == "làm tốt công tác"
    assert vi.lower_first("UBND xã") == "UBND xã"


def test_upper_handles_vietnamese_letters():
    assert vi.upper("ủy ban nhân dân") == "ỦY BAN NHÂN DÂN"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("làm tốt công tác", "làm tốt công tác."),
        ("làm tốt công tác;", "làm tốt công tác."),
        ("làm tốt công tác./.", "làm tốt công tác./."),
        ("làm tốt công tác.", "làm tốt công tác."),
    ],
)
def test_end_sentence(text, expected):
    assert vi.end_sentence(text) == expected


def test_end_sentence_with_closing_mark_on_an_unpunctuated_text():
    assert vi.end_sentence("khen thưởng kịp thời", "./.") == "khen thưởng kịp thời./."


def test_end_sentence_turns_a_full_stop_into_the_closing_mark():
    assert vi.end_sentence("kịp thời.", "./.") == "kịp thời./."


def test_end_sentence_replaces_a_spaced_semicolon():
    assert vi.end_sentence("làm tốt công tác ;") == "làm tốt công tác."


def test_decomposed_input_comes_out_composed():
    assert vi.upper(nfd("ủy ban nhân dân")) == nfc("ỦY BAN NHÂN DÂN")
    assert vi.lower_first(nfd("Làm tốt")) == nfc("làm tốt")
    assert vi.end_sentence(nfd("Hưng Nguyên;")) == nfc("Hưng Nguyên.")
    phrase = Phrase([nfd("tăng "), Segment(nfd("8,56% so với cùng kỳ"), True)])
    assert str(phrase) == nfc("tăng 8,56% so với cùng kỳ")
    assert all(unicodedata.is_normalized("NFC", s.text) for s in phrase.segments)


# --- comparison phrases ------------------------------------------------------------------------


def test_increase_vs_last_year_marks_the_computed_figure():
    phrase = vi.change_vs_last_year(24256, 22343, vi.KIND_AMOUNT)
    assert str(phrase) == "tăng 8,56% so với cùng kỳ"
    assert [s for s in phrase.segments if s.computed] == [Segment("8,56%", True)]


def test_decrease_vs_last_year():
    assert str(vi.change_vs_last_year(94, 204, vi.KIND_COUNT)) == "giảm 53,92% so với cùng kỳ"


def test_equal_to_last_year():
    assert str(vi.change_vs_last_year(12, 12, vi.KIND_COUNT)) == "bằng cùng kỳ"


@pytest.mark.parametrize("last_year", [0, None])
def test_no_change_phrase_without_a_last_year_count(last_year):
    assert vi.change_vs_last_year(5, last_year, vi.KIND_COUNT) is None
    assert vi.ratio_to_last_year(5, last_year) is None


def test_rates_change_in_percentage_points():
    assert str(vi.change_vs_last_year(0.16, 0.17, vi.KIND_RATE)) == (
        "giảm 0,01 điểm phần trăm so với cùng kỳ"
    )
    assert str(vi.change_vs_last_year(5, 0, vi.KIND_RATE)) == "tăng 5 điểm phần trăm so với cùng kỳ"


def test_share_of_plan():
    assert str(vi.share_of_plan(24256, 24133, "kế hoạch", "bằng")) == "bằng 100,51% kế hoạch"
    phrase = vi.share_of_plan(6044.8, 2075.1, "dự toán", "đạt")
    assert str(phrase) == "đạt 291,3% dự toán"
    assert [s.text for s in phrase.segments if s.computed] == ["291,3%"]


@pytest.mark.parametrize("plan", [0, None])
def test_no_share_of_a_zero_or_missing_plan(plan):
    assert vi.share_of_plan(10, plan) is None


def test_ratio_to_last_year():
    phrase = vi.ratio_to_last_year(24256, 22343)
    assert str(phrase) == "bằng 108,56% so với cùng kỳ"
    assert [s.text for s in phrase.segments if s.computed] == ["108,56%"]


def test_stated_change_is_not_marked_computed():
    phrase = vi.stated_change("giảm", Decimal("54"), vi.KIND_COUNT)
    assert str(phrase) == "giảm 54% so với cùng kỳ"
    assert not any(s.computed for s in phrase.segments)


# --- document numbers --------------------------------------------------------------------------


def test_blank_state_document_number_is_left_for_the_clerk():
    text = vi.document_number(None, "BC-UBND", "nha-nuoc")
    assert text.startswith("Số:")
    assert text.endswith("/BC-UBND")
    assert not any(ch.isdigit() for ch in text)


def test_party_document_number_has_no_colon_and_a_leading_zero():
    assert vi.document_number(5, "BC/BDVTU", "dang") == "Số 05-BC/BDVTU"


def test_state_document_number():
    assert vi.document_number(12, "BC-UBND", "nha-nuoc") == "Số: 12/BC-UBND"
    assert vi.document_number(3, "BC-UBND", "nha-nuoc") == "Số: 03/BC-UBND"


# --- sorting and file names --------------------------------------------------------------------

# Nghệ An communes and wards in dictionary order: a space sorts before any letter, đ after every d,
# ă â after a, ô ơ after o, ư after u, and the six tones of one syllable in dictionary order.
NGHE_AN_IN_ORDER = [
    "An Hòa",
    "An Hưng",
    "Anh Sơn",
    "Diễn Châu",
    "Diễn Kỷ",
    "Đại Sơn",
    "Đô Lương",
    "Đông Hiếu",
    "Hoa Sơn",
    "Hội Sơn",
    "Hồng Sơn",
    "Hợp Thành",
    "Hùng Tiến",
    "Hưng Dũng",
    "Hưng Lộc",
    "Ma",
    "Mà",
    "Mả",
    "Mã",
    "Má",
    "Mạ",
    "Nghi Long",
    "Nghi Lộc",
    "Phường 2",
    "Phường 10",
    "Phường Trung Đô",
    "Phường Trường Thi",
    "Tam Hợp",
    "Tam Quang",
    "Tăng Thành",
    "Tân An",
    "Tây Hiếu",
]


@pytest.mark.parametrize("seed", range(5))
def test_sort_key_gives_dictionary_order(seed):
    names = NGHE_AN_IN_ORDER[:]
    random.Random(seed).shuffle(names)
    assert sorted(names, key=vi.sort_key) == NGHE_AN_IN_ORDER
    assert sorted(reversed(NGHE_AN_IN_ORDER), key=vi.sort_key) == NGHE_AN_IN_ORDER


def test_sort_key_places_non_vietnamese_letters_after_their_latin_neighbours():
    in_order = ["Ea Súp", "Ê Đê", "Fansipan", "Giang Sơn", "Ích Hậu", "Jun", "Kỳ Sơn"]
    in_order += ["Vinh", "Wang", "Yên Thành", "Zô"]
    assert sorted(reversed(in_order), key=vi.sort_key) == in_order


def test_sort_key_tones_and_case_only_break_ties():
    assert sorted(["Mac", "Mạ"], key=vi.sort_key) == ["Mạ", "Mac"]  # letters decide before tones
    assert sorted(["an hưng", "An Hòa"], key=vi.sort_key) == ["An Hòa", "an hưng"]  # case comes last
    assert sorted(["An", "an"], key=vi.sort_key) == ["an", "An"]
    assert sorted(["Má", "má", "ma"], key=vi.sort_key) == ["ma", "má", "Má"]


def test_sort_key_treats_punctuation_as_a_word_break():
    assert vi.sort_key("Cửa-Lò")[0] == vi.sort_key("Cửa Lò")[0]
    assert sorted(["Cửa Lòa", "Cửa-Lò"], key=vi.sort_key) == ["Cửa-Lò", "Cửa Lòa"]


@given(st.text(), st.text())
def test_sort_key_orders_any_two_texts_unless_they_are_the_same_text(a, b):
    assert (vi.sort_key(a) == vi.sort_key(b)) == (nfc(a) == nfc(b))
    assert vi.sort_key(nfd(a)) == vi.sort_key(a)


def test_sort_key_is_the_same_for_nfd_input():
    for name in NGHE_AN_IN_ORDER:
        assert nfd(name) != name or name.isascii()
        assert vi.sort_key(nfd(name)) == vi.sort_key(name)
    mixed = [nfd(name) if i % 2 else name for i, name in enumerate(reversed(NGHE_AN_IN_ORDER))]
    assert [nfc(name) for name in sorted(mixed, key=vi.sort_key)] == NGHE_AN_IN_ORDER


@pytest.mark.parametrize(
    "text, expected",
    [
        ("xã Hưng Nguyên", "xa-hung-nguyen"),
        ("Phường Trường Vinh", "phuong-truong-vinh"),
        ("Đô Lương", "do-luong"),
        ("Vinh & Cửa Lò (2022)", "vinh-cua-lo-2022"),
        (nfd("xã Hưng Nguyên"), "xa-hung-nguyen"),
        ("  --Quỳ Hợp--  ", "quy-hop"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\Đồng", "c-windows-dong"),
        ("", "dia-ban"),
        ("..", "dia-ban"),
        ("«»", "dia-ban"),
    ],
)
def test_slugify(text, expected):
    assert vi.slugify(text) == expected


@pytest.mark.parametrize("name", ["con", "prn", "aux", "nul", "com1", "com5", "com9", "lpt1", "lpt9"])
def test_slugify_never_gives_a_windows_reserved_name(name):
    assert vi.slugify(name) == f"{name}-dia-ban"
    assert vi.slugify(name.upper()) == f"{name}-dia-ban"
    assert vi.slugify(f" {name}. ") == f"{name}-dia-ban"


def test_slugify_leaves_names_that_only_look_reserved():
    assert vi.slugify("Con Cuông") == "con-cuong"
    assert vi.slugify("COM10") == "com10"
    assert vi.slugify("console") == "console"


def test_slugify_cuts_at_a_word_boundary():
    assert vi.slugify("Phường Trường Vinh", max_length=15) == "phuong-truong"
    assert vi.slugify("Phường Trường Vinh", max_length=13) == "phuong-truong"
    assert vi.slugify("Phường Trường Vinh", max_length=12) == "phuong"
    assert vi.slugify("a" * 30, max_length=12) == "a" * 12  # no boundary: a hard cut
    assert vi.slugify("Con " + "a" * 20, max_length=12) == "con-dia-ban"  # the cut left a reserved name


def test_slugify_rejects_a_max_length_too_short_for_the_fallback():
    with pytest.raises(ValueError):
        vi.slugify("Vinh", max_length=11)


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@given(st.text(), st.integers(min_value=12, max_value=120))
def test_slugify_is_always_a_safe_file_name(text, max_length):
    slug = vi.slugify(text, max_length=max_length)
    assert SLUG.match(slug)
    assert len(slug) <= max_length
    assert slug not in {"con", "prn", "aux", "nul"} and not re.fullmatch(r"(com|lpt)[1-9]", slug)


VIETNAMESE_TEXT = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĐƯ àảãáạ-")


@given(VIETNAMESE_TEXT, st.integers(min_value=12, max_value=40))
def test_slugify_cuts_vietnamese_text_only_between_words(text, max_length):
    full = vi.slugify(text, max_length=10**6)
    slug = vi.slugify(text, max_length=max_length)
    if len(full) <= max_length:
        assert slug == full
    elif "-" in full[: max_length + 1] and not slug.endswith("-dia-ban"):
        assert full.startswith(slug + "-")
