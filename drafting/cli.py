"""The command line: each command parses its arguments and calls one library function.

This is the only place that prints or chooses an exit code (see ``main``).
"""

from __future__ import annotations

import json
import re
import sys
import traceback
from pathlib import Path
from typing import Optional, Sequence

import click
from rich.console import Console

from . import __version__
from .bulk import BulkOptions, bulk_draft
from .bulk_view import BulkProgress, summary_table
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, DraftingError, Problem, SheetError
from .loading import load_sheet
from .manifest import FORMATS
from .new_sheet import LEVELS, new_sheet
from .preview import preview_sheet
from .diff_view import diff_renderable
from .diffing import diff_paths
from .regenerate import regenerate as regenerate_draft
from .regenerate_view import outcome as regenerate_outcome
from .regenerate_view import regenerate_renderable
from .render import render_draft
from .rollup import rollup as rollup_localities
from .sheet import PROFILES
from .templates import list_templates


class _VietnameseHelp:
    """Help screens with Vietnamese headings (click's own are English)."""

    def format_usage(self, ctx, formatter):
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Cách dùng: ")

    def format_options(self, ctx, formatter):
        options = [p for p in self.get_params(ctx) if isinstance(p, click.Option)]
        records = [(name, _vietnamese_extras(text)) for name, text in
                   (r for r in (p.get_help_record(ctx) for p in options) if r)]
        if records:
            with formatter.section("Tùy chọn"):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            rows = []
            for name in self.list_commands(ctx):
                cmd = self.get_command(ctx, name)
                if cmd is not None and not cmd.hidden:
                    rows.append((name, cmd.get_short_help_str(limit=70)))
            if rows:
                with formatter.section("Lệnh"):
                    formatter.write_dl(rows)


def _vietnamese_extras(text: str) -> str:
    # click appends "[required]", "[default: x]" and range hints in English.
    text = text.replace("[required]", "[bắt buộc]").replace("[default: ", "[mặc định: ")
    text = re.sub(r"\[(\d+)<=x<=(\d+)\]", r"[từ \1 đến \2]", text)
    return re.sub(r"\[x>=(\d+)\]", r"[từ \1 trở lên]", text)


class Command(_VietnameseHelp, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        super().__init__(*args, **kwargs)


class Group(_VietnameseHelp, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM_SỐ]...")
        super().__init__(*args, **kwargs)


HELP = {"help_option_names": ["-h", "--help"]}
SHEET = click.argument("sheet", metavar="BẢNG_CHỈ_TIÊU", type=click.Path(path_type=Path))
TEMPLATE = click.option(
    "--template", "-t", "template", metavar="TÊN|TỆP",
    help="Mẫu Word: tên mẫu có sẵn (xem 'drafting templates') hoặc đường dẫn tệp .docx. "
         "Mặc định theo the_thuc của bảng chỉ tiêu.",
)


LOCALITIES = click.argument("source", metavar="THƯ_MỤC|CƠ_SỞ.yaml", type=click.Path(path_type=Path))
TABLE = click.option(
    "--table", "-b", "table", type=click.Path(path_type=Path), metavar="SỐ_LIỆU.csv|.xlsx",
    help="Bảng số liệu, mỗi hàng một địa bàn; khi có, tham số đầu là bảng chỉ tiêu cơ sở "
         "(phần chung của mọi địa bàn).",
)


def _help_option(f):
    return click.help_option("-h", "--help", help="Hiện hướng dẫn này rồi thoát.")(f)


def _echo_warnings(warnings: Sequence[Problem]) -> None:
    for w in warnings:
        click.echo(f"cảnh báo: {w}", err=True)
    if warnings:
        click.echo(f"Có {len(warnings)} cảnh báo: nên xem lại trước khi trình ký.", err=True)


@click.group(cls=Group, context_settings=HELP)
@click.version_option(__version__, "--version", message="drafting %(version)s",
                      help="Hiện số phiên bản rồi thoát.")
@_help_option
def cli() -> None:
    """Soạn dự thảo báo cáo kết quả công tác dân vận chính quyền từ bảng chỉ tiêu (YAML)."""


@cli.command()
@SHEET
@_help_option
def check(sheet: Path) -> None:
    """Kiểm tra bảng chỉ tiêu: báo mọi lỗi (kèm dòng, cột) và các cảnh báo."""
    loaded = load_sheet(sheet)
    click.echo(
        f"Bảng chỉ tiêu hợp lệ: {sheet} (thể thức {loaded.sheet.the_thuc}, "
        f"{len(loaded.indicators)} chỉ tiêu)."
    )
    _echo_warnings(loaded.warnings)


@cli.command()
@SHEET
@TEMPLATE
@_help_option
def preview(sheet: Path, template: Optional[str]) -> None:
    """Xem trước bản dự thảo trên màn hình, đúng như khi xuất ra Word."""
    result = preview_sheet(sheet, template)
    Console(soft_wrap=False, highlight=False).print(result.renderable)
    _echo_warnings(result.warnings)


@cli.command()
@SHEET
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="TỆP.docx",
              help="Nơi ghi bản dự thảo. Mặc định: tên bảng chỉ tiêu với đuôi .docx, trong thư mục hiện tại.")
