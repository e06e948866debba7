"""Layout of each profile, from shared/reference/format-rules.md.

Where the rules give a range, one value is picked here and used everywhere.
The template builder (tools/build_templates.py) reads these; the tests check
the built documents against the rules' own numbers, not against this file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Layout:
    name: str
    label: str
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    body_pt: float
    first_line_indent_cm: float
    space_after_pt: float
    line_spacing: float
    heading_separator: str  # "I." (state) or "I-" (Party)
    # header
    national_pt: float  # "CỘNG HÒA ..." or "ĐẢNG CỘNG SẢN VIỆT NAM"
    motto_pt: float
    superior_pt: float
    issuer_pt: float
    number_pt: float
    date_pt: float
    # title block
    kind_pt: float  # "BÁO CÁO"
    subject_pt: float
    # signature block
    recipients_title_pt: float
    recipients_pt: float
    signature_pt: float
    title_line_bold: bool
    header_left_cm: float
    header_right_cm: float


STATE = Layout(
    name="nha-nuoc",
    label="Báo cáo của cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)",
    margins_mm=(20, 20, 30, 15),
    body_pt=14,
    first_line_indent_cm=1.27,
    space_after_pt=6,
    line_spacing=1.15,
    heading_separator=".",
    national_pt=12,
    motto_pt=13,
    superior_pt=12,
    issuer_pt=12,
    number_pt=13,
    date_pt=13,
    kind_pt=14,
    subject_pt=14,
    recipients_title_pt=12,
    recipients_pt=11,
    signature_pt=14,
    title_line_bold=True,
    header_left_cm=6.2,
    header_right_cm=10.3,
)

PARTY = replace(
    STATE,
    name="dang",
    label="Báo cáo của cơ quan Đảng (Hướng dẫn 36-HD/VPTW)",
    first_line_indent_cm=1.0,
    heading_separator="-",
    national_pt=15,
    motto_pt=15,
    superior_pt=14,
    issuer_pt=14,
    number_pt=14,
    date_pt=14,
    kind_pt=16,
    recipients_title_pt=14,
    recipients_pt=12,
    title_line_bold=False,
    header_left_cm=7.5,
    header_right_cm=9.0,
)

# A bulletin has no header or signature block; only the body sizes matter.
BULLETIN = replace(
    STATE,
    name="ban-tin",
    label="Bản tin đăng trang thông tin điện tử",
    subject_pt=16,
    header_left_cm=0,
    header_right_cm=0,
)

# The news of a conference is laid out as a bulletin (shared/reference/genres.md).
CONFERENCE = replace(BULLETIN, name="hoi-nghi", label="Tin hội nghị đăng trang thông tin điện tử")

LAYOUTS = {layout.name: layout for layout in (STATE, PARTY, BULLETIN, CONFERENCE)}
