"""The template context, documented: every variable a template can use, its type and meaning.

``docs/bien-cua-mau.md`` is generated from this (``python3 tools/write_template_reference.py``)
with examples taken from a real context, and a test checks that the names here are exactly
the keys ``build_context`` gives, so the reference cannot drift from the code.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..lang.filters import FILTERS
from ..lang.phrase import Phrase

__all__ = ["CONTEXT", "FILTER_HELP", "ContextVariable", "reference_markdown"]


class ContextVariable(NamedTuple):
    name: str
    kind: str  # the type, in the words of a template author
    meaning: str  # in Vietnamese, for clerks editing a template


CONTEXT: tuple[ContextVariable, ...] = (
    ContextVariable("nam", "số", "Năm báo cáo (báo cáo nhiều năm: năm cuối kỳ)."),
    ContextVariable("ky", "chữ", "Kỳ báo cáo: “năm 2025”, “6 tháng đầu năm 2026”, “quý I năm 2026”, "
                    "“giai đoạn 2015 - 2020”."),
    ContextVariable("ky_toi", "chữ", "Kỳ của các nhiệm vụ: “năm 2026”, “6 tháng cuối năm 2026”, “quý II năm "
                    "2026”; báo cáo nhiều năm: “thời gian tới”. Tiêu đề: `{{ ky_toi|chu_hoa }}`."),
    ContextVariable("the_thuc", "chữ", "Thể thức: `nha-nuoc`, `dang`, `ban-tin` hoặc `hoi-nghi`."),
    ContextVariable("dia_ban", "chữ", "Cấp và tên địa bàn."),
    ContextVariable("co_quan_chu_quan", "danh sách chữ", "Các dòng tên cơ quan chủ quản (góc trái, trên)."),
    ContextVariable("co_quan_ban_hanh", "danh sách chữ", "Các dòng tên cơ quan ban hành (góc trái)."),
    ContextVariable("co_quan_ten", "chữ", "Tên đầy đủ của cơ quan ban hành, dùng trong câu văn."),
    ContextVariable("so_van_ban", "số và ký hiệu", "Dùng với bộ lọc: `{{ so_van_ban|so_hieu('nha-nuoc') }}`."),
    ContextVariable("noi_ban_hanh", "chữ", "Địa danh trước ngày tháng."),
    ContextVariable("ngay_ban_hanh", "ngày", "Ngày ban hành (có thể trống): `{{ ngay_ban_hanh|ngay(nam) }}`."),
    ContextVariable("kinh_gui", "danh sách chữ", "Nơi kính gửi."),
    ContextVariable("trich_yeu", "chữ", "Trích yếu (tên báo cáo)."),
    ContextVariable("bao_cao_ve", "chữ", "Trích yếu dùng trong câu văn: viết thường chữ đầu, “;” thành “và” "
                    "(“Trên đây là báo cáo {{ bao_cao_ve }} …”)."),
    ContextVariable("mo_dau", "chữ", "Câu mở đầu từ căn cứ."),
    ContextVariable("ket_qua", "danh sách mục",
                    "Các mục của phần kết quả; mỗi mục có `ma`, `tieu_de` và `doan` (các đoạn văn, "
                    "dùng với `{{r doan|doan_van }}` để số tự tính được đánh dấu)."),
    ContextVariable("bang", "danh sách dòng",
                    "Bảng số liệu; mỗi dòng có `stt`, `ten`, `don_vi`, `cung_ky`, `gia_tri`, `so_sanh`."),
    ContextVariable("bang_cot", "tiêu đề cột", "Tiêu đề các cột số của bảng số liệu theo kỳ báo cáo: "
                    "`cung_ky` (“Năm 2024”, “6 tháng đầu năm 2025”), `gia_tri`, `so_sanh` (“So với cùng kỳ”)."),
    ContextVariable("phan", "bảng số thứ tự", "Số La Mã của các phần: `ket_qua`, `han_che`, `nhiem_vu`, "
                    "`kien_nghi` (trống khi phần đó không có)."),
    ContextVariable("han_che", "danh sách chữ", "Các đoạn về hạn chế."),
    ContextVariable("nguyen_nhan", "danh sách chữ", "Các đoạn về nguyên nhân."),
    ContextVariable("nhiem_vu_mo_dau", "chữ", "Câu dẫn trước các nhiệm vụ (có thể trống; bảng ghi "
                    "`nhiem_vu_mo_dau: false` để không có)."),
    ContextVariable("nhiem_vu", "danh sách chữ",
                    "Các nhiệm vụ, viết thường chữ đầu: `{{ loop.index|thu_tu(kieu_thu_tu) }}, …`."),
    ContextVariable("kieu_thu_tu", "chữ", "Kiểu đánh số nhiệm vụ: `mot_la` (Một là) hoặc `thu_nhat` (Thứ nhất)."),
    ContextVariable("kien_nghi", "danh sách chữ", "Các đoạn kiến nghị, đề xuất."),
    ContextVariable("nguoi_ky", "người ký hoặc trống", "Có `tham_quyen` (danh sách dòng), `chuc_vu`, `ho_ten`."),
    ContextVariable("noi_nhan", "danh sách chữ", "Nơi nhận, không có dấu gạch đầu dòng và dấu câu cuối."),
    ContextVariable("tac_gia", "tác giả hoặc trống", "Bản tin: `ho_ten`, `chuc_danh`, `nguon` (mỗi khóa có thể "
                    "trống; `nguon` in trong ngoặc: “(baoquangninh.vn)”). Bản tin không có nhiệm vụ: đoạn cuối "
                    "của `ket_qua` (hoặc `han_che`, `nguyen_nhan`) đã kết thúc bằng “./.”."),
    ContextVariable("hoi_nghi", "tin hội nghị hoặc trống",
                    "Tin hội nghị (thể thức `hoi-nghi`): `mo_dau` (“Chiều 7-12, tại …, Thành ủy tổ chức Hội nghị "
                    "…”), `dai_bieu` (câu người chủ trì và người dự), `thao_luan`, `su_kien`, `ket_luan` (các đoạn "
                    "văn), `de_nghi` (câu dẫn và các đề nghị viết liền một đoạn), `danh_so_de_nghi` (có hay không: "
                    "đánh số các đề nghị `nhiem_vu` thay vì viết liền), `anh` (chú thích ảnh theo phần đứng sau: "
                    "`ket_qua`, `thao_luan`, `su_kien`, `ket_luan`, mỗi phần một danh sách)."),
    ContextVariable("so_sanh", "bảng hoặc trống",
                    "Báo cáo tổng hợp: bảng so sánh các địa bàn (`tieu_de`, `cot`, `dong`, `tong`); mỗi cột có "
                    "`ten`, `don_vi` và `rong` (phần bề rộng, tổng các cột là 60: `{% colspan c.rong %}`)."),
    ContextVariable("bang_co_cot", "có hay không", "Bảng số liệu có cột số cùng kỳ (`cung_ky`) và cột so sánh "
                    "(`so_sanh`) không: cột mà dòng nào cũng trống thì không in (`{%tc if bang_co_cot.cung_ky %}`)."),
)

FILTER_HELP = {
    "so": "số kiểu Việt Nam: 4036 → 4.036; 6044.8 → 6.044,8",
    "phan_tram": "tỷ lệ: 8.56 → 8,56%",
    "ngay": "ngày tháng năm theo thể thức (trống thì để chỗ điền tay)",
    "thu_tu": "1 → Một là (hoặc Thứ nhất với 'thu_nhat')",
    "la_ma": "số La Mã: 4 → IV",
    "chu_hoa": "viết hoa cả câu",
    "chu_thuong_dau": "viết thường chữ đầu",
    "chu_hoa_dau": "viết hoa chữ đầu",
    "ket_cau": "thêm dấu chấm cuối câu nếu chưa có",
    "bang_chu": "số bằng chữ: 21 → hai mươi mốt",
    "doan_van": "đoạn văn có số tự tính (dùng với thẻ {{r … }})",
    "so_hieu": "số, ký hiệu văn bản theo thể thức",
}


def _example(value: Any) -> str:
    if isinstance(value, Phrase):
        value = str(value)
    if isinstance(value, list):
        value = value[:1] + (["…"] if len(value) > 1 else [])
        return "[" + ", ".join(_example(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_example(v)}" for k, v in list(value.items())[:3]) + "}"
    text = "trống" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def reference_markdown(example_contexts: dict[str, dict[str, Any]]) -> str:
    """The reference as Markdown; ``example_contexts`` maps a sheet's name to its built context."""
    lines = ["# Biến và bộ lọc dùng trong mẫu Word", "",
             "Tệp này do `tools/write_template_reference.py` sinh ra từ mã nguồn; đừng sửa tay.", "",
             "| Biến | Kiểu | Nội dung | Ví dụ |", "|---|---|---|---|"]
    for var in CONTEXT:
        example = next((_example(c[var.name]) for c in example_contexts.values() if c[var.name]), "trống")
        cell = example.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{var.name}` | {var.kind} | {var.meaning.replace('|', chr(92) + '|')} | {cell} |")
    lines += ["", "## Bộ lọc", "", "| Bộ lọc | Việc làm |", "|---|---|"]
    for name in [*FILTERS, "doan_van", "so_hieu"]:
        lines.append(f"| `{name}` | {FILTER_HELP[name]} |")
    lines += ["", "Mẫu chạy trong hộp cát (sandbox) của Jinja: chỉ dùng được các biến và bộ lọc trên.", ""]
    return "\n".join(lines)
