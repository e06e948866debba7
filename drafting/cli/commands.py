"""The commands: each parses its arguments and calls one library function.

Each command imports what it needs when it runs: a clerk runs one command at a
time, and importing bulk, diff and regenerate to check a sheet would make every
command wait for all of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from .._version import __version__
from ..bulk.manifest import FORMATS
from ..errors import EXIT_OK, EXIT_PARTIAL
from ..sheet.vocabulary import LEVELS, PROFILES
from .help import (
    HELP,
    LOCALITIES,
    PDF,
    SHEET,
    TABLE,
    TEMPLATE,
    Group,
    echo_warnings,
    help_option,
    shown,
)

__all__ = ["cli"]

# Commands of packages beside the CLI, which it does not import: loaded by name when run.
LAZY_COMMANDS = {"serve": "drafting.web.command:serve"}


@click.group(cls=Group, context_settings=HELP, lazy_commands=LAZY_COMMANDS)
@click.version_option(__version__, "--version", message="drafting %(version)s",
                      help="Hiện số phiên bản rồi thoát.")
@help_option
def cli() -> None:
    """Soạn dự thảo báo cáo kết quả công tác dân vận chính quyền từ bảng chỉ tiêu (YAML)."""


@cli.command()
@SHEET
@help_option
def check(sheet: Path) -> None:
    """Kiểm tra bảng chỉ tiêu: báo mọi lỗi (kèm dòng, cột) và các cảnh báo."""
    from ..sheet.loading import load_sheet

    loaded = load_sheet(sheet)
    click.echo(
        f"Bảng chỉ tiêu hợp lệ: {sheet} (thể thức {loaded.sheet.the_thuc}, "
        f"{len(loaded.indicators)} chỉ tiêu)."
    )
    echo_warnings(loaded.warnings)


@cli.command()
@SHEET
@TEMPLATE
@help_option
def preview(sheet: Path, template: Optional[str]) -> None:
    """Xem trước bản dự thảo trên màn hình, đúng như khi xuất ra Word."""
    from rich.console import Console

    from ..views.preview import preview_sheet

    result = preview_sheet(sheet, template)
    Console(soft_wrap=False, highlight=False).print(result.renderable)
    echo_warnings(result.warnings)


@cli.command()
@SHEET
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="TỆP.docx",
              help="Nơi ghi bản dự thảo. Mặc định: tên bảng chỉ tiêu với đuôi .docx, trong thư mục hiện tại.")
@TEMPLATE
@click.option("--force", is_flag=True,
              help="Ghi đè cả khi tệp đích đã được sửa tay sau khi tạo (mất phần đã sửa).")
@PDF
@help_option
def render(sheet: Path, output: Optional[Path], template: Optional[str], force: bool, pdf: bool) -> None:
    """Xuất bản dự thảo ra tệp Word (.docx)."""
    from ..render.draft import render_draft

    result = render_draft(sheet, output, template, force=force)
    click.echo(f"Đã ghi bản dự thảo: {shown(result.output)}")
    echo_warnings(result.warnings)
    if pdf:
        from ..render.pdf import convert_to_pdf

        (written,) = convert_to_pdf([result.output])
        click.echo(f"Đã ghi bản PDF: {shown(written)}")


@cli.command()
@LOCALITIES
@TABLE
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path), metavar="THƯ_MỤC",
              help="Thư mục ghi các bản dự thảo và bảng kê.")
@TEMPLATE
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Số tiến trình chạy song song. Mặc định: bằng số nhân CPU.")
@click.option("--quiet", "-q", is_flag=True, help="Không hiện thanh tiến độ.")
@click.option("--force", is_flag=True,
              help="Soạn lại cả những địa bàn không đổi từ lần chạy trước, ghi đè cả bản đã sửa tay.")
@click.option("--manifest", "manifest_format", type=click.Choice(FORMATS), default="json", show_default=True,
              help="Dạng bảng kê ghi cạnh các bản dự thảo (bang-ke.json hoặc bang-ke.csv).")
@PDF
@help_option
def bulk(source: Path, table: Optional[Path], output: Path, template: Optional[str], jobs: Optional[int],
         quiet: bool, force: bool, manifest_format: str, pdf: bool) -> int:
    """Soạn hàng loạt: mỗi địa bàn một bản dự thảo, kèm bảng kê; chạy lại thì bỏ qua địa bàn không đổi."""
    from rich.console import Console

    from ..bulk.run import BulkOptions, bulk_draft
    from ..views.bulk_view import BulkProgress, summary_table

    options = BulkOptions(output, table, template, jobs, force, manifest_format)
    with BulkProgress(Console(stderr=True), quiet) as progress:
        summary = bulk_draft(source, options, progress.start, progress.advance)
    for record in summary.failures:
        click.echo(f"lỗi: {record.nguon}" + (f" ({record.dia_ban})" if record.dia_ban else "") + ":", err=True)
        for message in record.loi:
            click.echo(f"  {message}", err=True)
    Console(highlight=False).print(summary_table(summary))
    if pdf:
        _bulk_pdf(summary, quiet, jobs)
    return EXIT_PARTIAL if summary.failed else EXIT_OK


def _bulk_pdf(summary, quiet: bool, jobs: Optional[int]) -> None:
    from rich.console import Console

    from ..bulk.pdf import bulk_pdf
    from ..views.pdf_view import PdfProgress

    progress = PdfProgress(Console(stderr=True), quiet)
    with progress:
        result = bulk_pdf(summary, progress.start, progress.advance_by, workers=jobs)
    click.echo(f"Đã chuyển {result.converted} bản dự thảo sang PDF"
               + (f" ({result.current} bản PDF đã có, không đổi)." if result.current else "."))


@cli.command()
@LOCALITIES
@TABLE
@click.option("--upper", "-u", required=True, type=click.Path(path_type=Path), metavar="CẤP_TRÊN.yaml",
              help="Bảng chỉ tiêu của cấp tổng hợp (cơ quan ban hành, đoạn văn, nhiệm vụ, chữ ký); "
                   "số liệu của nó được thay bằng số cộng từ các địa bàn.")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path), metavar="TỆP.docx",
              help="Nơi ghi bản dự thảo tổng hợp; bảng chỉ tiêu tổng hợp ghi cạnh nó, đuôi .yaml.")
@TEMPLATE
@click.option("--compare", "-c", metavar="MÃ,MÃ,...",
              help="Các chỉ tiêu trong bảng so sánh địa bàn (tối đa 6). Mặc định: các chỉ tiêu chủ yếu.")
@click.option("--force", is_flag=True, help="Ghi đè cả khi bản dự thảo tổng hợp đã được sửa tay.")
@help_option
def rollup(source: Path, table: Optional[Path], upper: Path, output: Path, template: Optional[str],
           compare: Optional[str], force: bool) -> None:
    """Tổng hợp: cộng số liệu các địa bàn thành báo cáo của cấp trên, kèm bảng so sánh các địa bàn."""
    from ..bulk.rollup import rollup as rollup_localities

    codes = [c.strip() for c in compare.split(",") if c.strip()] if compare else None
    result = rollup_localities(source, upper, output, table=table, template=template, compared=codes,
                               force=force)
    click.echo(f"Đã tổng hợp {result.localities} địa bàn.")
    click.echo(f"Đã ghi bảng chỉ tiêu tổng hợp: {shown(result.sheet)}")
    click.echo(f"Đã ghi bản dự thảo: {shown(result.draft)}")
    echo_warnings(result.warnings)


@cli.command()
@click.argument("draft", metavar="BẢN_DỰ_THẢO.docx", type=click.Path(path_type=Path))
@click.option("--sheet", "-s", required=True, type=click.Path(path_type=Path), metavar="BẢNG_MỚI.yaml",
              help="Bảng chỉ tiêu đã cập nhật số liệu.")
@TEMPLATE
@click.option("--dry-run", is_flag=True, help="Chỉ hiện những gì sẽ thay đổi, không ghi tệp nào.")
@help_option
def regenerate(draft: Path, sheet: Path, template: Optional[str], dry_run: bool) -> None:
    """Cập nhật số liệu mới vào bản dự thảo đã sửa tay, giữ nguyên phần người soạn đã sửa."""
    from rich.console import Console

    from ..cycle.regenerate import regenerate as regenerate_draft
    from ..views.regenerate_view import outcome as regenerate_outcome
    from ..views.regenerate_view import regenerate_renderable

    console = Console(highlight=False)
    result = regenerate_draft(draft, sheet, template=template, dry_run=dry_run,
                              before_writing=lambda plan: console.print(regenerate_renderable(plan)))
    click.echo(regenerate_outcome(result))
    echo_warnings(result.warnings)


@cli.command()
@click.argument("a", metavar="A", type=click.Path(path_type=Path))
@click.argument("b", metavar="B", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho máy đọc).")
@help_option
def diff(a: Path, b: Path, as_json: bool) -> None:
    """So sánh hai bảng chỉ tiêu hoặc hai bản dự thảo: số liệu và câu nào đã đổi."""
    from rich.console import Console

    from ..cycle.diff import diff_paths
    from ..views.diff_view import diff_renderable

    result = diff_paths(a, b)
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        Console(highlight=False).print(diff_renderable(result))


@cli.command()
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path), metavar="TỆP.yaml",
              help="Nơi ghi bảng chỉ tiêu mới.")
@click.option("--from", "from_sheet", type=click.Path(path_type=Path), metavar="NĂM_TRƯỚC.yaml",
              help="Bảng chỉ tiêu năm trước: số năm nay của nó thành số cùng kỳ, đoạn văn cũ thành ghi chú.")
@click.option("--the-thuc", "profile", type=click.Choice(PROFILES), default="nha-nuoc", show_default=True,
              help="Thể thức của bảng trống (khi không có --from).")
@click.option("--cap", "level", type=click.Choice(LEVELS), default="xã", show_default=True,
              help="Cấp địa bàn của bảng trống (khi không có --from).")
@click.option("--nam", "year", type=click.IntRange(1945, 2100), metavar="NĂM",
              help="Năm của bảng trống. Mặc định: năm nay.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@help_option
def new(output: Path, from_sheet: Optional[Path], profile: str, level: str, year: Optional[int],
        force: bool) -> None:
    """Tạo bảng chỉ tiêu mới: từ bảng năm trước (--from) hoặc bảng trống có ghi chú."""
    from ..cycle.new_sheet import new_sheet

    result = new_sheet(output, from_sheet=from_sheet, profile=profile, level=level, year=year, force=force)
    click.echo(f"Đã ghi bảng chỉ tiêu năm {result.year}: {shown(result.path)}")
    if result.to_fill:
        click.echo(f"Còn {len(result.to_fill)} chỗ cần điền (xem bằng 'drafting check {result.path}'):")
        for path in result.to_fill:
            click.echo(f"  {path}")


@cli.command()
@click.argument("names", metavar="MẪU.docx...", nargs=-1, required=True)
@help_option
def lint(names: tuple[str, ...]) -> int:
    """Kiểm tra mẫu Word: liệt kê mọi lỗi một lần (thẻ sai, biến hay bộ lọc không có, kiểu đoạn thiếu)."""
    from ..errors import EXIT_TEMPLATE
    from ..render.lint import lint_template

    failed = False
    for name in names:  # a path, or the name of a built-in template
        result = lint_template(name)
        for line in result.lines():
            click.echo(line)
        click.echo(result.summary())
        failed = failed or not result.ok
    return EXIT_TEMPLATE if failed else EXIT_OK


@cli.command()
@help_option
def templates() -> None:
    """Liệt kê các mẫu có sẵn."""
    from ..render.templates import list_templates

    for info in list_templates():
        click.echo(f"{info.name:<10} {info.label}")


