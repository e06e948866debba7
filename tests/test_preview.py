"""The preview is read back from the rendered document and highlights computed figures."""

from __future__ import annotations

import io

from rich.console import Console

import drafting
from drafting.views.preview import COMPUTED_STYLE

from conftest import COMMUNE, PARTY, VINH


def _console_text(renderable, width=100):
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_preview_view_is_the_rendered_document():
    preview = drafting.preview_sheet(COMMUNE)
    loaded = drafting.load_sheet(COMMUNE)
    rendered = drafting.read_draft(drafting.render_bytes(loaded, drafting.resolve_template(None, "nha-nuoc")))
    assert preview.view == rendered
    assert [ln.text for ln in preview.view.header_right] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hưng Nguyên, ngày 10 tháng 12 năm 2025",
    ]
    assert [ln.text for ln in preview.view.header_left] == [
        "ỦY BAN NHÂN DÂN", "XÃ HƯNG NGUYÊN", "", "Số:       /BC-UBND",
    ]


def test_preview_shows_header_title_table_and_signature():
    text = _console_text(drafting.preview_sheet(PARTY).renderable)
    for expected in ("TỈNH ỦY NGHỆ AN", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 05-BC/BDVTU",
                     "Nghệ An, ngày 16 tháng 12 năm 2024", "BÁO CÁO",
                     "kết quả công tác dân vận chính quyền năm 2024", "I- KẾT QUẢ ĐẠT ĐƯỢC",
                     "So với năm 2023", "tăng 12,5%", "K/T TRƯỞNG BAN", "Trần Thị Hoa"):
        assert expected in text


def test_computed_figures_are_highlighted():
    console = Console(width=100, color_system="truecolor", record=True,
                      file=io.StringIO())
    segments = list(console.render(drafting.preview_sheet(COMMUNE).renderable))
    highlighted = {s.text for s in segments if s.style is not None and s.style == console.get_style(COMPUTED_STYLE)}
    assert "33,33%" in highlighted
    plain = {s.text for s in segments if s.style is None or s.style != console.get_style(COMPUTED_STYLE)}
    assert not any("Lê Văn Minh" in t for t in highlighted)
    assert any("Lê Văn Minh" in t for t in plain)


def test_bulletin_preview_has_title_tasks_and_byline():
    text = _console_text(drafting.preview_sheet(VINH).renderable)
    assert "Kết quả công tác Dân vận chính quyền năm 2022 ở thành phố Vinh" in text
    assert "Bảy là," in text
    assert "Nguyễn Mạnh Khôi" in text
