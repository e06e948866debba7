"""The edge: the only place that prints an error or chooses an exit code."""

from __future__ import annotations

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
)
from .commands import cli

__all__ = ["main", "run"]


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
