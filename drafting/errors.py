"""The one exception root of drafting, and the exit code each kind of failure maps to.

The library raises; only the command-line edge (cli.py) turns these into
messages and exit codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

# Exit codes, documented in README.md ("Mã thoát").
EXIT_OK = 0
EXIT_USAGE = 2  # click's own code for a wrong command line
EXIT_INVALID_SHEET = 3
EXIT_PARTIAL = 4  # a bulk run where some localities failed
EXIT_TEMPLATE = 5
EXIT_OUTPUT = 6
EXIT_DRAFT = 7  # an existing file: a draft edited by hand (render), not drafting's (regenerate), a sheet (new)
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it


@dataclass(frozen=True)
class Location:
    """Where in a sheet something is: file, 1-based line and column, key path.

    A value from a table of figures has ``cell`` set ("D7"): then ``line`` and
    ``column`` are the table's row and column, and ``table_sheet`` names the
    Excel worksheet.
    """

    file: Optional[Path]
    line: Optional[int]
    column: Optional[int]
    path: str
    cell: Optional[str] = None
    table_sheet: Optional[str] = None

    def __str__(self) -> str:
        parts = []
        if self.cell is not None:
            place = str(self.file) if self.file is not None else ""
            if self.table_sheet:
                place += f" [{self.table_sheet}]"
            parts.append(f"{place} ô {self.cell}".strip())
        elif self.file is not None:
            place = str(self.file)
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            parts.append(place)
        if self.path:
            parts.append(self.path)
        return " ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One located message about a sheet: an error or a warning."""

    location: Location
    message: str

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.line or 0, loc.column or 0, loc.path, self.message)


class DraftingError(Exception):
    """Root of every error drafting raises on purpose."""

    exit_code = EXIT_INTERNAL


class SheetError(DraftingError):
    """The sheet cannot be read or is not valid; carries every problem found, and the warnings
    the part that could be read raised (so that one run shows the clerk everything)."""

    exit_code = EXIT_INVALID_SHEET

    def __init__(self, problems: Sequence[Problem], warnings: Sequence[Problem] = ()):
        self.problems = sorted(problems, key=lambda p: p.sort_key)
        self.warnings = sorted(warnings, key=lambda p: p.sort_key)
        count = len(self.problems)
        super().__init__(f"Bảng chỉ tiêu có {count} lỗi")


class TemplateProblem(DraftingError):
    """A template is missing, is not a .docx, or fails to render."""

    exit_code = EXIT_TEMPLATE


class UnknownTemplate(TemplateProblem):
    """A template given by a name that is neither built in nor a file."""


class DraftProblem(DraftingError):
    """An existing file cannot be used as asked: a draft edited since it was generated, or not drafting's;
    a file ``new`` would write over."""

    exit_code = EXIT_DRAFT


class OutputError(DraftingError):
    """The draft could not be written where it was asked for."""

    exit_code = EXIT_OUTPUT
