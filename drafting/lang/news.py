"""How news of a conference says when, who and what was asked (shared/reference/genres.md).

Press style writes a date as day-month with a hyphen and no leading zero ("Chiều 7-12"); the
official "ngày 07 tháng 12 năm 2023" of lang/dates.py is for documents, not for news.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Optional

from .words import end_sentence, strip_end, upper_first

__all__ = ["attendance", "conference_lead", "press_date", "requests_lead", "requests_paragraph"]


def press_date(day: date, part_of_day: Optional[str] = None) -> str:
    """ "Chiều 7-12" (part of the day given), "Ngày 7-12" (none)."""
    return f"{upper_first(part_of_day or 'ngày')} {day.day}-{day.month}"


def conference_lead(day: date, part_of_day: Optional[str], place: str, host: str, name: str) -> str:
    """ "Chiều 7-12, tại phòng hội thảo tầng 2, Nhà Văn hóa thành phố, Thành ủy tổ chức Hội nghị …"."""
    return end_sentence(f"{press_date(day, part_of_day)}, tại {strip_end(place)}, {host} tổ chức {strip_end(name)}")


def _officials(officials: Sequence[tuple[str, str]]) -> str:
    named = [f"đồng chí {name}, {title}" for name, title in officials]
    said = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} và {named[-1]}"
    return upper_first(said)


def attendance(officials: Sequence[tuple[str, str]], role: str, attendees: Sequence[str]) -> str:
    """ "Đồng chí Vũ Thành Tôn, Phó Bí thư Thường trực Thành ủy dự và chỉ đạo hội nghị; các đồng chí
    thành viên …; lãnh đạo Ban Dân vận Thành ủy … dự hội nghị." (``officials``: (name, title))."""
    said = f"{_officials(officials)} {strip_end(role)}"
    groups = [strip_end(group) for group in attendees if strip_end(group)]
    if groups:
        said += "; " + "; ".join(groups) + " dự hội nghị"
    return end_sentence(said)


def requests_lead(title: str) -> str:
    """What stands before the presiding official's requests when the clerk writes none."""
    return f"Để nâng cao hiệu quả công tác dân vận trong thời gian tới, đồng chí {title} đề nghị"


def requests_paragraph(lead: str, requests: Sequence[str]) -> str:
    """The requests in one paragraph after their lead: "… đề nghị Ban Dân vận Thành ủy tiếp tục …;
    phát huy …; … ." (``lead`` "" for none)."""
    said = "; ".join(strip_end(item) for item in requests)
    return end_sentence(f"{strip_end(lead)} {said}" if lead else upper_first(said))
