"""Write the 30-locality bulk-drafting example under examples/nghe-an-2025/.

    python tools/make_bulk_example.py

The communes and wards of one province (Nghệ An, 2025, after the two-level
government reform) in two equivalent forms:

* the TABLE form: ``co-so.yaml`` (what every locality shares) plus
  ``so-lieu.csv`` / ``so-lieu.xlsx`` (one row per locality, one column per key
  path), and
* the FOLDER form: ``dia-ban/<slug>.yaml``, one complete sheet per locality,
  equal in content to the base merged with that locality's row.

It also writes ``tong-hop.yaml`` (the province's own sheet, without figures,
for a roll-up of the 30 localities) and ``tests/fixtures/so-lieu-loi.csv`` (the
table with one deliberately broken row).

Merge rule of a row into the base: a cell's value replaces the base value at
that key path; a cell holding line breaks becomes a list of its lines; a column
named by a catalogue code is that indicator's ``gia_tri`` and ``<code>.<key>``
its other keys, under the section (``muc``) the catalogue gives; an empty cell
sets nothing.

Everything is generated from a fixed random seed, so every run writes the same
bytes (the .xlsx too: its timestamps are fixed).
"""

from __future__ import annotations

import copy
import csv
import io
import random
import re
import sys
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "nghe-an-2025"
CATALOGUE = ROOT / "drafting" / "data" / "chi_tieu.yaml"
BROKEN_CSV = ROOT / "tests" / "fixtures" / "so-lieu-loi.csv"

SEED = 2025
FIXED_TIME = datetime(2025, 12, 10, 0, 0, 0)
SHEET_NAME = "SoLieu"
GENERATED_NOTE = (
    "# Tệp sinh tự động từ co-so.yaml và so-lieu.csv bằng tools/make_bulk_example.py "
    "(sửa hai tệp đó rồi chạy lại)."
)

# The row (1-based among the data rows) broken in the error fixture, and how.
BROKEN_ROW = 5
BROKEN_CELLS = {"ho_ngheo": "nhiều", "don_da_xu_ly": "-3"}

# --------------------------------------------------------------------------
# The base sheet: everything the 30 localities share (written literally).
# --------------------------------------------------------------------------

