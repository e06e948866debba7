"""One indicator as a sheet states it: its figures, bases, plans, parts, rank and wording."""

from __future__ import annotations

import string
from typing import Optional

from pydantic import Field, field_validator, model_validator

from ..lang import Kind
from ..lang.changes import ChangeWay
from .fields import Number, Qualifier, StatedChange, Text, WholeNumber, _error, _Model
from .fractions import PhanSo
from .series import SeriesValue
from .vocabulary import SENTENCE_FIELDS

ONE_PLAN = "chỉ ghi một trong hai: ke_hoach (số kế hoạch) hoặc dat_ke_hoach (tỷ lệ đạt)"


class KeHoachKhac(_Model):
    """A further plan the figure is measured against ("187,4% dự toán HĐND Thành phố giao")."""

    ke_hoach: Optional[Number] = None  # left blank by "drafting new" until the plan is known
    ten_ke_hoach: Text
    dat_ke_hoach: Optional[Number] = None  # its share stated instead ("187,4%"), the plan unknown

    @model_validator(mode="after")
    def _one_way(self) -> KeHoachKhac:
        if self.ke_hoach is not None and self.dat_ke_hoach is not None:
            raise _error(ONE_PLAN)
        return self


class XepHang(_Model):
    """A rank: "xếp thứ 24/63 tỉnh, thành phố, tăng 5 bậc so với năm 2018"."""

    thu: WholeNumber = Field(ge=1)
    tren: WholeNumber = Field(ge=1)
    doi_tuong: Text  # what is ranked: "tỉnh, thành phố"
    cung_ky: Optional[WholeNumber] = Field(default=None, ge=1)  # last time's place
    nam_so_sanh: Optional[WholeNumber] = None  # the year of that place, when not last year


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
    theo_nam: dict[WholeNumber, SeriesValue] = {}  # a value per year of the period (series.py)
    # What cung_ky (or thay_doi) is, when not last year's: "năm 2015", "trước khi sắp xếp".
    so_voi: Optional[Text] = None
    cach_so_sanh: Optional[ChangeWay] = None  # how the change is written (lang/changes.py)
    chu_so_phan_tram: Optional[WholeNumber] = Field(default=None, ge=0, le=4)  # of the computed per cents
    phan_so: Optional[PhanSo] = None  # a part of a whole: "245/411 xã" (fractions.py)

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
            raise _error(ONE_PLAN)
        return self
