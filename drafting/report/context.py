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
from ..sheet.references import GENERATED_HERE, fill, referenced_codes
from ..sheet.sentence_groups import section_statements
from .comparison import comparison_context
from .conference import conference_context, conference_title, default_requests_lead

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
    leading_zero = sheet.tuy_chon.so_0_dau
    by_code = {ind.code: ind for ind in indicators}
    # A figure the clerk's text names is not said again in a generated sentence.
    named = referenced_codes(sheet.model_dump(include={"noi_dung", "han_che", "nguyen_nhan", "nhiem_vu",
                                                       "kien_nghi", "can_cu", "nhiem_vu_mo_dau", "hoi_nghi"}),
                             by_code)
    sections = []
    for section, title in sheet.sections:
        # Related figures share a sentence (data/cau_gop.yaml), as a careful clerk writes them.
        statements = section_statements(sheet, [ind for ind in indicators
                                                if ind.section == section and ind.code not in named], by_code)
        generated = (Phrase.join(" ", vi.without_repeats(statements, sheet.period.compared_with))
                     if statements else None)
        paragraphs: list[Paragraph] = []
        for text in split_paragraphs(sheet.text_of(section)):
            if text == f"[{GENERATED_HERE}]":
                if generated is not None:
                    paragraphs.append(generated)
                generated = None  # placed where the clerk asked
            else:
                paragraphs.append(fill(text, by_code, leading_zero))
        if generated is not None:
            paragraphs.append(generated)
        if paragraphs:  # a section with no text and no figures is left out
            sections.append({"ma": section, "tieu_de": title, "doan": paragraphs})
    return sections


def _filled(items: list[str], by_code: dict[str, Indicator], leading_zero: bool) -> list[str]:
    """Paragraphs of plain text (limits, tasks...) with their figure references filled in."""
    return [str(fill(text, by_code, leading_zero)) for text in items]


def _table_change(ind: Indicator) -> Paragraph:
    """The comparison column's cell: "tăng 33,33%", "giảm 0,51 điểm phần trăm"; never a bare
    "bằng", which says what it equals as the sentence does ("bằng cùng kỳ")."""
    change = ind.change_short()
    if change is None:
        return ""
    if ind.named_base and str(change) != "bằng":  # not the column's year: the cell names its base
        return change + f" {ind.compared_with}"
    return (ind.change_phrase() or change) if str(change) == "bằng" else change


def _table_columns(sheet: Sheet, indicators: list[Indicator]) -> dict[str, bool]:
    """Which optional columns of the figures table have something in some row: last year's
    figures (cung_ky) and the comparison with them (so_sanh, also from a stated change)."""
    shown = [ind for ind in indicators if ind.in_table] if sheet.is_report and sheet.tuy_chon.bang_so_lieu else []
    return {"cung_ky": any(ind.last_year is not None for ind in shown),
            "so_sanh": any(ind.change_short() is not None for ind in shown)}


def _table_rows(sheet: Sheet, indicators: list[Indicator]) -> list[dict[str, Any]]:
    if not sheet.is_report or not sheet.tuy_chon.bang_so_lieu:
        return []
    rows: list[dict[str, Any]] = []
    for ind in (i for i in indicators if i.in_table):
        last_year = (
            Phrase([Segment(ind.number_text(ind.last_year), ind.last_year_computed)])
            if ind.last_year is not None and not ind.named_base else "-"  # so_voi: not last year's
        )
        rows.append(
            {
                "stt": str(len(rows) + 1),
                "ten": ind.label,
                "don_vi": ind.unit,
                "cung_ky": last_year,
                "gia_tri": Phrase([Segment(ind.number_text(), ind.value_computed)]),
                "so_sanh": _table_change(ind),
            }
        )
    return rows


def _opening(sheet: Sheet, issuer: str, by_code: dict[str, Indicator]) -> str:
    if not sheet.can_cu:
        return ""
    basis = str(fill(sheet.can_cu, by_code, sheet.tuy_chon.so_0_dau))
    if not sheet.is_report:
        return vi.end_sentence(basis)
    return f"{vi.strip_end(basis)}, {issuer} báo cáo {_about(sheet)} như sau:"