BASE_TEXT = """\
# Bảng chỉ tiêu CƠ SỞ để soạn hàng loạt báo cáo của Ủy ban nhân dân các xã,
# phường tỉnh Nghệ An, năm 2025 (sau khi sắp xếp chính quyền hai cấp).
#
# Tệp này chỉ ghi phần CHUNG của mọi địa phương. Phần riêng của từng địa phương
# (địa bàn, cơ quan ban hành, nơi ban hành, họ tên người ký và số liệu) nằm ở
# bảng số liệu so-lieu.csv (hoặc so-lieu.xlsx), mỗi địa phương một dòng. Tên cột
# là đường dẫn khóa: ô có giá trị thay giá trị cùng khóa ở tệp này, ô trống
# không thay gì. Số liệu trong bảng là số liệu minh họa.
# Dòng bắt đầu bằng "#" là ghi chú, drafting bỏ qua.

phien_ban: 1                 # phiên bản mẫu bảng chỉ tiêu, giữ nguyên 1
nam: 2025                    # năm báo cáo
the_thuc: nha-nuoc           # báo cáo của cơ quan nhà nước (NĐ 30/2020)

# Không ghi dia_ban, co_quan_ban_hanh, noi_ban_hanh và nguoi_ky.ho_ten ở đây:
# mỗi địa phương một khác, lấy từ các cột cùng tên trong bảng số liệu.

so_van_ban:
  so:                        # để trống cho văn thư điền số
  ky_hieu: BC-UBND
ngay_ban_hanh: 2025-12-10    # NĂM-THÁNG-NGÀY (hoặc 10/12/2025)

kinh_gui:
  - Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An
  - Ủy ban nhân dân tỉnh Nghệ An

trich_yeu: Kết quả công tác dân vận chính quyền năm 2025
can_cu: >-
  Thực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 05/11/2025 của Ban Tuyên giáo và
  Dân vận Tỉnh ủy về tổng kết công tác dân vận năm 2025

# Đoạn văn chung cho mọi xã, phường: không ghi tên riêng của địa phương
# (viết "Ủy ban nhân dân", "thôn, tổ dân phố").
noi_dung:
  lanh_dao:
    - >-
      Ngay từ đầu năm, Ủy ban nhân dân ban hành kế hoạch thực hiện công tác dân
      vận chính quyền gắn với triển khai mô hình chính quyền địa phương hai cấp;
      kiện toàn Ban Chỉ đạo công tác dân vận chính quyền; phân công lãnh đạo phụ
      trách từng thôn, tổ dân phố, bám sát cơ sở, nắm bắt tâm tư, nguyện vọng
      của nhân dân.
  cai_cach_hanh_chinh:
    - >-
      Trung tâm Phục vụ hành chính công đi vào hoạt động từ ngày 01/7/2025, công
      khai đầy đủ thủ tục hành chính, hướng dẫn người dân nộp hồ sơ trực tuyến;
      đội ngũ cán bộ, công chức thực hiện phong cách “trọng dân, gần dân, hiểu
      dân, học dân và có trách nhiệm với dân”, không để xảy ra tình trạng nhũng
      nhiễu, gây phiền hà.
  tiep_dan:
    - >-
      Chủ tịch Ủy ban nhân dân duy trì tiếp công dân định kỳ hằng tháng theo quy
      định; các kiến nghị, phản ánh của người dân được xem xét, trả lời kịp
      thời, đúng pháp luật, không để phát sinh điểm nóng.
  dan_chu_co_so:
    - >-
      Luật Thực hiện dân chủ ở cơ sở được triển khai nghiêm túc; nhân dân được
      bàn và quyết định trực tiếp các công trình do nhân dân đóng góp; Ban
      Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng phát huy vai trò
      giám sát.
  dan_van_kheo:
    - >-
      Phong trào thi đua “Dân vận khéo” được gắn với xây dựng nông thôn mới, đô
      thị văn minh và cải cách hành chính; các mô hình được sơ kết, biểu dương,
      nhân rộng kịp thời.

# Chỉ tiêu: ở đây chỉ ghi phần chung của từng chỉ tiêu (đơn vị, cách gọi kế
# hoạch...). Số liệu (gia_tri, cung_ky, ke_hoach) lấy từ bảng số liệu: cột
# "thu_ngan_sach" là gia_tri, cột "thu_ngan_sach.cung_ky" là cung_ky...
chi_tieu:
  kinh_te:
    thu_ngan_sach:
      don_vi: tỷ đồng          # ten_ke_hoach ("dự toán ... xã/phường giao") ở bảng số liệu
    so_ho:
      vao_bang: false          # không đưa vào bảng số liệu
    ty_le_ho_ngheo: {}         # tự tính từ ho_ngheo và so_ho
  cai_cach_hanh_chinh:
    ty_le_ho_so_dung_han: {}   # tự tính từ ho_so_dung_han và ho_so_tiep_nhan

han_che:
  - >-
    Việc đối thoại giữa người đứng đầu với nhân dân ở một số thôn, tổ dân phố
    chưa thường xuyên; tỷ lệ hồ sơ nộp trực tuyến ở các địa bàn xa trung tâm
    còn thấp.
  - >-
    Một số mô hình “Dân vận khéo” chậm được sơ kết, nhân rộng.
nguyen_nhan:
  - >-
    Bộ máy mới sau sắp xếp còn trong giai đoạn kiện toàn; một bộ phận cán bộ,
    công chức chưa quen với nhiệm vụ mới; một bộ phận người dân chưa quen sử
    dụng dịch vụ công trực tuyến.

nhiem_vu:
  - >-
    tiếp tục quán triệt, triển khai các văn bản của Trung ương, của Tỉnh ủy về
    công tác dân vận, trọng tâm là công tác dân vận của chính quyền hai cấp.
  - >-
    nâng cao chất lượng hoạt động của Trung tâm Phục vụ hành chính công, đẩy
    mạnh giải quyết thủ tục hành chính trên môi trường điện tử.
  - >-
    duy trì tiếp công dân, đối thoại trực tiếp giữa người đứng đầu với nhân
    dân; giải quyết dứt điểm kiến nghị ngay từ thôn, tổ dân phố.
  - >-
    thực hiện tốt Luật Thực hiện dân chủ ở cơ sở; phát huy vai trò của Ban
    Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng.
  - >-
    nhân rộng các mô hình “Dân vận khéo” gắn với xây dựng nông thôn mới nâng
    cao, đô thị văn minh.

kien_nghi:
  - >-
    Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức tập huấn nghiệp vụ công
    tác dân vận chính quyền cho cán bộ, công chức cấp xã sau sắp xếp.

# Chữ ký: họ tên người ký (nguoi_ky.ho_ten) lấy từ bảng số liệu.
nguoi_ky:
  tham_quyen:
    - TM. Ủy ban nhân dân
    - KT. Chủ tịch
  chuc_vu: Phó Chủ tịch

# Nơi nhận: mỗi dòng một nơi; drafting thêm "- ", dấu ";" và dấu "." ở dòng cuối.
noi_nhan:
  - Như trên
  - Thường trực Đảng ủy
  - Thường trực Hội đồng nhân dân
  - Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp
  - "Lưu: VT, VP"
"""

