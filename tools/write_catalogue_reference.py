"""Write docs/danh-muc-chi-tieu.md: the catalogue of standard indicators for clerks, by section,
with each entry's code, label, unit and the sentence drafting writes for it.

    python3 tools/write_catalogue_reference.py

tests/test_catalogue.py fails when the committed file differs from what this writes.
The sample sentences are drafted by the library itself (a province's report of 2025 with
round sample figures), so that the page shows exactly what a draft says.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting import parse_sheet  # noqa: E402
from drafting.sheet.catalogue import CatalogueEntry, load_catalogue  # noqa: E402
from drafting.sheet.vocabulary import SECTION_TITLES  # noqa: E402

OUTPUT = ROOT / "docs" / "danh-muc-chi-tieu.md"
LEVEL, PLACE, YEAR = "tỉnh", "Nghệ An", 2025

# A sample figure for each kind of indicator (count, amount, rate), as the intro names them.
SAMPLE = {"so_luong": "12", "so_tien": "1234.5", "ty_le": "85.5"}

SHEET_HEAD = f"""\
phien_ban: 1
nam: {YEAR}
the_thuc: nha-nuoc
dia_ban:
  ten: {PLACE}
  cap: {LEVEL}
co_quan_ban_hanh:
  ten: Ủy ban nhân dân {LEVEL} {PLACE}
so_van_ban:
  ky_hieu: BC-UBND
can_cu: Thực hiện hướng dẫn của cấp trên
nhiem_vu:
  - tiếp tục thực hiện tốt công tác dân vận chính quyền
nguoi_ky:
  tham_quyen:
    - TM. Ủy ban nhân dân
  chuc_vu: Chủ tịch
  ho_ten: Nguyễn Văn A
noi_nhan:
  - "Lưu: VT"
"""

INTRO = f"""\
# Danh mục chỉ tiêu chuẩn

Trang này được sinh tự động từ `drafting/sheet/data/chi_tieu.yaml` bằng
`python3 tools/write_catalogue_reference.py`; đừng sửa tay.

Chỉ tiêu chuẩn ghi vào bảng chỉ tiêu theo mã, dưới mục của nó, chỉ cần số liệu:

```yaml
chi_tieu:
  tiep_dan:
    vu_viec_khieu_nai:
      gia_tri: 45
    vu_viec_khieu_nai_da_giai_quyet:
      gia_tri: 38
```

Tên, đơn vị, loại và câu văn lấy từ danh mục; muốn viết khác thì ghi thêm `ten`, `don_vi` hay
`cau` cho chỉ tiêu đó. Chỉ tiêu không có trong danh mục vẫn dùng được: đặt mã mới và ghi `ten`,
`don_vi`. Tỷ lệ có ghi “tự tính” được tính từ hai chỉ tiêu kia nếu bỏ trống `gia_tri`.

Câu mẫu là câu drafting viết cho báo cáo của một tỉnh, năm {YEAR}, với số minh họa
(12 với số lượng; 1.234,5 với giá trị; 85,5% với tỷ lệ) và không có phép so sánh.
Báo cáo của xã không có “các cấp” và viết “toàn xã”; số năm trước, kế hoạch thêm phép so
sánh vào cuối câu (“…, tăng 8,56% so với cùng kỳ”). Các chỉ tiêu liên quan có mặt cùng nhau
trong bảng có thể được drafting nêu chung trong một câu.
"""


def _sample_sheet(entries: list[CatalogueEntry]) -> str:
    blocks: dict[str, list[str]] = {}
    for e in entries:
        blocks.setdefault(e.muc, []).append(f"    {e.ma}:\n      gia_tri: {SAMPLE[e.loai]}\n")
    body = "".join(f"  {section}:\n" + "".join(lines) for section, lines in blocks.items())
    return SHEET_HEAD + "chi_tieu:\n" + body


def _note(e: CatalogueEntry) -> str:
    notes = []
    if e.tu_so and e.mau_so:
        notes.append(f"tự tính: `{e.tu_so}` / `{e.mau_so}`")
    if e.khong_vuot:
        notes.append(f"không lớn hơn `{e.khong_vuot}`")
    return "; ".join(notes)


def reference_text() -> str:
    entries = list(load_catalogue().chi_tieu)
    loaded = parse_sheet(_sample_sheet(entries))
    sentences = {ind.code: str(ind.statement(loaded.sheet.period, level=LEVEL)) for ind in loaded.indicators}
    out = [INTRO]
    for section, title in SECTION_TITLES.items():
        mine = [e for e in entries if e.muc == section]
        if not mine:
            continue
        out.append(f"\n## {title} (`{section}`)\n\n")
        out.append("| Mã | Tên | Đơn vị | Câu mẫu | Ghi chú |\n|---|---|---|---|---|\n")
        for e in mine:
            out.append(f"| `{e.ma}` | {e.ten} | {e.don_vi} | {sentences[e.ma]} | {_note(e)} |\n")
    return "".join(out)


if __name__ == "__main__":
    OUTPUT.write_text(reference_text(), encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
