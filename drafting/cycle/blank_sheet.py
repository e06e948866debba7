"""The blank, commented sheet that 'drafting new' writes for a profile and a level.

One text for every profile: lines tagged "@nd" (reports), "@n" (state), "@d" (Party),
"@b" (bulletin) or "@h" (conference news) are kept only for those profiles.
"""

from __future__ import annotations

import re
from string import Template

from ..sheet.vocabulary import SECTION_TITLES

COLUMN = 29  # of an end-of-line comment, as in the examples


_BLANK = """\
# Bảng chỉ tiêu năm $nam ($what), do 'drafting new' tạo. Điền các chỗ còn trống sau
# dấu ":" rồi chạy 'drafting check' để xem còn thiếu gì. Dòng bắt đầu bằng "#" là ghi chú.
# Mỗi cấp lùi vào hai dấu cách; danh sách: mỗi mục một dòng bắt đầu bằng "- ".

phien_ban: 1 # phiên bản mẫu bảng chỉ tiêu, giữ nguyên 1
nam: $nam # năm báo cáo
# Báo cáo 6 tháng đầu năm, 9 tháng, quý hay nhiều năm: bỏ dấu "#" ở dòng dưới, sửa loai thành
# 6_thang, 9_thang, quy (thêm quy: 1 đến 4) hoặc nhieu_nam (thêm tu_nam: năm đầu kỳ; nam là
# năm cuối kỳ), và để trống trich_yeu cho drafting đặt theo kỳ.
# ky_bao_cao: {loai: 6_thang}
the_thuc: $profile # nha-nuoc (NĐ 30/2020), dang (HD 36), ban-tin hoặc hoi-nghi

dia_ban:
  ten: # tên địa bàn, không ghi cấp (ví dụ Hưng Nguyên)
  cap: $cap # tỉnh, thành phố, xã, phường, đặc khu (và huyện, quận... trước 2025)
@nd
@nd # Phần đầu văn bản (góc trái). co_quan_chu_quan bỏ trống nếu không có.
@nd co_quan_chu_quan: # cơ quan cấp trên$parent
@nd co_quan_ban_hanh:
@nd   ten: # tên đầy đủ, dùng trong câu văn (ví dụ $issuer ...)
@nd   dong: # các dòng in ở góc trái, mỗi dòng một "- " (bỏ trống: in tên ở trên)
@nd so_van_ban:
@nd   so: # để trống cho văn thư điền số
@nd   ky_hieu: $code # loại văn bản và chữ viết tắt tên cơ quan ban hành
@nd noi_ban_hanh: # địa danh trước ngày tháng (bỏ trống: tên địa bàn)
@nd ngay_ban_hanh: # NĂM-THÁNG-NGÀY (hoặc 10/12/$nam); bỏ trống để điền tay
@n
@n kinh_gui: # nơi gửi, mỗi nơi một dòng "- "

@nd trich_yeu: Kết quả công tác dân vận chính quyền năm $nam
@nd can_cu: # bắt buộc: câu căn cứ, ví dụ Thực hiện Hướng dẫn số ... ngày ... của ...
@b trich_yeu: # tên bài (bỏ trống: Kết quả công tác dân vận chính quyền năm $nam ở $cap ...)
@b can_cu: # đoạn mở đầu (nếu có)
@h trich_yeu: # tên bài (bỏ trống: tên hội nghị)
@h
@h # Hội nghị: drafting viết câu mở đầu (Chiều 7-12, tại ...) và câu người chủ trì, người dự.
@h hoi_nghi:
@h   ngay: # NĂM-THÁNG-NGÀY (hoặc 7/12/$nam)
@h   buoi: # sáng, trưa, chiều hoặc tối (bỏ trống: Ngày 7-12)
@h   dia_diem: # nơi họp, ví dụ hội trường Nhà Văn hóa
@h   to_chuc: # đơn vị tổ chức, ví dụ Thành ủy
@h   ten: # tên hội nghị: Hội nghị tổng kết công tác dân vận năm $nam ...
@h   chu_tri: # người chủ trì, mỗi người một "- ho_ten:" và "chuc_vu:"
@h     - ho_ten:
@h       chuc_vu:
@h   vai_tro: chủ trì hội nghị # hoặc: dự và chỉ đạo hội nghị
@h   dai_bieu: # người dự, mỗi nhóm một "- ", chữ đầu viết thường
@h   thao_luan: # đoạn thảo luận (Tại hội nghị, các đại biểu đã thảo luận ...)
@h   su_kien: # ký kết giao ước thi đua, khen thưởng ... (nếu có)
@h   ket_luan: # đoạn kết luận của đồng chí chủ trì
@h   anh: # chú thích ảnh (in nghiêng) đứng trước phần: ket_qua, thao_luan, su_kien, ket_luan
@h     ket_qua: Quang cảnh Hội nghị.

# Đoạn văn tự viết cho từng mục của phần I (giữ nguyên văn), mỗi đoạn một "- ".
# Mục không có chữ và không có chỉ tiêu thì không in. Đổi tên, đổi thứ tự, bỏ bớt hay thêm
# mục riêng: liệt kê các mục ở khóa muc (xem README, “Mục của phần I”).
noi_dung:
$sections

# Chỉ tiêu theo mục. Mã chỉ tiêu lấy trong danh mục (docs/danh-muc-chi-tieu.md); chỉ
# tiêu riêng: đặt mã mới, ghi thêm ten và don_vi. Chỉ tiêu không có số thì xóa đi.
#   gia_tri   số năm nay (ghi số kiểu 4036 hoặc 6044.8; để trống: chưa đưa vào bản dự thảo)
#   cung_ky   số cùng kỳ năm trước (nếu có)  -> "tăng 8,56% so với cùng kỳ"
#   ke_hoach  số kế hoạch (nếu có)           -> "đạt 100,51% kế hoạch"
#   thay_doi  khi không có số năm trước: "tăng 8,56%" / "giảm 54%"
# Tỷ lệ (đơn vị %) so sánh theo điểm phần trăm; tỷ lệ có tử số và mẫu số
# trong danh mục được tự tính nếu bỏ trống gia_tri.
chi_tieu:
  lanh_dao:
    van_ban_chi_dao:
      gia_tri:
      cung_ky:
  kinh_te:
    so_ho:
      gia_tri:
      vao_bang: false # không đưa vào bảng số liệu
    ho_ngheo:
      gia_tri:
      cung_ky:
    ty_le_ho_ngheo: {} # tự tính từ ho_ngheo và so_ho
  tiep_dan:
    don_tiep_nhan:
      gia_tri:
      cung_ky:
  dan_van_kheo:
    mo_hinh_dan_van_kheo:
      gia_tri:
      cung_ky:

han_che: # hạn chế, khó khăn (nếu có), mỗi ý một "- "
nguyen_nhan: # nguyên nhân của hạn chế (nếu có)

@ndb nhiem_vu_mo_dau: # câu dẫn trước các nhiệm vụ (nếu cần)
@ndb nhiem_vu: # bắt buộc: nhiệm vụ năm tới, mỗi nhiệm vụ một "- ", chữ đầu viết thường
@h nhiem_vu_mo_dau: # câu dẫn trước các đề nghị (bỏ trống: Để nâng cao hiệu quả ..., đồng chí ... đề nghị)
@h nhiem_vu: # các đề nghị của đồng chí chủ trì khi kết luận, mỗi đề nghị một "- "
@nd kien_nghi: # kiến nghị, đề xuất (nếu có)
@nd
@nd # Chữ ký: dòng thẩm quyền ($prefixes), chức vụ, họ tên.
@nd # Cấp phó ký thay: dòng thẩm quyền "- $deputy" và chuc_vu: Phó $head.
@nd nguoi_ky:
@nd   tham_quyen:
@nd     - $authority
@nd   chuc_vu: $head
@nd   ho_ten:
@nd
@nd # Nơi nhận: mỗi nơi một dòng "- "; drafting thêm dấu ";" và dấu "." ở dòng cuối.
@nd # Ví dụ: $recipients
@nd noi_nhan:
@bh
@bh # Tác giả bài viết (bản tin ghi tác giả thay cho người ký).
@bh tac_gia:
@bh   ho_ten:
@b   chuc_danh: # ví dụ Phó trưởng ban Ban Dân vận Tỉnh ủy (có thể bỏ)
@b   # nguon: baoquangninh.vn   (bài lấy từ nơi khác: in “(baoquangninh.vn)”, thay cho hoặc sau tên)
"""