# --------------------------------------------------------------------------
# The province's own sheet, without figures (a roll-up fills them in).
# --------------------------------------------------------------------------

TONG_HOP_TEXT = """\
# Bảng chỉ tiêu TỔNG HỢP của tỉnh Nghệ An, năm 2025: báo cáo của Ủy ban nhân
# dân tỉnh về kết quả công tác dân vận chính quyền của các xã, phường.
# Tệp này chưa có số liệu: lệnh tổng hợp (drafting rollup) cộng số liệu của
# 30 xã, phường (co-so.yaml và so-lieu.csv, hoặc thư mục dia-ban/) rồi điền vào
# chi_tieu; tỷ lệ được tính lại từ các số đã cộng.
# Dòng bắt đầu bằng "#" là ghi chú, drafting bỏ qua.

phien_ban: 1
nam: 2025
the_thuc: nha-nuoc

dia_ban:
  ten: Nghệ An
  cap: tỉnh

co_quan_ban_hanh:
  ten: Ủy ban nhân dân tỉnh Nghệ An
  dong:
    - Ủy ban nhân dân
    - tỉnh Nghệ An
so_van_ban:
  so:                        # để trống cho văn thư điền số
  ky_hieu: BC-UBND
noi_ban_hanh: Nghệ An
ngay_ban_hanh: 2025-12-20

kinh_gui:
  - Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An

trich_yeu: Kết quả công tác dân vận chính quyền năm 2025
can_cu: >-
  Thực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 05/11/2025 của Ban Tuyên giáo và
  Dân vận Tỉnh ủy về tổng kết công tác dân vận năm 2025; trên cơ sở báo cáo của
  Ủy ban nhân dân các xã, phường

noi_dung:
  lanh_dao:
    - >-
      Ủy ban nhân dân tỉnh chỉ đạo Ủy ban nhân dân các xã, phường xây dựng kế
      hoạch thực hiện công tác dân vận chính quyền năm 2025 gắn với vận hành mô
      hình chính quyền địa phương hai cấp từ ngày 01/7/2025; kiện toàn Ban Chỉ
      đạo công tác dân vận chính quyền các cấp.
  cai_cach_hanh_chinh:
    - >-
      Trung tâm Phục vụ hành chính công của các xã, phường đi vào hoạt động đồng
      bộ từ ngày 01/7/2025; thủ tục hành chính được công khai đầy đủ, việc tiếp
      nhận, giải quyết hồ sơ trực tuyến được đẩy mạnh.

# Chỉ tiêu: chỉ ghi phần chung, chưa có số liệu (lệnh tổng hợp điền vào).
chi_tieu:
  kinh_te:
    thu_ngan_sach:
      don_vi: tỷ đồng
      ten_ke_hoach: dự toán Hội đồng nhân dân tỉnh giao
    so_ho:
      vao_bang: false          # không đưa vào bảng số liệu
    ty_le_ho_ngheo: {}         # tự tính từ ho_ngheo và so_ho đã cộng
  cai_cach_hanh_chinh:
    ty_le_ho_so_dung_han: {}   # tự tính từ ho_so_dung_han và ho_so_tiep_nhan đã cộng

han_che:
  - >-
    Bộ máy chính quyền cấp xã sau sắp xếp còn trong giai đoạn kiện toàn; việc
    tiếp xúc, đối thoại của người đứng đầu với nhân dân ở một số xã, phường chưa
    thường xuyên.
  - >-
    Tỷ lệ hồ sơ nộp trực tuyến ở các xã miền núi, vùng sâu, vùng xa còn thấp.
nguyen_nhan:
  - >-
    Địa bàn rộng, hạ tầng số ở miền núi chưa đồng bộ; một bộ phận cán bộ, công
    chức cấp xã chưa quen với nhiệm vụ mới sau sắp xếp.

nhiem_vu:
  - >-
    tiếp tục quán triệt, thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ
    tướng Chính phủ về tăng cường và đổi mới công tác dân vận của cơ quan hành
    chính nhà nước, chính quyền các cấp trong tình hình mới.
  - >-
    chỉ đạo các xã, phường vận hành hiệu quả Trung tâm Phục vụ hành chính công;
    đẩy mạnh cải cách hành chính, chuyển đổi số, lấy sự hài lòng của người dân
    làm thước đo.
  - >-
    nâng cao chất lượng tiếp công dân, đối thoại của người đứng đầu với nhân
    dân; giải quyết kịp thời khiếu nại, tố cáo ngay từ cơ sở.
  - >-
    đẩy mạnh phong trào thi đua “Dân vận khéo”, xây dựng các điểm sáng dân vận
    chính quyền ở cấp xã.

kien_nghi:
  - >-
    Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy tiếp tục phối hợp, hướng dẫn công
    tác dân vận chính quyền cấp xã sau sắp xếp; tổ chức tập huấn nghiệp vụ cho
    cán bộ, công chức các xã, phường.

nguoi_ky:
  tham_quyen:
    - TM. Ủy ban nhân dân
    - KT. Chủ tịch
  chuc_vu: Phó Chủ tịch
  ho_ten: Trần Quốc Hưng

noi_nhan:
  - Như trên
  - Thường trực Tỉnh ủy
  - Thường trực Hội đồng nhân dân tỉnh
  - Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh
  - Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
  - Ủy ban nhân dân các xã, phường
  - "Lưu: VT, NC"
"""

