"""The news of a conference (the_thuc: hoi-nghi): what the sheet's ``hoi_nghi`` holds, and its rules.

The year's results come from chi_tieu and noi_dung as in every profile; the requests of the
conclusion are nhiem_vu (with nhiem_vu_mo_dau before them); the byline is tac_gia. This block holds
what only a conference has: when and where, who organised it and presided, who attended, the
discussion, the events of the day, the conclusion and the captions of its pictures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, Field

from ..errors import Problem
from .fields import IssueDate, Paragraphs, Text, _as_list, _Model
from .vocabulary import CONFERENCE_PROFILE
from .yaml_source import Source

__all__ = ["AnhHoiNghi", "ChuTri", "HoiNghi", "check_conference"]

PartOfDay = Literal["sáng", "trưa", "chiều", "tối"]


class ChuTri(_Model):
    """One official presiding (or attending to direct) the conference."""

    ho_ten: Text
    chuc_vu: Text


class AnhHoiNghi(_Model):
    """Captions of pictures, by the part of the news they stand before (each a list of captions)."""

    ket_qua: Paragraphs = Field(default_factory=list)  # after the attendees, before the year's results
    thao_luan: Paragraphs = Field(default_factory=list)
    su_kien: Paragraphs = Field(default_factory=list)
    ket_luan: Paragraphs = Field(default_factory=list)


class HoiNghi(_Model):
    ngay: IssueDate
    buoi: Optional[PartOfDay] = None  # "Chiều 7-12"; without it "Ngày 7-12"
    dia_diem: Text
    to_chuc: Text  # who held it: "Thành ủy"
    ten: Text  # "Hội nghị tổng kết công tác dân vận năm 2023, triển khai nhiệm vụ năm 2024"
    chu_tri: Annotated[list[ChuTri], BeforeValidator(_as_list)] = Field(min_length=1)
    vai_tro: Text = "chủ trì hội nghị"  # what the presiding officials did: "dự và chỉ đạo hội nghị"
    dai_bieu: Paragraphs = Field(default_factory=list)  # who attended, a group a line: "lãnh đạo Ban Dân vận"
    thao_luan: Paragraphs = Field(default_factory=list)
    su_kien: Paragraphs = Field(default_factory=list)  # signing of emulation pledges, awards
    ket_luan: Paragraphs = Field(default_factory=list)
    danh_so_de_nghi: bool = False  # the requests (nhiem_vu) numbered "Một là, ...", or in one paragraph
    anh: AnhHoiNghi = AnhHoiNghi()


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def check_conference(source: Source, data: dict) -> Iterator[Problem]:
    """hoi_nghi goes with the conference profile, and the conference profile needs it."""
    profile = data.get("the_thuc")
    if profile == CONFERENCE_PROFILE and not _present(data.get("hoi_nghi")):
        yield source.problem(("hoi_nghi",), "thiếu hoi_nghi (ngay, dia_diem, to_chuc, ten, chu_tri): bắt buộc "
                                            f"với thể thức '{CONFERENCE_PROFILE}'")
    elif isinstance(profile, str) and profile != CONFERENCE_PROFILE and "hoi_nghi" in data:
        yield source.problem(("hoi_nghi",), f"hoi_nghi chỉ dùng với thể thức '{CONFERENCE_PROFILE}' (tin hội "
                                            f"nghị): bỏ hoi_nghi, hoặc sửa the_thuc thành {CONFERENCE_PROFILE}")