@TEMPLATE
@click.option("--force", is_flag=True,
              help="Ghi đè cả khi tệp đích đã được sửa tay sau khi tạo (mất phần đã sửa).")
@_help_option
def render(sheet: Path, output: Optional[Path], template: Optional[str], force: bool) -> None:
    """Xuất bản dự thảo ra tệp Word (.docx)."""
    result = render_draft(sheet, output, template, force=force)
    click.echo(f"Đã ghi bản dự thảo: {result.output}")
    _echo_warnings(result.warnings)


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
@_help_option
def bulk(source: Path, table: Optional[Path], output: Path, template: Optional[str], jobs: Optional[int],
         quiet: bool, force: bool, manifest_format: str) -> int:
    """Soạn hàng loạt: mỗi địa bàn một bản dự thảo, kèm bảng kê; chạy lại thì bỏ qua địa bàn không đổi."""
    options = BulkOptions(output, table, template, jobs, force, manifest_format)
    with BulkProgress(Console(stderr=True), quiet) as progress:
        summary = bulk_draft(source, options, progress.start, progress.advance)
    for record in summary.failures:
        click.echo(f"lỗi: {record.nguon}" + (f" ({record.dia_ban})" if record.dia_ban else "") + ":", err=True)
        for message in record.loi:
            click.echo(f"  {message}", err=True)
    Console(highlight=False).print(summary_table(summary))
    return EXIT_PARTIAL if summary.failed else EXIT_OK


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
@_help_option
def rollup(source: Path, table: Optional[Path], upper: Path, output: Path, template: Optional[str],
           compare: Optional[str], force: bool) -> None:
    """Tổng hợp: cộng số liệu các địa bàn thành báo cáo của cấp trên, kèm bảng so sánh các địa bàn."""
    codes = [c.strip() for c in compare.split(",") if c.strip()] if compare else None
    result = rollup_localities(source, upper, output, table=table, template=template, compared=codes,
                               force=force)
    click.echo(f"Đã tổng hợp {result.localities} địa bàn.")
    click.echo(f"Đã ghi bảng chỉ tiêu tổng hợp: {result.sheet}")
    click.echo(f"Đã ghi bản dự thảo: {result.draft}")
    _echo_warnings(result.warnings)


@cli.command()
@click.argument("draft", metavar="BẢN_DỰ_THẢO.docx", type=click.Path(path_type=Path))
@click.option("--sheet", "-s", required=True, type=click.Path(path_type=Path), metavar="BẢNG_MỚI.yaml",
              help="Bảng chỉ tiêu đã cập nhật số liệu.")