# --------------------------------------------------------------------------
# The 30 localities, in table order: grouped roughly by former district, so
# the table is NOT alphabetical. (group, cap, ten, signer, terrain)
# terrain: "do_thi" (ward), "dong_bang" (lowland commune), "mien_nui" (upland).
# --------------------------------------------------------------------------

LOCALITIES = [
    # former Vinh city
    ("Vinh", "phường", "Trường Vinh", "Nguyễn Thị Thanh Hương", "do_thi"),
    ("Vinh", "phường", "Thành Vinh", "Hoàng Văn Dũng", "do_thi"),
    ("Vinh", "phường", "Vinh Hưng", "Phan Đình Tuấn", "do_thi"),
    ("Vinh", "phường", "Vinh Phú", "Trần Thị Hoài", "do_thi"),
    ("Vinh", "phường", "Vinh Lộc", "Lê Quang Huy", "do_thi"),
    # former Cửa Lò town, Nghi Lộc district
    ("Cửa Lò", "phường", "Cửa Lò", "Võ Văn Thắng", "do_thi"),
    ("Nghi Lộc", "xã", "Nghi Lộc", "Nguyễn Đình Khánh", "dong_bang"),
    # former Hưng Nguyên district
    ("Hưng Nguyên", "xã", "Hưng Nguyên", "Lê Văn Minh", "dong_bang"),
    ("Hưng Nguyên", "xã", "Yên Trung", "Đặng Thị Lan", "dong_bang"),
    ("Hưng Nguyên", "xã", "Lam Thành", "Nguyễn Hữu Phúc", "dong_bang"),
    # former Nam Đàn district
    ("Nam Đàn", "xã", "Nam Đàn", "Trần Văn Quyết", "dong_bang"),
    ("Nam Đàn", "xã", "Kim Liên", "Hồ Thị Mai", "dong_bang"),
    ("Nam Đàn", "xã", "Đại Huệ", "Nguyễn Cảnh Sơn", "dong_bang"),
    # former Diễn Châu district
    ("Diễn Châu", "xã", "Diễn Châu", "Cao Xuân Trường", "dong_bang"),
    ("Diễn Châu", "xã", "Đức Châu", "Ngô Trí Hiếu", "dong_bang"),
    ("Diễn Châu", "xã", "An Châu", "Bùi Thị Ngọc", "dong_bang"),
    ("Diễn Châu", "xã", "Hùng Châu", "Thái Doãn Lực", "dong_bang"),
    # former Quỳnh Lưu district
    ("Quỳnh Lưu", "xã", "Quỳnh Lưu", "Hồ Sỹ Nam", "dong_bang"),
    ("Quỳnh Lưu", "xã", "Quỳnh Anh", "Nguyễn Thị Hằng", "dong_bang"),
    # former Yên Thành district
    ("Yên Thành", "xã", "Yên Thành", "Phạm Văn Hải", "dong_bang"),
    ("Yên Thành", "xã", "Đông Thành", "Chu Đức Thịnh", "dong_bang"),
    # former Đô Lương district
    ("Đô Lương", "xã", "Đô Lương", "Đinh Văn Bảo", "dong_bang"),
    ("Đô Lương", "xã", "Bạch Ngọc", "Lê Thị Thu Trang", "dong_bang"),
    # former Thanh Chương district
    ("Thanh Chương", "xã", "Thanh Chương", "Nguyễn Đăng Khoa", "mien_nui"),
    # former Anh Sơn district
    ("Anh Sơn", "xã", "Anh Sơn", "Trương Công Định", "mien_nui"),
    ("Anh Sơn", "xã", "Vĩnh Tường", "Lương Văn Toàn", "mien_nui"),
    # former Quỳ Hợp, Quỳ Châu, Quế Phong districts (western uplands)
    ("Quỳ Hợp", "xã", "Quỳ Hợp", "Sầm Văn Hùng", "mien_nui"),
    ("Quỳ Châu", "xã", "Quỳ Châu", "Vi Văn Thành", "mien_nui"),
    ("Quỳ Châu", "xã", "Châu Tiến", "Lô Thị Hiền", "mien_nui"),
    ("Quế Phong", "xã", "Quế Phong", "Lang Văn Chung", "mien_nui"),
]

