"""The catalogue of standard indicators shipped in data/chi_tieu.yaml."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ..lang.changes import Kind
from .vocabulary import Section
from .yaml_source import parse_yaml

CODE_PATTERN = r"^[a-z][a-z0-9_]*$"


class CatalogueEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ma: str = Field(pattern=CODE_PATTERN)
    ten: str
    don_vi: str
    loai: Kind
    muc: Section
    cau: str
    cau_khi_tang: Optional[str] = None  # the sentence when the figure rose ("có", not "còn")
    tu_so: Optional[str] = None
    mau_so: Optional[str] = None
    khong_vuot: Optional[str] = None
    ten_ke_hoach: str = "kế hoạch"
    dong_tu_ke_hoach: str = "đạt"
    co_the_am: bool = False
    chinh: bool = False  # shown by default in a roll-up's table comparing localities


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    chi_tieu: list[CatalogueEntry]
    _by_code: dict[str, CatalogueEntry] = PrivateAttr(default_factory=dict)

    def model_post_init(self, __context) -> None:
        self._by_code = {entry.ma: entry for entry in self.chi_tieu}

    @property
    def by_code(self) -> dict[str, CatalogueEntry]:
        return self._by_code



@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    text = (resources.files("drafting.sheet") / "data" / "chi_tieu.yaml").read_text(encoding="utf-8")
    return Catalogue.model_validate(parse_yaml(text).data)
