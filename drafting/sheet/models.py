"""The indicator sheet: the pydantic models of what a clerk fills in each year.

Keys are Vietnamese without diacritics; the structure here is the contract
documented in README.md. ``extra="forbid"`` everywhere, so a mistyped key is
reported rather than silently ignored. The value types are in ``fields``, one
indicator's model in ``indicator_model``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BeforeValidator, ConfigDict, Field, create_model, field_validator

from ..lang import Period, PeriodKind
from .conference_model import AnhHoiNghi, ChuTri, HoiNghi
from .fields import (
    Code,
    IssueDate,
    Number,
    Paragraphs,
    Text,
    WholeNumber,
    _as_mapping,
    _error,
    _Model,
    _number,
)
from .indicator_model import ChiTieu, KeHoachKhac, XepHang
from .vocabulary import (
    MAX_COMPARED,
    REPORT_PROFILES,
    SECTION_TITLES,
    SECTIONS,
    Level,
    Profile,
)

__all__ = ["ChiTieu", "KeHoachKhac", "Sheet", "XepHang", "_number", "all_keys"]


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
    den_thang: Optional[WholeNumber] = Field(default=None, ge=1, le=12)  # loai: nhieu_nam, last year cut short


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
    hoi_nghi: Optional[HoiNghi] = None  # the_thuc: hoi-nghi (conference_model.py)
    tuy_chon: TuyChon = TuyChon()
    so_sanh_dia_ban: Optional[SoSanhDiaBan] = None

    @property
    def is_report(self) -> bool:
        return self.the_thuc in REPORT_PROFILES

    @property
    def period(self) -> Period:
        ky = self.ky_bao_cao
        return Period(self.nam, ky.loai, ky.quy, ky.tu_nam, ky.ten, ky.den_thang)

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
                  ChiTieuTheoMuc, TuyChon, SoSanhDiaBan, DiaBanSoSanh, KyBaoCao, Muc, HoiNghi, ChuTri, AnhHoiNghi):
        keys.update(model.model_fields)
    return keys
