"""What the conference template sees of a sheet's ``hoi_nghi`` (the_thuc: hoi-nghi).

The lead and the attendance are sentences drafting writes from the sheet's facts; the discussion,
the events, the conclusion and the captions are the clerk's paragraphs with their figure references
filled in; the requests are the sheet's nhiem_vu, in one paragraph unless they are numbered.
"""

from __future__ import annotations

from typing import Any, Optional

from .. import lang as vi
from ..lang.news import attendance, conference_lead, requests_lead, requests_paragraph
from ..sheet.indicators import Indicator
from ..sheet.models import Sheet
from ..sheet.references import fill

__all__ = ["conference_context", "conference_title", "default_requests_lead"]


def conference_title(sheet: Sheet) -> Optional[str]:
    """The news' title: the sheet's trich_yeu, else the conference's name (None: not a conference)."""
    if sheet.hoi_nghi is None:
        return None
    return sheet.trich_yeu or vi.strip_end(sheet.hoi_nghi.ten)


def default_requests_lead(sheet: Sheet) -> Optional[str]:
    """ "Để nâng cao hiệu quả …, đồng chí Phó Bí thư Thường trực Thành ủy đề nghị" (None: not a conference)."""
    return requests_lead(sheet.hoi_nghi.chu_tri[0].chuc_vu) if sheet.hoi_nghi else None


def _paragraphs(items: list[str], by_code: dict[str, Indicator], zero: bool) -> list[str]:
    from .context import split_paragraphs  # one way of splitting the clerk's text, defined there

    return [str(fill(text, by_code, zero)) for text in split_paragraphs(items)]


def conference_context(sheet: Sheet, by_code: dict[str, Indicator], zero: bool, tasks: list[str],
                       tasks_lead: str) -> Optional[dict[str, Any]]:
    """``hoi_nghi`` of the template's context, None when the sheet is not a conference's news."""
    conf = sheet.hoi_nghi
    if conf is None:
        return None
    attendees = [str(fill(text, by_code, zero)) for text in conf.dai_bieu]
    officials = [(person.ho_ten, person.chuc_vu) for person in conf.chu_tri]
    return {
        "mo_dau": conference_lead(conf.ngay, conf.buoi, conf.dia_diem, conf.to_chuc, conf.ten),
        "dai_bieu": attendance(officials, conf.vai_tro, attendees),
        "thao_luan": _paragraphs(conf.thao_luan, by_code, zero),
        "su_kien": _paragraphs(conf.su_kien, by_code, zero),
        "ket_luan": _paragraphs(conf.ket_luan, by_code, zero),
        "danh_so_de_nghi": conf.danh_so_de_nghi,
        "de_nghi": requests_paragraph(tasks_lead, tasks) if tasks else "",
        "anh": {part: [vi.end_sentence(c) for c in _paragraphs(captions, by_code, zero)]
                for part, captions in conf.anh.model_dump().items()},
    }
