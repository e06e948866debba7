"""``drafting serve``: the command that starts the web page (the CLI loads it by name).

Like the CLI's commands, it parses its options, calls one library function, and prints;
errors reach the CLI's edge (drafting/cli/edge.py), which turns them into messages and
exit codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

__all__ = ["serve"]


@click.command()
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=0, metavar="CỔNG",
              help="Cổng của máy chủ. Mặc định: một cổng còn trống.")
@click.option("--host", metavar="ĐỊA_CHỈ", default=None,
              help="Địa chỉ máy chủ nghe. Mặc định 127.0.0.1: chỉ máy này mở được trang.")
@click.option("--workspace", "-w", type=click.Path(path_type=Path), metavar="THƯ_MỤC", default=None,
              help="Thư mục làm việc: nơi mở và lưu các bảng chỉ tiêu. Mặc định: thư mục hiện tại.")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@click.help_option("-h", "--help", help="Hiện hướng dẫn này rồi thoát.")
def serve(port: int, host: Optional[str], workspace: Optional[Path], no_browser: bool) -> None:
    """Mở trang soạn thảo trên trình duyệt (cho người không quen dòng lệnh); bấm Ctrl+C để dừng."""
    from .server import LOCAL_HOST, is_local
    from .server import serve as serve_page

    folder = workspace if workspace is not None else Path.cwd()
    if host is not None and not is_local(host):
        click.echo(f"cảnh báo: máy chủ nghe ở địa chỉ {host}: máy khác trong mạng cũng mở được trang này, "
                   f"đọc và ghi các bảng chỉ tiêu trong {folder}. Chỉ dùng trong mạng tin cậy.", err=True)

    def ready(url: str) -> None:
        click.echo(f"Trang soạn thảo: {url}")
        click.echo(f"Thư mục làm việc: {folder.resolve()}")
        click.echo("Bấm Ctrl+C để dừng.")
        if not no_browser:
            import webbrowser

            webbrowser.open(url)

    serve_page(folder, host or LOCAL_HOST, port, ready)