TEXT_COLUMNS = [
    "dia_ban.ten",
    "dia_ban.cap",
    "co_quan_ban_hanh.ten",
    "co_quan_ban_hanh.dong",
    "noi_ban_hanh",
    "nguoi_ky.ho_ten",
    "thu_ngan_sach.ten_ke_hoach",  # "... xã giao" or "... phường giao"
]
FIGURE_COLUMNS = [
    "van_ban_chi_dao",
    "van_ban_chi_dao.cung_ky",
    "hoi_nghi_quan_triet",
    "hoi_nghi_quan_triet.cung_ky",
    "thu_ngan_sach",
    "thu_ngan_sach.cung_ky",
    "thu_ngan_sach.ke_hoach",
    "so_ho",
    "so_ho.cung_ky",
    "ho_ngheo",
    "ho_ngheo.cung_ky",
    "ho_so_tiep_nhan",
    "ho_so_tiep_nhan.cung_ky",
    "ho_so_dung_han",
    "ho_so_dung_han.cung_ky",
    "tiep_dinh_ky",
    "don_tiep_nhan",
    "don_tiep_nhan.cung_ky",
    "don_da_xu_ly",
    "mo_hinh_dan_van_kheo",
    "mo_hinh_dan_van_kheo.cung_ky",
]
COLUMNS = TEXT_COLUMNS + FIGURE_COLUMNS

