"""Related indicators said in one sentence, as the seeds do: "596 doanh nghiệp và 4.036 hộ kinh
doanh cá thể đăng ký thành lập mới", "đã giải quyết 587/612 vụ việc, đạt 95,92%".

The groups are data (data/cau_gop.yaml), tried in the file's order. A group is said in one
sentence only where it loses nothing against its members' own sentences: every member is among
the section's generated sentences (so none is named in the clerk's text or has a sentence of the
sheet's own), none was said by an earlier group, each member's figure and each member's
comparison has its place in the wording, and the figures of ``khi_bang`` are equal as printed.
Otherwise every member keeps its own sentence. The joint sentence sits where its first member's
sentence would have been.
"""

from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import lang as vi
from ..lang.changes import FROM_TO
from ..lang.phrase import Phrase, Segment
from .indicators import SENTENCE_PARTS, Indicator
from .indicators import _Where as Where
from .models import Sheet
from .references import fill
from .yaml_source import parse_yaml

# The sentence placeholders that name no indicator: the period's and the locality's words.
SHARED_FIELDS = ("nam", "toan", "cac_cap", "ky", "trong_ky", "cuoi_ky")
# What "{ma.<part>}" gives: the value with its unit, the bare number, the comparisons after a
# comma or in brackets, a rate as its fraction.
MEMBER_PARTS = ("", "so", "so_sanh", "ngoac", "ty_le")
_COMPARING = ("so_sanh", "ngoac")


def fields_of(sentence: str) -> list[tuple[str, str]]:
    """The (code, part) of each indicator placeholder of ``sentence``; shared words left out."""
    out = []
    for _, field, _, _ in string.Formatter().parse(sentence):
        if field is None or field in SHARED_FIELDS:
            continue
        code, _, part = field.partition(".")
        out.append((code, part))
    return out


class SentenceGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    chi_tieu: tuple[str, ...] = Field(min_length=2)
    cau: str
    cau_khi_tang: Optional[str] = None  # said when a figure of the group rose ("có", not "còn")
    khi_bang: tuple[str, ...] = ()  # joined only when these figures are equal as printed

    @model_validator(mode="after")
    def _known_parts(self) -> SentenceGroup:
        if not set(self.khi_bang) <= set(self.chi_tieu):
            raise ValueError("khi_bang chỉ gồm các chỉ tiêu của nhóm (chi_tieu)")
        for sentence in (self.cau, self.cau_khi_tang or ""):
            unknown = [f"{c}.{p}" for c, p in fields_of(sentence) if p not in MEMBER_PARTS]
            if unknown:
                raise ValueError(f"phần không có: {', '.join(unknown)}; dùng: {', '.join(MEMBER_PARTS[1:])}")
        return self


