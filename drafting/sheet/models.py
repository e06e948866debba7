"""The indicator sheet: the pydantic models of what a clerk fills in each year.

Keys are Vietnamese without diacritics; the structure here is the contract
documented in README.md. ``extra="forbid"`` everywhere, so a mistyped key is
reported rather than silently ignored.
"""

from __future__ import annotations

import re
import string
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..lang import Kind, Period, PeriodKind, parse_number
from ..lang.numbers import NumberRangeError, sheet_number
from .catalogue import CODE_PATTERN
from .vocabulary import (
    MAX_COMPARED,
    REPORT_PROFILES,
    SECTION_TITLES,
    SECTIONS,
    SENTENCE_FIELDS,
    Level,
    Profile,
)


def _error(message: str) -> PydanticCustomError:
    return PydanticCustomError("drafting", message)


def _number(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _error("phải là số")
    try:
        if isinstance(value, (int, float, Decimal)):
            return sheet_number(value)  # .nan, .inf and figures too large for a report
        if isinstance(value, str):
            return parse_number(value)
    except NumberRangeError as exc:
        raise _error(str(exc)) from None
    except ValueError:
        raise _error('phải là số (ví dụ 4036, 6044.8 hoặc "6.044,8")') from None
    raise _error("phải là số")


def _whole_number(value: Any) -> Any:
    # Whole-number keys (nam, so, chu_so) keep pydantic's checks; .nan, .inf and numbers too
    # large for any sheet get the same message as the figures instead of pydantic's English.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            sheet_number(value)
        except NumberRangeError as exc:
            raise _error(str(exc)) from None
    return value


def _as_list(value: Any) -> Any:
    # A single paragraph written without "- " is still a list of one; a key left empty is none.
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _as_mapping(value: Any) -> Any:
    # "phoi_hop:" or "ty_le_giai_quyet:" with nothing under it means nothing to say.
    return {} if value is None else value


def _as_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
        if m:
            day, month, year = (int(g) for g in m.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise _error("ngày không có thật") from None
    return value


_CHANGE = re.compile(r"^\s*(tăng|giảm)\s+([0-9.,]+)\s*%\s*$", re.IGNORECASE)


def _stated_change(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        m = _CHANGE.match(value)
        if m:
            try:
                return (m.group(1).lower(), parse_number(m.group(2)))
            except NumberRangeError as exc:
                raise _error(str(exc)) from None
            except ValueError:
                pass
    raise _error("phải có dạng 'tăng 8,56%' hoặc 'giảm 54%'")


Number = Annotated[Decimal, BeforeValidator(_number)]
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Paragraphs = Annotated[list[Text], BeforeValidator(_as_list)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
StatedChange = Annotated[tuple[Literal["tăng", "giảm"], Decimal], BeforeValidator(_stated_change)]
IssueDate = Annotated[date, BeforeValidator(_as_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DiaBan(_Model):
    ten: Text
    cap: Level

    @property
    def full_name(self) -> str:
        return f"{self.cap} {self.ten}"


class CoQuanBanHanh(_Model):
    ten: Text
    dong: Optional[Paragraphs] = None


class SoVanBan(_Model):
    so: Optional[WholeNumber] = Field(default=None, ge=1)
    ky_hieu: Text


class NguoiKy(_Model):
    tham_quyen: Paragraphs = []
    chuc_vu: Text
    ho_ten: Text


class TacGia(_Model):
    """A bulletin's byline: a name, a name and title, or the source it was taken from (rules.py)."""

    ho_ten: Optional[Text] = None
    chuc_danh: Optional[Text] = None
    nguon: Optional[Text] = None  # "baoquangninh.vn", printed "(baoquangninh.vn)"

    @field_validator("nguon")
    @classmethod
    def _without_brackets(cls, value: Optional[str]) -> Optional[str]:
        return value.strip("() ") or None if value else value


def _no_lead_in(value: Any) -> Any:
    if value is True:
        raise _error("ghi câu dẫn, hoặc false để không in câu dẫn")
    return value


# The line before the tasks: the clerk's, false for none, or drafting's (a bulletin's "Trong thời gian tới...").
LeadIn = Annotated[Union[Literal[False], Text, None], BeforeValidator(_no_lead_in)]


class KeHoachKhac(_Model):
    """A further plan the figure is measured against ("187,4% dự toán HĐND Thành phố giao")."""

    ke_hoach: Optional[Number] = None  # left blank by "drafting new" until the plan is known
    ten_ke_hoach: Text


class XepHang(_Model):
    """A rank: "xếp thứ 24/63 tỉnh, thành phố, tăng 5 bậc so với năm 2018"."""

    thu: WholeNumber = Field(ge=1)
    tren: WholeNumber = Field(ge=1)
    doi_tuong: Text  # what is ranked: "tỉnh, thành phố"
    cung_ky: Optional[WholeNumber] = Field(default=None, ge=1)  # last time's place
    nam_so_sanh: Optional[WholeNumber] = None  # the year of that place, when not last year


Qualifier = Literal["hơn", "gần", "trên", "khoảng", "gần như", "chưa đến"]


class ChiTieu(_Model):
    gia_tri: Optional[Number] = None
    cung_ky: Optional[Number] = None
    ke_hoach: Optional[Number] = None
    thay_doi: Optional[StatedChange] = None
    dat_ke_hoach: Optional[Number] = None
    ten_ke_hoach: Optional[Text] = None
    ten: Optional[Text] = None
    don_vi: Optional[Text] = None
    loai: Optional[Kind] = None
    cau: Optional[Text] = None
    chu_so: Optional[WholeNumber] = Field(default=None, ge=0, le=4)
    vao_bang: bool = True
    tu_truoc: Optional[Qualifier] = None  # written before the figure: "hơn 294 mô hình"
    gom: dict[Text, Number] = {}  # the parts of the figure: "(gồm: khiếu nại 571 đơn, tố cáo 63 đơn)"
    ke_hoach_khac: list[KeHoachKhac] = []
    xep_hang: Optional[XepHang] = None
    so_0_dau: Optional[bool] = None  # this figure's own leading zero ("05 nghị quyết"), else the sheet's

    @field_validator("cau")
    @classmethod
    def _known_placeholders(cls, value: Optional[str]) -> Optional[str]:
        if value is None:
            return value
        try:
            names = [field for _, field, _, _ in string.Formatter().parse(value) if field is not None]
        except ValueError:
            raise _error("câu có dấu ngoặc nhọn { } không khớp") from None
        unknown = [n for n in names if n not in SENTENCE_FIELDS]
        if unknown:
            allowed = ", ".join("{" + f + "}" for f in SENTENCE_FIELDS)
            raise _error(f"chỗ trống {{{unknown[0]}}} không có; dùng: {allowed}")
        return value

    @model_validator(mode="after")
    def _one_way_to_compare(self) -> ChiTieu:
        if self.cung_ky is not None and self.thay_doi is not None:
            raise _error(
                "chỉ ghi một trong hai: cung_ky (số liệu năm trước) hoặc thay_doi (mức tăng, giảm)"
            )
        if self.ke_hoach is not None and self.dat_ke_hoach is not None:
            raise _error("chỉ ghi một trong hai: ke_hoach (số kế hoạch) hoặc dat_ke_hoach (tỷ lệ đạt)")
        return self


IndicatorMap = Annotated[
    dict[Code, Annotated[ChiTieu, BeforeValidator(_as_mapping)]], BeforeValidator(_as_mapping)
]


class _IndicatorsOfOwnSections(_Model):
    # A section of the clerk's own (declared in muc, rules.py checks) holds indicators too.
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
    __pydantic_extra__: dict[str, IndicatorMap] = Field(init=False)


class _TextOfOwnSections(_Model):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)
    __pydantic_extra__: dict[str, Paragraphs] = Field(init=False)


# One field per standard section, made from SECTIONS so that a section is defined in one place.
ChiTieuTheoMuc: type[_Model] = create_model(
    "ChiTieuTheoMuc", __base__=_IndicatorsOfOwnSections,
    **{s: (IndicatorMap, {}) for s in SECTIONS}  # type: ignore[call-overload]
)
NoiDungTheoMuc: type[_Model] = create_model(
    "NoiDungTheoMuc", __base__=_TextOfOwnSections,
    **{s: (Paragraphs, []) for s in SECTIONS}  # type: ignore[call-overload]
)


class Muc(_Model):
    """A section of part I as the sheet lists it: a standard one (renamed when it has a tieu_de)
    or the clerk's own (a code and a tieu_de)."""

    ma: Code
    tieu_de: Optional[Text] = None


def _as_section(value: Any) -> Any:
    return {"ma": value} if isinstance(value, str) else value  # "- lanh_dao": the standard section


SectionItem = Annotated[Muc, BeforeValidator(_as_section)]


class KyBaoCao(_Model):
    """The reporting period (a year when absent); rules.py checks which keys go with which kind."""

    loai: PeriodKind = "nam"
    quy: Optional[WholeNumber] = Field(default=None, ge=1, le=4)  # loai: quy
    tu_nam: Optional[WholeNumber] = Field(default=None, ge=1945, le=2100)  # loai: nhieu_nam; nam is the last year
    ten: Optional[Text] = None  # loai: nhieu_nam: "thực hiện Kết luận số 114-KL/TW ..."


class TuyChon(_Model):
    kieu_thu_tu: Literal["mot_la", "thu_nhat"] = "mot_la"
    so_0_dau: bool = False
    bang_so_lieu: bool = True


class DiaBanSoSanh(_Model):
    ten: Text
    cap: Optional[Level] = None
    gia_tri: dict[Code, Optional[Number]] = {}


class SoSanhDiaBan(_Model):
    """A roll-up's table comparing its localities on a few indicators (written by ``rollup``)."""

    tieu_de: Optional[Text] = None
    chi_tieu: list[Code] = Field(min_length=1, max_length=MAX_COMPARED)
    dia_ban: list[DiaBanSoSanh] = Field(min_length=1)


class Sheet(_Model):
    """A whole indicator sheet, as validated (the keys are the format documented in README.md)."""

    phien_ban: Literal[1]
    nam: WholeNumber = Field(ge=1945, le=2100)
    ky_bao_cao: KyBaoCao = KyBaoCao()
    the_thuc: Profile
    dia_ban: DiaBan
    co_quan_chu_quan: Paragraphs = []
    co_quan_ban_hanh: Optional[CoQuanBanHanh] = None
    so_van_ban: Optional[SoVanBan] = None
    noi_ban_hanh: Optional[Text] = None
    ngay_ban_hanh: Optional[IssueDate] = None
    kinh_gui: Paragraphs = []
    trich_yeu: Optional[Text] = None
    can_cu: Optional[Text] = None
    muc: Optional[list[SectionItem]] = Field(default=None, min_length=1)  # part I's sections, in order
    chi_tieu: ChiTieuTheoMuc = ChiTieuTheoMuc()
    noi_dung: NoiDungTheoMuc = NoiDungTheoMuc()
    han_che: Paragraphs = []
    nguyen_nhan: Paragraphs = []
    nhiem_vu_mo_dau: LeadIn = None
    nhiem_vu: Paragraphs = []
    kien_nghi: Paragraphs = []
    nguoi_ky: Optional[NguoiKy] = None
    noi_nhan: Paragraphs = []
    tac_gia: Optional[TacGia] = None
    tuy_chon: TuyChon = TuyChon()
    so_sanh_dia_ban: Optional[SoSanhDiaBan] = None

    @property
    def is_report(self) -> bool:
        return self.the_thuc in REPORT_PROFILES

    @property
    def period(self) -> Period:
        ky = self.ky_bao_cao
        return Period(self.nam, ky.loai, ky.quy, ky.tu_nam, ky.ten)

    @property
    def subject(self) -> str:
        if self.trich_yeu:
            return self.trich_yeu
        # A bulletin's title names the place; a report's subject does not need to.
        return self.period.subject if self.is_report else f"{self.period.results} ở {self.dia_ban.full_name}"

    @property
    def place(self) -> str:
        return self.noi_ban_hanh or self.dia_ban.ten

    @property
    def sections(self) -> list[tuple[str, str]]:
        """Part I's sections in the report's order, with their headings: the seven standard ones,
        unless the sheet lists its own (muc: renamed, reordered, left out, added)."""
        if self.muc is None:
            return list(SECTION_TITLES.items())
        return [(m.ma, m.tieu_de or SECTION_TITLES.get(m.ma, m.ma)) for m in self.muc]

    def indicators_of(self, section: str) -> dict[str, ChiTieu]:
        return getattr(self.chi_tieu, section, None) or {}

    def text_of(self, section: str) -> list[str]:
        return getattr(self.noi_dung, section, None) or []


def all_keys() -> set[str]:
    """Every key the sheet knows, for "did you mean" suggestions."""
    keys: set[str] = set()
    for model in (Sheet, DiaBan, CoQuanBanHanh, SoVanBan, NguoiKy, TacGia, ChiTieu, KeHoachKhac, XepHang,
                  ChiTieuTheoMuc, TuyChon, SoSanhDiaBan, DiaBanSoSanh, KyBaoCao, Muc):
        keys.update(model.model_fields)
    return keys
