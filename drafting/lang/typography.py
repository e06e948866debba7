"""What must not break at the end of a line: the hyphens of a document code, a number and its unit.

"04-ĐA/TU" cut after "04-" or "8 cuộc" cut after "8" reads wrong on paper, so every text
drafting writes into a document goes through :func:`keep_together` (the templates' Jinja
finalize and their {{r }} filter, drafting/render/draft.py): a hyphen inside a code becomes a
non-breaking hyphen (U+2011), the space between a number and the word after it a no-break
space (U+00A0), character for character, so the text keeps its length. :func:`plain` maps
both back; the one reader of a body's text
(drafting/docx/text.py) applies it, so previews, diff and regenerate read the same text
as before.
"""

from __future__ import annotations

import re

__all__ = ["NON_BREAKING_HYPHEN", "NO_BREAK_SPACE", "keep_together", "plain"]

NON_BREAKING_HYPHEN = "\u2011"
NO_BREAK_SPACE = "\u00a0"

# Capital letters of Vietnamese (NFC), for the codes of documents and bodies: "QĐ", "ĐA", "BTGDVTU".
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# A hyphen inside a code: "04-ĐA/TU", "Số 05-BC/BDVTU", "/BC-UBND", "33/CT-TTg", "COVID-19";
# never one between words ("kinh tế - xã hội") or lower-case ones ("Covid-19"), nor "2021-2025".
_CODE_HYPHEN = re.compile(rf"(?<=[0-9{_UPPER}])-(?=[{_UPPER}])|(?<=[{_UPPER}])-(?=[0-9])")
# A number (not part of a date, a code or a longer number) and the word after it: "8 cuộc",
# "4.036 hộ", "0,51 điểm phần trăm", "ngày 10 tháng 12": the word starts in lower case. A year
# is no amount: "năm 2025 ước thực hiện" keeps its plain space (a no-break space does not
# stretch in a justified line, so it is used only where it is needed).
_NUMBER_WORD = re.compile(r"(?<![\w.,/-])(\d(?:[\d.,]*\d)?) (?=[^\W\d_])")
_YEAR = re.compile(r"(?:19[4-9]|20\d)\d")
_PLAIN = str.maketrans({NON_BREAKING_HYPHEN: "-", NO_BREAK_SPACE: " "})


def _number_word(match: re.Match) -> str:
    number, following = match.group(1), match.string[match.end()]
    return number + (NO_BREAK_SPACE if following.islower() and not _YEAR.fullmatch(number) else " ")


def keep_together(text: str) -> str:
    """``text`` with codes' hyphens non-breaking and a no-break space after a number before a word."""
    if "-" in text:
        text = _CODE_HYPHEN.sub(NON_BREAKING_HYPHEN, text)
    if " " in text:
        text = _NUMBER_WORD.sub(_number_word, text)
    return text


def plain(text: str) -> str:
    """``text`` with the characters of :func:`keep_together` read back as "-" and " "."""
    return text.translate(_PLAIN)