@TEMPLATE
@click.option("--dry-run", is_flag=True, help="Chỉ hiện những gì sẽ thay đổi, không ghi tệp nào.")
@_help_option
def regenerate(draft: Path, sheet: Path, template: Optional[str], dry_run: bool) -> None:
    """Cập nhật số liệu mới vào bản dự thảo đã sửa tay, giữ nguyên phần người soạn đã sửa."""
    console = Console(highlight=False)
    result = regenerate_draft(draft, sheet, template=template, dry_run=dry_run,
                              before_writing=lambda plan: console.print(regenerate_renderable(plan)))
    click.echo(regenerate_outcome(result))
    _echo_warnings(result.warnings)


@cli.command()
@click.argument("a", metavar="A", type=click.Path(path_type=Path))
@click.argument("b", metavar="B", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho máy đọc).")
@_help_option
def diff(a: Path, b: Path, as_json: bool) -> None:
    """So sánh hai bảng chỉ tiêu hoặc hai bản dự thảo: số liệu và câu nào đã đổi."""
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
@click.option("--nam", "year", type=click.IntRange(1945, 2100), metavar="NĂM", help="Năm của bảng trống. Mặc định: năm nay.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@_help_option
def new(output: Path, from_sheet: Optional[Path], profile: str, level: str, year: Optional[int],
        force: bool) -> None:
    """Tạo bảng chỉ tiêu mới: từ bảng năm trước (--from) hoặc bảng trống có ghi chú."""
    result = new_sheet(output, from_sheet=from_sheet, profile=profile, level=level, year=year, force=force)
    click.echo(f"Đã ghi bảng chỉ tiêu năm {result.year}: {result.path}")
    if result.to_fill:
        click.echo(f"Còn {len(result.to_fill)} chỗ cần điền (xem bằng 'drafting check {result.path}'):")
        for path in result.to_fill:
            click.echo(f"  {path}")


@cli.command()
@_help_option
def templates() -> None:
    """Liệt kê các mẫu có sẵn."""
    for info in list_templates():
        click.echo(f"{info.name:<10} {info.label}")


def _usage_message(exc: click.UsageError) -> str:
    if isinstance(exc, click.MissingParameter):
        return f"thiếu {exc.param.human_readable_name if exc.param else 'tham số'}"
    if isinstance(exc, click.NoSuchOption):
        return f"không có tùy chọn {exc.option_name}"
    if isinstance(exc, click.BadParameter):
        name = exc.param.human_readable_name if exc.param else "tham số"
        return f"giá trị không hợp lệ cho {name}: {exc.message}"
    return exc.format_message()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line and return the exit code (documented in README.md)."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="drafting",
                          standalone_mode=False)
        return result if isinstance(result, int) else EXIT_OK
    except click.UsageError as exc:
        hint = f"{exc.ctx.command_path} --help" if exc.ctx else "drafting --help"
        click.echo(f"lỗi: {_usage_message(exc)}\nXem hướng dẫn: {hint}", err=True)
        return EXIT_USAGE
    except (click.Abort, KeyboardInterrupt):
        click.echo("Đã dừng.", err=True)
        return EXIT_INTERRUPTED
    except SheetError as exc:
        for problem in exc.problems:
            click.echo(f"lỗi: {problem}", err=True)
        click.echo(f"Bảng chỉ tiêu có {len(exc.problems)} lỗi; chưa ghi tệp nào.", err=True)
        return exc.exit_code
    except DraftingError as exc:
        click.echo(f"lỗi: {exc}", err=True)
        return exc.exit_code
    except Exception as exc:  # the last resort: a bug, not the clerk's mistake
        where = traceback.extract_tb(exc.__traceback__)[-1]
        click.echo(
            "Lỗi nội bộ của drafting (không phải do bảng chỉ tiêu). Xin báo lỗi kèm dòng sau:\n"
            f"  {type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})",
            err=True,
        )
        return EXIT_INTERNAL


def run() -> None:
    sys.exit(main())