_PROFILE_TEXT = {
    "nha-nuoc": {"what": "báo cáo, thể thức nhà nước", "parent": " (nếu có)", "issuer": "Ủy ban nhân dân $cap",
                 "code": "BC-UBND", "prefixes": "TM., KT., TL., TUQ., Q.", "authority": "TM. Ủy ban nhân dân",
                 "deputy": "KT. Chủ tịch", "head": "Chủ tịch",
                 "recipients": '- Như trên (khi có kinh_gui)  - "Lưu: VT, VP"'},
    "dang": {"what": "báo cáo, thể thức Đảng", "parent": ", ví dụ Đảng bộ $cap ...",
             "issuer": "Ban Thường vụ $committee",
             "code": "BC/$short", "prefixes": "T/M, K/T, T/L", "authority": "T/M Ban Thường vụ", "deputy": "K/T Bí thư",
             "head": "Bí thư", "recipients": "- Ban Thường vụ ... (để báo cáo)  - Lưu Văn phòng"},
    "ban-tin": {"what": "bản tin"},
    "hoi-nghi": {"what": "tin hội nghị"},
}
# The Party committee of a level and its letters in a document's code (BC/TU, BC/ĐU...).
_COMMITTEES = {"tỉnh": ("Tỉnh ủy", "TU"), "thành phố": ("Thành ủy", "TU"), "thị xã": ("Thị ủy", "TU"),
               "huyện": ("Huyện ủy", "HU"), "quận": ("Quận ủy", "QU")}


def blank_sheet_text(profile: str, level: str, year: int) -> str:
    """The sheet's text for ``profile`` ("nha-nuoc", "dang", "ban-tin") at ``level`` ("xã"...)."""
    tag = {"nha-nuoc": "n", "dang": "d", "ban-tin": "b", "hoi-nghi": "h"}[profile]
    lines = [line.partition(" ")[2] if line.startswith("@") else line for line in _BLANK.splitlines()
             if not line.startswith("@") or tag in line.split(" ")[0]]
    committee, short = _COMMITTEES.get(level, (f"Đảng ủy {level}", "ĐU"))
    template = Template(Template("\n".join(lines) + "\n").safe_substitute(_PROFILE_TEXT[profile]))
    sections = "\n".join(f"  {code}: # {name}" for code, name in SECTION_TITLES.items())
    text = template.substitute(nam=year, profile=profile, cap=level, committee=committee, short=short,
                               sections=sections)
    # End-of-line comments lined up at COLUMN, as in the examples.
    return re.sub(r"^( *[a-z_]+:[^#\n]*?) ?(#.*)$", lambda m: f"{m[1]:<{COLUMN - 1}} {m[2]}", text, flags=re.M)