class SentenceGroups(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cau_gop: list[SentenceGroup]


@lru_cache(maxsize=1)
def load_groups() -> SentenceGroups:
    text = (resources.files("drafting.sheet") / "data" / "cau_gop.yaml").read_text(encoding="utf-8")
    return SentenceGroups.model_validate(parse_yaml(text).data)


def section_statements(sheet: Sheet, section: list[Indicator], indicators: dict[str, Indicator],
                       groups: Optional[SentenceGroups] = None) -> list[Phrase]:
    """The sentences of a section's generated figures (``section``, in report order), related ones
    joined; ``indicators`` are all the sheet's figures, by code (a fraction may name one said
    elsewhere)."""
    where = Where(sheet.period, sheet.tuy_chon.so_0_dau, sheet.dia_ban.cap)
    # A sentence the sheet writes itself (cau) is the clerk's: it is not joined to others.
    own = {code for name in {ind.section for ind in section}
           for code, e in sheet.indicators_of(name).items() if e.cau}
    free = {ind.code: ind for ind in section if ind.code not in own and _plain(ind)}
    joint: dict[str, Phrase] = {}  # first member's code -> the group's sentence
    said: set[str] = set()
    for group in (groups or load_groups()).cau_gop:
        if any(code not in free or code in said for code in group.chi_tieu):
            continue
        sentence = _joint(group, free, indicators, where)
        if sentence is not None:
            said.update(group.chi_tieu)
            joint[next(ind.code for ind in section if ind.code in group.chi_tieu)] = sentence
    return [joint[ind.code] if ind.code in joint else ind.statement(where.period, where.leading_zero, where.level)
            for ind in section if ind.code in joint or ind.code not in said]


def _plain(ind: Indicator) -> bool:
    """Whether the figure is said as a value with its comparisons; one the sheet gives another form
    (only its change, the from-to form, a fraction of its own) keeps its own sentence."""
    return ind.value_known and ind.change_way != FROM_TO and ind.fraction is None


def _joint(group: SentenceGroup, members: dict[str, Indicator], indicators: dict[str, Indicator],
           where: Where) -> Optional[Phrase]:
    """The group's sentence, or None where it would say less than the members' own sentences."""
    mine = [members[code] for code in group.chi_tieu]
    if len({members[code].printed_value for code in group.khi_bang}) > 1:
        return None
    rose = group.cau_khi_tang is not None and any(ind.went_up() for ind in mine)
    sentence = group.cau_khi_tang if rose and group.cau_khi_tang else group.cau
    fields = fields_of(sentence)
    named = {code for code, _ in fields}
    named |= {c for code, part in fields if part == "ty_le" and code in members
              for c in (members[code].numerator, members[code].denominator) if c}
    if named & set(group.khi_bang):  # equal figures are said by one of them: "Tiếp nhận, xử lý 46 đơn"
        named |= set(group.khi_bang)
    compared = {code for code, part in fields if part in _COMPARING}
    whole = {code for code, part in fields if part == ""}  # "hơn 294 mô hình": the qualifier is said
    # A breakdown is said whole, "634 đơn (gồm: ...)", and no second bracket follows it.
    bracketed = {code for code, part in fields if part == "ngoac"}
    if any(ind.code not in named or (ind.comparisons() and ind.code not in compared)
           or ((ind.qualifier or ind.parts) and ind.code not in whole)
           or (ind.parts and ind.code in bracketed) for ind in mine):
        return None
    return _fill(sentence, indicators, where)


def _fill(sentence: str, indicators: dict[str, Indicator], where: Where) -> Optional[Phrase]:
    base = where.period.compared_with
    parts: list[Segment] = []
    said_base = False
    for literal, field in _split(sentence):
        parts.append(Segment(literal))
        if field is None:
            continue
        if field in SHARED_FIELDS:
            parts.extend(SENTENCE_PARTS[field](next(iter(indicators.values())), where).segments)
            continue
        code, _, part = field.partition(".")
        phrase = _member_part(indicators.get(code), part, indicators, where)
        if phrase is None:
            return None
        if part in _COMPARING:
            # Within one sentence, "so với cùng kỳ" is said once where nothing else is compared.
            phrase = vi.without_repeats([Phrase([f" {base}"]), phrase], base)[1] if said_base else phrase
            said_base = said_base or f" {base}" in str(phrase)
        parts.extend(phrase.segments)
    phrase = Phrase(parts)
    if phrase.segments and not phrase.segments[0].computed:  # "{ky}, ...": "Năm 2025, ..."
        phrase = Phrase([Segment(vi.upper_first(phrase.segments[0].text)), *phrase.segments[1:]])
    return phrase


def _split(sentence: str) -> list[tuple[str, Optional[str]]]:
    return [(literal, field) for literal, field, _, _ in string.Formatter().parse(sentence)]


def _member_part(ind: Optional[Indicator], part: str, indicators: dict[str, Indicator],
                 where: Where) -> Optional[Phrase]:
    if ind is None:
        return None
    if part == "ty_le":
        reference = f"[{ind.code}.ty_le]"
        fraction = fill(reference, indicators, where.leading_zero)
        return None if str(fraction) == reference else fraction
    if part == "ngoac":
        found = ind.comparisons()
        return Phrase([" ("]) + Phrase.join(", ", found) + ")" if found else Phrase()
    field = {"": "gia_tri", "so": "so", "so_sanh": "so_sanh"}[part]
    return SENTENCE_PARTS[field](ind, where)
