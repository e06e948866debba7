"""Vietnamese help screens and the options several commands share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Optional

import click

from ..errors import Problem

__all__ = [
    "HELP", "LOCALITIES", "PDF", "SHEET", "TABLE", "TEMPLATE", "Command", "Group", "echo_warnings", "help_option",
    "shown", "warnings_told",
]


class _VietnameseHelp(click.Command):
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
    """The command group; ``lazy_commands`` maps names to "module:attribute" of commands that
    packages beside the CLI define (drafting.web), imported only when run or listed."""

    command_class = Command

    def __init__(self, *args, lazy_commands: Optional[dict[str, str]] = None, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM_SỐ]...")
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx, cmd_name):
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            module, _, attribute = self.lazy_commands[cmd_name].partition(":")
            loaded = getattr(import_module(module), attribute)
            # Rebuilt as a Command of this group: Vietnamese help screens like every other command.
            self.add_command(Command(cmd_name, params=loaded.params, callback=loaded.callback, help=loaded.help,
                                     short_help=loaded.short_help, context_settings=loaded.context_settings))
        return super().get_command(ctx, cmd_name)


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
PDF = click.option(
    "--pdf", is_flag=True,
    help="Ghi thêm bản PDF cạnh mỗi bản dự thảo (cùng tên, đuôi .pdf); cần cài LibreOffice.",
)


def help_option(f):
    return click.help_option("-h", "--help", help="Hiện hướng dẫn này rồi thoát.")(f)


def shown(path: Path) -> Path:
    """A written file as the clerk types paths: relative to the current folder when it is under it
    (LibreOffice's PDF comes back absolute, the draft as typed), else as it is."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()) if path.is_absolute() else path
    except ValueError:
        return path


def echo_warnings(warnings: Sequence[Problem]) -> None:
    for w in warnings:
        click.echo(f"cảnh báo: {w}", err=True)
    if warnings:
        click.echo(warnings_told(len(warnings)), err=True)


def warnings_told(count: int) -> str:
    return f"Có {count} cảnh báo: nên xem lại trước khi trình ký."


