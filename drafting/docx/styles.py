"""Names of the Word styles the built-in templates use.

A style says what a paragraph is (issuing body, heading, signature...), so
the layout lives in one place in each template and the preview can read the
rendered document back by role. The constants below are the style ids the
builder writes; a role is recognised by the style's Vietnamese *name*, because
LibreOffice rewrites style ids from names when it saves a template a clerk has
edited, while both Word and LibreOffice keep the names.
"""

from __future__ import annotations

from docx.oxml.ns import qn

SUPERIOR = "BCCoQuanChuQuan"
ISSUER = "BCCoQuanBanHanh"
STAR = "BCDauSao"
NUMBER = "BCSoKyHieu"
NATIONAL = "BCQuocHieu"
MOTTO = "BCTieuNgu"
PLACE_DATE = "BCDiaDanhNgay"
RULE = "BCGachNgan"
KIND = "BCLoaiVanBan"
SUBJECT = "BCTrichYeu"
DASHES = "BCGachNoi"
TO = "BCKinhGui"
TO_ITEM = "BCKinhGuiMuc"
BODY = "BCNoiDung"
HEADING1 = "BCMuc"
HEADING2 = "BCMucNho"
TABLE_HEAD = "BCBangTieuDe"
TABLE_CELL = "BCBangNoiDung"
TABLE_NUMBER = "BCBangSo"
RECIPIENTS_TITLE = "BCNoiNhanTieuDe"
RECIPIENT = "BCNoiNhan"
AUTHORITY = "BCThamQuyen"
TITLE_LINE = "BCChucVu"
SIGN_SPACE = "BCChoKy"
SIGNER = "BCHoTen"
NEWS_TITLE = "BCTieuDeTin"
BYLINE_NAME = "BCTacGia"
BYLINE_TITLE = "BCChucDanhTacGia"
CAPTION = "BCChuThichAnh"  # a picture's caption in the news of a conference
PAGE_NUMBER = "BCSoTrang"
COMPUTED = "BCSoLieuTinh"  # character style: a figure drafting computed

NAMES = {
    SUPERIOR: "BC Cơ quan chủ quản",
    ISSUER: "BC Cơ quan ban hành",
    STAR: "BC Dấu sao",
    NUMBER: "BC Số ký hiệu",
    NATIONAL: "BC Quốc hiệu",
    MOTTO: "BC Tiêu ngữ",
    PLACE_DATE: "BC Địa danh ngày tháng",
    RULE: "BC Đường kẻ ngắn",
    KIND: "BC Tên loại văn bản",
    SUBJECT: "BC Trích yếu",
    DASHES: "BC Gạch nối",
    TO: "BC Kính gửi",
    TO_ITEM: "BC Kính gửi nơi nhận",
    BODY: "BC Nội dung",
    HEADING1: "BC Mục",
    HEADING2: "BC Mục nhỏ",
    TABLE_HEAD: "BC Bảng tiêu đề",
    TABLE_CELL: "BC Bảng nội dung",
    TABLE_NUMBER: "BC Bảng số",
    RECIPIENTS_TITLE: "BC Nơi nhận tiêu đề",
    RECIPIENT: "BC Nơi nhận",
    AUTHORITY: "BC Thẩm quyền ký",
    TITLE_LINE: "BC Chức vụ người ký",
    SIGN_SPACE: "BC Chỗ ký",
    SIGNER: "BC Họ tên người ký",
    NEWS_TITLE: "BC Tiêu đề tin",
    BYLINE_NAME: "BC Tác giả",
    BYLINE_TITLE: "BC Chức danh tác giả",
    CAPTION: "BC Chú thích ảnh",
    PAGE_NUMBER: "BC Số trang",
    COMPUTED: "BC Số liệu tính toán",
}

HEADER_STYLES = {SUPERIOR, ISSUER, STAR, NUMBER, NATIONAL, MOTTO, PLACE_DATE}
SIGNATURE_STYLES = {RECIPIENTS_TITLE, RECIPIENT, AUTHORITY, TITLE_LINE, SIGN_SPACE, SIGNER}

ROLE_BY_NAME = {name: role for role, name in NAMES.items()}


def roles_by_id(styles_element) -> dict[str, str]:
    """Style id -> drafting role (one of the constants above) for a document's styles part."""
    out = {}
    for style in styles_element.iter(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        name = style.find(qn("w:name"))
        role = ROLE_BY_NAME.get(name.get(qn("w:val"))) if name is not None else None
        if sid and role:
            out[sid] = role
    return out


def id_for_role(styles_element, role: str):
    """The id this document gives the style of ``role``, or None if it has none."""
    return next((sid for sid, r in roles_by_id(styles_element).items() if r == role), None)