# Key order of a sheet, as in examples/xa-hung-nguyen-2025.yaml.
TOP_ORDER = [
    "phien_ban", "nam", "the_thuc", "dia_ban", "co_quan_chu_quan", "co_quan_ban_hanh",
    "so_van_ban", "noi_ban_hanh", "ngay_ban_hanh", "kinh_gui", "trich_yeu", "can_cu",
    "noi_dung", "chi_tieu", "han_che", "nguyen_nhan", "nhiem_vu_mo_dau", "nhiem_vu",
    "kien_nghi", "nguoi_ky", "noi_nhan", "tac_gia", "tuy_chon",
]
NESTED_ORDER = {
    "dia_ban": ["ten", "cap"],
    "co_quan_ban_hanh": ["ten", "dong"],
    "so_van_ban": ["so", "ky_hieu"],
    "nguoi_ky": ["tham_quyen", "chuc_vu", "ho_ten"],
}
ENTRY_ORDER = [
    "ten", "gia_tri", "don_vi", "cung_ky", "ke_hoach", "thay_doi", "dat_ke_hoach",
    "ten_ke_hoach", "loai", "cau", "chu_so", "vao_bang",
]
# A blank line before these top-level keys, for reading.
BLANK_BEFORE = {
    "dia_ban", "co_quan_ban_hanh", "kinh_gui", "trich_yeu", "noi_dung", "chi_tieu",
    "han_che", "nhiem_vu", "kien_nghi", "nguoi_ky", "noi_nhan",
}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def slug(text: str) -> str:
    """ "xã Hưng Nguyên" -> "xa-hung-nguyen" (ASCII, lower case, "-" for spaces)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\s+", "-", text.strip())
    text = re.sub(r"[^a-z0-9-]", "", text)
    if not text.isascii():
        raise ValueError(f"slug not ASCII: {text!r}")
    return text


def load_catalogue() -> tuple[list[str], dict[str, str], list[str]]:
    """Catalogue codes in order, code -> section, and the section order."""
    data = YAML(typ="safe", pure=True).load(CATALOGUE.read_text(encoding="utf-8"))
    codes = [item["ma"] for item in data["chi_tieu"]]
    sections = {item["ma"]: item["muc"] for item in data["chi_tieu"]}
    return codes, sections, list(data["muc"])


def number_text(value: int | float) -> str:
    """4036 -> "4036", 38.6 -> "38.6" (dot decimal, no grouping)."""
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or text.endswith(".0"):
            raise ValueError(f"unexpected float {value!r}")
        return text
    return str(value)


def parse_cell(column: str, text: str, catalogue_sections: dict[str, str]) -> Any:
    """A table cell as the sheet value it stands for (None: sets nothing)."""
    text = text.strip()
    if text == "":
        return None
    if "\n" in text:
        return [line.strip() for line in text.split("\n") if line.strip()]
    if column.split(".")[0] in catalogue_sections and column not in TEXT_COLUMNS:
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"-?\d+\.\d+", text):
            return float(text)
        raise ValueError(f"{column}: not a number: {text!r}")
    return text


def key_path(column: str, catalogue_sections: dict[str, str]) -> list[str]:
    """The sheet key path a column names."""
    parts = column.split(".")
    if parts[0] in catalogue_sections:
        code = parts[0]
        rest = parts[1:] or ["gia_tri"]
        return ["chi_tieu", catalogue_sections[code], code, *rest]
    return parts


def merge_row(base: dict, row: dict[str, str], catalogue_sections: dict[str, str]) -> dict:
    """The base with the row's values set at their key paths."""
    out = copy.deepcopy(base)
    for column, text in row.items():
        value = parse_cell(column, text, catalogue_sections)
        if value is None:
            continue
        path = key_path(column, catalogue_sections)
        node = out
        for key in path[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = CommentedMap() if isinstance(node, CommentedMap) else {}
            node = node[key]
        node[path[-1]] = value
    return out


def ordered(data: Any, codes: list[str], section_order: list[str], where: tuple = ()) -> Any:
    """A fresh CommentedMap/Seq copy of ``data`` in the sheet's canonical key order."""
    if isinstance(data, dict):
        if where == ():
            preferred = TOP_ORDER
        elif where == ("chi_tieu",):
            preferred = section_order
        elif len(where) == 2 and where[0] == "chi_tieu":
            preferred = codes
        elif len(where) == 3 and where[0] == "chi_tieu":
            preferred = ENTRY_ORDER
        elif where == ("noi_dung",):
            preferred = section_order
        else:
            preferred = NESTED_ORDER.get(where[-1] if len(where) == 1 else "", [])
        rank = {key: i for i, key in enumerate(preferred)}
        keys = sorted(data, key=lambda k: (rank.get(k, len(rank)), list(data).index(k)))
        out = CommentedMap()
        for key in keys:
            out[key] = ordered(data[key], codes, section_order, where + (key,))
        return out
    if isinstance(data, list):
        return CommentedSeq(ordered(item, codes, section_order, where) for item in data)
    return data


def plain(data: Any) -> Any:
    """ruamel round-trip types as plain Python values, for comparing."""
    if isinstance(data, dict):
        return {str(k): plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        return int(data)
    if isinstance(data, float):
        return float(data)
    if isinstance(data, str):
        return str(data)
    if isinstance(data, (date, datetime)):
        return data
    raise TypeError(f"unexpected value {data!r}")


def dump_sheet(data: CommentedMap) -> str:
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 88
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    lines = []
    for line in buffer.getvalue().splitlines():
        key = line.split(":", 1)[0]
        if not line.startswith((" ", "-")) and key in BLANK_BEFORE and lines:
            lines.append("")
        lines.append(line)
    return GENERATED_NOTE + "\n\n" + "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------


def one_decimal(value: float) -> int | float:
    """Round to one decimal; a whole number is written as an integer."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def figures(rng: random.Random, terrain: str, poor_rose: bool) -> dict[str, int | float]:
    """Plausible figures of one commune or ward."""
    f: dict[str, int | float] = {}
    f["van_ban_chi_dao"] = rng.randint(7, 18)
    f["van_ban_chi_dao.cung_ky"] = max(4, f["van_ban_chi_dao"] - rng.randint(-2, 5))
    f["hoi_nghi_quan_triet"] = rng.randint(2, 6)
    f["hoi_nghi_quan_triet.cung_ky"] = max(2, f["hoi_nghi_quan_triet"] - rng.randint(-1, 2))

    budget = {"do_thi": (60, 240), "dong_bang": (15, 70), "mien_nui": (8, 28)}[terrain]
    revenue = rng.uniform(*budget)
    f["thu_ngan_sach"] = one_decimal(revenue)
    f["thu_ngan_sach.cung_ky"] = one_decimal(revenue / rng.uniform(0.92, 1.30))
    f["thu_ngan_sach.ke_hoach"] = one_decimal(revenue / rng.uniform(0.95, 1.25))

    households = {"do_thi": (8000, 15000), "dong_bang": (5000, 12000), "mien_nui": (3000, 7000)}[terrain]
    f["so_ho"] = rng.randint(*households)
    f["so_ho.cung_ky"] = f["so_ho"] - rng.randint(20, 240)
    poor_share = {"do_thi": (1.0, 1.6), "dong_bang": (1.3, 3.0), "mien_nui": (2.8, 4.0)}[terrain]
    f["ho_ngheo"] = round(f["so_ho"] * rng.uniform(*poor_share) / 100)
    if poor_rose:  # a few localities have more poor households than last year
        f["ho_ngheo.cung_ky"] = f["ho_ngheo"] - rng.randint(2, 9)
    else:
        f["ho_ngheo.cung_ky"] = round(f["ho_ngheo"] * rng.uniform(1.08, 1.35))

    dossiers = {"do_thi": (6000, 9000), "dong_bang": (2500, 7000), "mien_nui": (1500, 3500)}[terrain]
    f["ho_so_tiep_nhan"] = rng.randint(*dossiers)
    f["ho_so_tiep_nhan.cung_ky"] = round(f["ho_so_tiep_nhan"] / rng.uniform(1.05, 1.45))
    f["ho_so_dung_han"] = f["ho_so_tiep_nhan"] - rng.choice(
        [0, 0, rng.randint(1, 15), rng.randint(5, max(6, f["ho_so_tiep_nhan"] // 60))]
    )
    f["ho_so_dung_han.cung_ky"] = f["ho_so_tiep_nhan.cung_ky"] - rng.randint(
        0, max(1, f["ho_so_tiep_nhan.cung_ky"] // 40)
    )

    f["tiep_dinh_ky"] = rng.randint(12, 60)
    petitions = {"do_thi": (40, 120), "dong_bang": (20, 90), "mien_nui": (10, 45)}[terrain]
    f["don_tiep_nhan"] = rng.randint(*petitions)
    f["don_tiep_nhan.cung_ky"] = max(5, round(f["don_tiep_nhan"] * rng.uniform(0.8, 1.4)))
    f["don_da_xu_ly"] = f["don_tiep_nhan"] - rng.choice([0, 0, 0, 1, 2, 3])

    f["mo_hinh_dan_van_kheo"] = rng.randint(3, 14)
    f["mo_hinh_dan_van_kheo.cung_ky"] = max(1, f["mo_hinh_dan_van_kheo"] - rng.randint(0, 3))
    assert list(f) == FIGURE_COLUMNS
    return f


def build_rows() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    # Which localities' poor households rose, drawn once from the seed.
    poor_rose = set(rng.sample(range(len(LOCALITIES)), 3))
    rows = []
    for i, (_group, cap, ten, signer, terrain) in enumerate(LOCALITIES):
        issuer = f"Ủy ban nhân dân {cap} {ten}"
        row: dict[str, Any] = {
            "dia_ban.ten": ten,
            "dia_ban.cap": cap,
            "co_quan_ban_hanh.ten": issuer,
            "co_quan_ban_hanh.dong": f"Ủy ban nhân dân\n{cap} {ten}",
            "noi_ban_hanh": ten,
            "nguoi_ky.ho_ten": signer,
            "thu_ngan_sach.ten_ke_hoach": f"dự toán Hội đồng nhân dân {cap} giao",
        }
        row.update(figures(rng, terrain, i in poor_rose))
        rows.append(row)
    keys = [(r["dia_ban.cap"], r["dia_ban.ten"]) for r in rows]
    assert len(set(keys)) == len(keys) == 30, "two localities with the same cap+ten"
    return rows


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------


def csv_text(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [value if isinstance(value, str) else number_text(value) for value in (row[c] for c in COLUMNS)]
        )
    return buffer.getvalue()


def write_csv(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\ufeff" + text).encode("utf-8"))  # UTF-8 with BOM, for Excel


def write_xlsx(path: Path, rows: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append(COLUMNS)
    for row in rows:
        ws.append([row[c] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    column = COLUMNS.index("co_quan_ban_hanh.dong") + 1
    for r in range(2, len(rows) + 2):
        ws.cell(row=r, column=column).alignment = wrap
    for i, name in enumerate(COLUMNS, start=1):
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = max(10, min(32, len(name) + 2))
    ws.column_dimensions["C"].width = 36
    ws.column_dimensions["D"].width = 22
    ws.freeze_panes = "C2"

    wb.properties.creator = "tools/make_bulk_example.py"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    # openpyxl's save_workbook() stamps "modified" with the clock and zipfile
    # stamps every entry: write through ExcelWriter, then re-pack with fixed
    # entry times so that every run gives the same bytes.
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o100644 << 16
            dst.writestr(entry, src.read(info.filename))
    path.write_bytes(fixed.getvalue())


# --------------------------------------------------------------------------
# Checks of the written files against each other
# --------------------------------------------------------------------------


def check_outputs(rows: list[dict[str, Any]], catalogue_sections: dict[str, str]) -> None:
    safe = YAML(typ="safe", pure=True)
    base = safe.load((OUT / "co-so.yaml").read_text(encoding="utf-8"))
    for key in ("dia_ban", "co_quan_ban_hanh", "noi_ban_hanh"):
        assert key not in base, key
    assert "ho_ten" not in base["nguoi_ky"]

    # The CSV as a reader sees it.
    with open(OUT / "so-lieu.csv", encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 30 and list(table[0]) == COLUMNS

    # The workbook holds the same values, numbers as numbers.
    from openpyxl import load_workbook

    wb = load_workbook(OUT / "so-lieu.xlsx")
    ws = wb[SHEET_NAME]
    sheet_rows = list(ws.iter_rows(values_only=True))
    assert list(sheet_rows[0]) == COLUMNS
    for values, row in zip(sheet_rows[1:], rows, strict=True):
        for column, value in zip(COLUMNS, values, strict=True):
            assert value == row[column] and type(value) is type(row[column]), (column, value)

    # Each folder sheet equals the base merged with its CSV row.
    for csv_row in table:
        name = slug(f"{csv_row['dia_ban.cap']} {csv_row['dia_ban.ten']}")
        expected = merge_row(base, csv_row, catalogue_sections)
        actual = safe.load((OUT / "dia-ban" / f"{name}.yaml").read_text(encoding="utf-8"))
        assert plain(actual) == plain(expected), name

    # The broken table differs from the good one in exactly the two cells.
    with open(BROKEN_CSV, encoding="utf-8-sig", newline="") as fh:
        broken = list(csv.DictReader(fh))
    for i, (good, bad) in enumerate(zip(table, broken, strict=True), start=1):
        diff = {c for c in COLUMNS if good[c] != bad[c]}
        assert diff == (set(BROKEN_CELLS) if i == BROKEN_ROW else set()), (i, diff)


def main() -> int:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("openpyxl is needed to write so-lieu.xlsx: python -m pip install openpyxl", file=sys.stderr)
        return 1
    codes, catalogue_sections, section_order = load_catalogue()
    for column in FIGURE_COLUMNS:
        code = column.split(".")[0]
        assert code in catalogue_sections, f"{code} is not in the catalogue"

    rows = build_rows()
    OUT.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write_text(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)

    write_text(OUT / "co-so.yaml", BASE_TEXT)
    write_text(OUT / "tong-hop.yaml", TONG_HOP_TEXT)

    table = csv_text(rows)
    write_csv(OUT / "so-lieu.csv", table)
    written.append(OUT / "so-lieu.csv")
    write_xlsx(OUT / "so-lieu.xlsx", rows)
    written.append(OUT / "so-lieu.xlsx")

    # The error fixture: the same table with one row broken in two cells.
    broken_rows = [dict(row) for row in rows]
    broken_rows[BROKEN_ROW - 1].update(BROKEN_CELLS)
    write_csv(BROKEN_CSV, csv_text(broken_rows))
    written.append(BROKEN_CSV)

    # The folder form, merged from the base text and the CSV text just written.
    reader = YAML(typ="rt", pure=True)
    reader.preserve_quotes = True  # keep "Lưu: VT, VP" in double quotes, as in the base
    base = reader.load(BASE_TEXT)
    folder = OUT / "dia-ban"
    folder.mkdir(parents=True, exist_ok=True)
    expected_names = set()
    for csv_row in csv.DictReader(io.StringIO(table)):
        merged = merge_row(base, csv_row, catalogue_sections)
        name = slug(f"{csv_row['dia_ban.cap']} {csv_row['dia_ban.ten']}") + ".yaml"
        assert name not in expected_names, f"two localities share the file name {name}"
        expected_names.add(name)
        write_text(folder / name, dump_sheet(ordered(merged, codes, section_order)))
    stale = sorted(p.name for p in folder.glob("*.yaml") if p.name not in expected_names)
    for name in stale:  # a locality renamed in LOCALITIES leaves no old file behind
        (folder / name).unlink()

    check_outputs(rows, catalogue_sections)
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
