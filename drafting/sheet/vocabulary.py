"""The words of the sheet format, each defined once: profiles, levels, sections, placeholders.

A plain module (no pydantic) so that the command line can offer these as choices
without loading the sheet models. The models, the catalogue, the templates' layouts
and the blank sheet all read them from here.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ARTICLE_PROFILES",
    "CONFERENCE_PROFILE",
    "CURRENT_VERSION",
    "DISTRICT_LEVELS",
    "LEVELS",
    "LEVELS_WITH_LEVELS_BELOW",
    "MAX_COMPARED",
    "PROFILES",
    "REPORT_PROFILES",
    "SECTIONS",
    "SECTION_TITLES",
    "SENTENCE_FIELDS",
    "Level",
    "Profile",
    "Section",
]

# The sheet format version (phien_ban); see "The sheet format contract" in README.md.
CURRENT_VERSION = 1

Profile = Literal["nha-nuoc", "dang", "ban-tin", "hoi-nghi"]
PROFILES: tuple[str, ...] = get_args(Profile)
REPORT_PROFILES = ("nha-nuoc", "dang")  # the bulletin is an article, not a report
# Articles signed by their author (tac_gia): the bulletin, and the news of a conference (hoi_nghi).
ARTICLE_PROFILES = ("ban-tin", "hoi-nghi")
CONFERENCE_PROFILE = "hoi-nghi"

Level = Literal[
    "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"
]
LEVELS: tuple[str, ...] = get_args(Level)
DISTRICT_LEVELS = ("huyện", "quận", "thị xã", "thị trấn")  # gone with the two-level government of 2025
# Levels with administrations below them, where a report may say "các cấp".
LEVELS_WITH_LEVELS_BELOW = ("tỉnh", "thành phố", "huyện", "quận", "thị xã")

# The sections of part I ("Kết quả đạt được"), in the report's order, with their headings.
SECTION_TITLES: dict[str, str] = {
    "lanh_dao": "Công tác lãnh đạo, chỉ đạo",
    "kinh_te": "Kết quả phát triển kinh tế - xã hội gắn với công tác dân vận",
    "cai_cach_hanh_chinh": "Công tác cải cách hành chính",
    "tiep_dan": "Tiếp công dân, giải quyết khiếu nại, tố cáo",
    "dan_chu_co_so": "Thực hiện dân chủ ở cơ sở",
    "dan_van_kheo": "Phong trào thi đua “Dân vận khéo”",
    "phoi_hop": "Phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
}
SECTIONS: tuple[str, ...] = tuple(SECTION_TITLES)
Section = Literal[
    "lanh_dao", "kinh_te", "cai_cach_hanh_chinh", "tiep_dan", "dan_chu_co_so", "dan_van_kheo", "phoi_hop"
]
assert get_args(Section) == SECTIONS  # the Literal is for the type checker; SECTION_TITLES rules

# The placeholders of an indicator's sentence (cau): "{gia_tri}{so_sanh}."
# {toan}: "toàn xã", "toàn tỉnh"; {cac_cap}: " các cấp" where there are levels below, else nothing;
# the period's words (drafting/lang/periods.py): {ky} "năm 2025", "6 tháng đầu năm 2026";
# {trong_ky} "Trong năm", "Trong 6 tháng đầu năm"; {cuoi_ky} "cuối năm 2025", "cuối tháng 6 năm 2026".
SENTENCE_FIELDS = ("gia_tri", "so", "don_vi", "ten", "nam", "so_sanh", "toan", "cac_cap", "ky", "trong_ky",
                   "cuoi_ky", "theo_nam")

MAX_COMPARED = 6  # indicator columns that fit a portrait page beside "TT" and "Địa bàn"