def _about(sheet: Sheet) -> str:
    """The subject inside a sentence: "kết quả ... 6 tháng đầu năm 2026 và phương hướng, nhiệm vụ ..."."""
    subject = vi.lower_first(sheet.subject)
    return subject.replace("; ", " và ") if subject.count("; ") == 1 else subject


def _tasks_intro(sheet: Sheet, by_code: dict[str, Indicator], zero: bool) -> str:
    if sheet.nhiem_vu_mo_dau:
        return _filled([sheet.nhiem_vu_mo_dau], by_code, zero)[0]
    if sheet.nhiem_vu_mo_dau is False or sheet.is_report:
        return ""
    return default_requests_lead(sheet) or sheet.period.tasks_lead(sheet.dia_ban.full_name)


def _end_article(sections: list[dict[str, Any]], limits: list[str], causes: list[str]) -> None:
    """A bulletin without tasks ends its last paragraph with "./." (the last task does, otherwise)."""
    last = causes or limits
    if last:
        last[-1] = vi.end_sentence(last[-1], "./.")
    elif sections:
        paragraphs = sections[-1]["doan"]
        paragraphs[-1] = _ended(paragraphs[-1])


def _ended(paragraph: Paragraph) -> Paragraph:
    if isinstance(paragraph, str):
        return vi.end_sentence(paragraph, "./.")
    *rest, last = paragraph.segments
    if last.computed:
        return paragraph + "./."
    return Phrase([*rest, Segment(last.text.rstrip().rstrip(".;,:") + "./.")])


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
    by_code, zero = {ind.code: ind for ind in indicators}, sheet.tuy_chon.so_0_dau
    limits = _filled(split_paragraphs(sheet.han_che), by_code, zero)
    causes = _filled(split_paragraphs(sheet.nguyen_nhan), by_code, zero)
    proposals = _filled(split_paragraphs(sheet.kien_nghi), by_code, zero)
    signer, period = sheet.nguoi_ky, sheet.period
    results, tasks = _section_paragraphs(sheet, indicators), _filled(split_paragraphs(sheet.nhiem_vu), by_code, zero)
    if not sheet.is_report and not tasks and sheet.hoi_nghi is None:  # news of a conference has no "./."
        _end_article(results, limits, causes)
    return {
        "nam": sheet.nam,
        "ky": period.name,
        "ky_toi": period.ahead,
        "the_thuc": sheet.the_thuc,
        "dia_ban": sheet.dia_ban.full_name,
        "co_quan_chu_quan": list(sheet.co_quan_chu_quan),
        "co_quan_ban_hanh": list(header_lines),
        "co_quan_ten": issuer_name,
        "so_van_ban": sheet.so_van_ban,
        "noi_ban_hanh": sheet.place,
        "ngay_ban_hanh": sheet.ngay_ban_hanh,
        "kinh_gui": [vi.strip_end(x) for x in sheet.kinh_gui],
        "trich_yeu": conference_title(sheet) or sheet.subject,
        "bao_cao_ve": _about(sheet),
        "mo_dau": _opening(sheet, issuer_name, by_code),
        "ket_qua": results,
        "bang": _table_rows(sheet, indicators),
        "bang_cot": period.table_heads,
        "phan": _part_numbers(bool(limits or causes), bool(proposals)),
        "han_che": limits,
        "nguyen_nhan": causes,
        "nhiem_vu_mo_dau": _tasks_intro(sheet, by_code, zero),
        "nhiem_vu": tasks,
        "kieu_thu_tu": sheet.tuy_chon.kieu_thu_tu,
        "kien_nghi": proposals,
        "nguoi_ky": (
            {"tham_quyen": list(signer.tham_quyen), "chuc_vu": signer.chuc_vu, "ho_ten": signer.ho_ten}
            if signer else None
        ),
        "noi_nhan": [vi.strip_end(x.lstrip("-– ").strip()) for x in sheet.noi_nhan],
        "tac_gia": sheet.tac_gia.model_dump() if sheet.tac_gia else None,
        "hoi_nghi": conference_context(sheet, by_code, zero, tasks, _tasks_intro(sheet, by_code, zero)),
        "so_sanh": _comparison(loaded),
        "bang_co_cot": _table_columns(sheet, indicators),
    }
