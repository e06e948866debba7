"""What a template is filled with: the report's parts, built from a valid sheet.

Text from the sheet is kept verbatim (NFC, trimmed); sentences about figures
come from the indicators; every number and date goes through vietnamese.py.
"""

from __future__ import annotations

import re
from typing import Any, Optional, Union

from .. import lang as vi
from ..lang.phrase import Phrase, Segment
from ..sheet.indicators import Indicator
from ..sheet.loading import LoadedSheet
from ..sheet.models import Sheet
from ..sheet.vocabulary import SECTION_TITLES, SECTIONS
from .comparison import comparison_context

Paragraph = Union[str, Phrase]


def split_paragraphs(items: list[str]) -> list[str]:
    """One paragraph per blank-line-separated block; single line breaks become spaces."""
    out = []
    for item in items:
        for block in re.split(r"\n\s*\n", item):
            text = " ".join(block.split())
            if text:
                out.append(vi.nfc(text))
    return out


def _section_paragraphs(sheet: Sheet, indicators: list[Indicator]) -> list[dict[str, Any]]:
    titles = SECTION_TITLES
    leading_zero = sheet.tuy_chon.so_0_dau
    sections = []
    for section in SECTIONS:
        paragraphs: list[Paragraph] = list(split_paragraphs(getattr(sheet.noi_dung, section)))
        statements = [ind.statement(sheet.nam, leading_zero) for ind in indicators if ind.section == section]
        if statements:
            paragraphs.append(Phrase.join(" ", statements))
        if paragraphs:  # a section with no text and no figures is left out
            sections.append({"ma": section, "tieu_de": titles[section], "doan": paragraphs})
    return sections


def _table_rows(sheet: Sheet, indicators: list[Indicator]) -> list[dict[str, Any]]:
    if not sheet.is_report or not sheet.tuy_chon.bang_so_lieu:
        return []
    rows: list[dict[str, Any]] = []
    for ind in (i for i in indicators if i.in_table):
        change = ind.change_short()
        last_year = (
            Phrase([Segment(ind.number_text(ind.last_year), ind.last_year_computed)])
            if ind.last_year is not None else "-"
        )
        rows.append(
            {
                "stt": str(len(rows) + 1),
                "ten": ind.label,
                "don_vi": ind.unit,
                "cung_ky": last_year,
                "gia_tri": Phrase([Segment(ind.number_text(), ind.value_computed)]),
                "so_sanh": change if change is not None else "",
            }
        )
    return rows


def _opening(sheet: Sheet, issuer: str) -> str:
    if not sheet.can_cu:
        return ""
    if not sheet.is_report:
        return vi.end_sentence(sheet.can_cu)
    return f"{vi.strip_end(sheet.can_cu)}, {issuer} báo cáo {vi.lower_first(sheet.subject)} như sau:"


def _part_numbers(has_limits: bool, has_proposals: bool) -> dict[str, Any]:
    numbers = {"ket_qua": 1, "han_che": None, "nhiem_vu": None, "kien_nghi": None}
    n = 1
    if has_limits:
        n += 1
        numbers["han_che"] = n
    n += 1
    numbers["nhiem_vu"] = n
    if has_proposals:
        numbers["kien_nghi"] = n + 1
    return numbers


def _comparison(loaded: LoadedSheet) -> Optional[dict[str, Any]]:
    # The roll-up's "so sánh địa bàn" table ({tieu_de, cot, dong, tong}; see tools/build_templates.py), or None.
    return comparison_context(loaded.sheet, list(loaded.indicators))


def build_context(loaded: LoadedSheet) -> dict[str, Any]:
    sheet = loaded.sheet
    indicators = list(loaded.indicators)
    issuer = sheet.co_quan_ban_hanh
    issuer_name = issuer.ten if issuer else ""
    header_lines = (issuer.dong or [issuer.ten]) if issuer else []
    limits = split_paragraphs(sheet.han_che)
    causes = split_paragraphs(sheet.nguyen_nhan)
    proposals = split_paragraphs(sheet.kien_nghi)
    tasks_intro = sheet.nhiem_vu_mo_dau or (
        "" if sheet.is_report
        else f"Trong thời gian tới {sheet.dia_ban.full_name} cần tập trung làm tốt một số nội dung sau:"
    )
    signer = sheet.nguoi_ky
    return {
        "nam": sheet.nam,
        "the_thuc": sheet.the_thuc,
        "dia_ban": sheet.dia_ban.full_name,
        "co_quan_chu_quan": list(sheet.co_quan_chu_quan),
        "co_quan_ban_hanh": list(header_lines),
        "co_quan_ten": issuer_name,
        "so_van_ban": sheet.so_van_ban,
        "noi_ban_hanh": sheet.place,
        "ngay_ban_hanh": sheet.ngay_ban_hanh,
        "kinh_gui": [vi.strip_end(x) for x in sheet.kinh_gui],
        "trich_yeu": sheet.subject,
        "mo_dau": _opening(sheet, issuer_name),
        "ket_qua": _section_paragraphs(sheet, indicators),
        "bang": _table_rows(sheet, indicators),
        "phan": _part_numbers(bool(limits or causes), bool(proposals)),
        "han_che": limits,
        "nguyen_nhan": causes,
        "nhiem_vu_mo_dau": tasks_intro,
        "nhiem_vu": split_paragraphs(sheet.nhiem_vu),
        "kieu_thu_tu": sheet.tuy_chon.kieu_thu_tu,
        "kien_nghi": proposals,
        "nguoi_ky": (
            {"tham_quyen": list(signer.tham_quyen), "chuc_vu": signer.chuc_vu, "ho_ten": signer.ho_ten}
            if signer else None
        ),
        "noi_nhan": [vi.strip_end(x.lstrip("-– ").strip()) for x in sheet.noi_nhan],
        "tac_gia": sheet.tac_gia.model_dump() if sheet.tac_gia else None,
        "so_sanh": _comparison(loaded),
    }
