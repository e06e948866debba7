"""The edge: the only place that prints an error or chooses an exit code."""

from __future__ import annotations

import difflib
import re
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

import click

from ..errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    DraftingError,
    SheetError,
    UnknownTemplate,
)
from .commands import cli
from .help import warnings_told

__all__ = ["main", "run"]


def _param_name(param: Optional[click.Parameter]) -> str:
    """How the clerk typed it: "--jobs", or an argument's metavar ("BẢNG_CHỈ_TIÊU")."""
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    return param.human_readable_name if param is not None else "tham số"


def _bad_value(exc: click.BadParameter) -> str:
    """click's English reasons ("'x' is not one of ...", "0 is not in the range x>=1") in Vietnamese."""
    kind = exc.param.type if exc.param is not None else None
    given = re.match(r"'?(.*?)'? is not", exc.message)
    value = f" '{given.group(1)}'" if given else ""
    if isinstance(kind, click.Choice):
        return f"giá trị{value} không có; chọn một trong: {', '.join(map(str, kind.choices))}"
    if isinstance(kind, click.IntRange):
        low, high = kind.min, kind.max
        bound = f"từ {low} đến {high}" if low is not None and high is not None else \
            f"từ {low} trở lên" if low is not None else f"không quá {high}"
        return f"giá trị{value} phải là số nguyên {bound}"
    if isinstance(kind, click.types.IntParamType):
        return f"giá trị{value} phải là số nguyên"
    return f"giá trị{value} không hợp lệ"


def _usage_message(exc: click.UsageError) -> str:
    if isinstance(exc, click.MissingParameter):
        return f"thiếu {_param_name(exc.param)}"
    if isinstance(exc, click.NoSuchOption):
        return f"không có tùy chọn {exc.option_name}"
    if isinstance(exc, click.BadParameter):
        return f"giá trị không hợp lệ cho {_param_name(exc.param)}: {_bad_value(exc)}"
    if isinstance(exc, click.BadOptionUsage) and "requires an argument" in exc.message:
        return f"tùy chọn {exc.option_name} cần một giá trị đi kèm"
    unknown = re.match(r"No such command '(.+)'", exc.message)
    if unknown:
        hint = difflib.get_close_matches(unknown.group(1), list(cli.commands), n=1)
        return f"không có lệnh '{unknown.group(1)}'" + (f" (có phải '{hint[0]}'?)" if hint else "")
    if "Got unexpected extra argument" in exc.message:
        extra = re.search(r"\((.*)\)", exc.message)
        return f"thừa tham số {extra.group(1) if extra else ''}".rstrip()
    return exc.format_message()


def _echo_sheet_problems(exc: SheetError) -> None:
    """Errors and warnings together, in the sheet's line order, so the clerk fixes top to bottom."""
    told = [(p, "lỗi") for p in exc.problems] + [(w, "cảnh báo") for w in exc.warnings]
    for problem, kind in sorted(told, key=lambda pair: pair[0].sort_key):
        click.echo(f"{kind}: {problem}", err=True)
    click.echo(f"Bảng chỉ tiêu có {len(exc.problems)} lỗi; chưa ghi tệp nào.", err=True)
    if exc.warnings:
        click.echo(warnings_told(len(exc.warnings)), err=True)


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
        _echo_sheet_problems(exc)
        return exc.exit_code
    except DraftingError as exc:
        click.echo(f"lỗi: {exc}", err=True)
        if isinstance(exc, UnknownTemplate):
            click.echo("Xem các mẫu có sẵn: drafting templates", err=True)
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
