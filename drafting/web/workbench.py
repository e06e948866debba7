"""What the web page does with a sheet held as text: check, render, preview, save; no HTTP here.

Each function calls one library function of drafting. Templates are compiled once per
server and kept (``Templates``), so a render or a preview takes milliseconds.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ..errors import DraftingError, Location, OutputError, Problem, SheetError
from ..render.draft import compile_template, render_compiled
from ..render.engine import CompiledTemplate
from ..render.templates import list_templates, resolve_template
from ..sheet.loading import LoadedSheet, parse_sheet

__all__ = [
    "Checked",
    "Templates",
    "WebProblem",
    "Workspace",
    "check_text",
    "problem_json",
    "sheet_file_name",
]


class WebProblem(DraftingError):
    """A request the page cannot serve as asked: a bad name, a file not in the workspace...

    ``status`` is the HTTP status it becomes (422 unless said otherwise).
    """

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Checked:
    """What ``drafting check`` says about a sheet's text: errors, or the loaded sheet and its warnings."""

    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    loaded: Optional[LoadedSheet]


def check_text(text: str) -> Checked:
    """Check a sheet's text as ``drafting check`` does; the same located messages."""
    try:
        loaded = parse_sheet(text)
    except SheetError as exc:
        return Checked(tuple(exc.problems), tuple(exc.warnings), None)
    return Checked((), loaded.warnings, loaded)


def problem_json(problem: Problem) -> dict:
    loc = problem.location
    return {"line": loc.line, "column": loc.column, "path": loc.path, "message": problem.message}


def message_problem(message: str) -> Problem:
    """A problem that belongs to no line (a template's, LibreOffice's)."""
    return Problem(Location(None, None, None, ""), message)


class Templates:
    """The built-in templates and the clerk's own (``mau/`` in the workspace), each compiled once.

    A clerk's template goes through the command line's checks: the profile it is for
    (:func:`resolve_template`) and every mistake at once (:func:`compile_template` lints it).
    """

    def __init__(self, custom_folder: Optional[Path] = None) -> None:
        self.custom_folder = custom_folder
        self._compiled: dict[tuple[Path, int], CompiledTemplate] = {}
        self._lock = threading.Lock()

    @staticmethod
    def names() -> list[str]:
        return [info.name for info in list_templates()]

    def custom(self) -> list[str]:
        """The clerk's templates, by file name ("mau-huyen.docx")."""
        if self.custom_folder is None or not self.custom_folder.is_dir():
            return []
        return sorted((p.name for p in self.custom_folder.iterdir() if p.suffix.lower() == ".docx"
                       and p.is_file() and not p.name.startswith((".", "~$"))), key=str.casefold)

    def choice(self, name: Optional[str]) -> Optional[Union[str, Path]]:
        """What the library takes for ``name``: None (by profile), a built-in name, a clerk's file."""
        if not name:
            return None
        if name in self.names():
            return name
        if name in self.custom() and self.custom_folder is not None:
            return self.custom_folder / name
        choices = ", ".join(self.names() + self.custom())
        raise WebProblem(f"không có mẫu '{name}': dùng một trong {choices}")

    def for_sheet(self, loaded: LoadedSheet, name: Optional[str]) -> CompiledTemplate:
        """The compiled template ``name``, or the sheet's own when None."""
        path = resolve_template(self.choice(name), loaded.sheet.the_thuc)
        key = (path, path.stat().st_mtime_ns if path.parent == self.custom_folder else 0)
        with self._lock:
            if key not in self._compiled:
                self._compiled[key] = compile_template(path)
            return self._compiled[key]

    def render(self, loaded: LoadedSheet, name: Optional[str]) -> bytes:
        """The draft of ``loaded`` as .docx bytes, the same bytes ``drafting render`` writes."""
        return render_compiled(loaded, self.for_sheet(loaded, name))


# A sheet's file name in the workspace: no folder, no character Windows refuses, ends .yaml or .yml.
_FILE_NAME = re.compile(r'^(?!\.)[^/\\:*?"<>|\x00-\x1f]{1,120}\.ya?ml$', re.IGNORECASE)


def sheet_file_name(name: str) -> str:
    """``name`` if it can name a sheet inside the workspace; WebProblem otherwise."""
    name = name.strip()
    if not _FILE_NAME.match(name) or name.rstrip(". ") != name:
        raise WebProblem(f"tên tệp '{name}' không dùng được: chỉ một tên tệp (không có thư mục), đuôi .yaml")
    return name


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Workspace:
    """The one folder the server reads sheets from and writes sheets to."""

    def __init__(self, folder: Path):
        self.folder = Path(folder).resolve()

    def path(self, name: str) -> Path:
        """The file ``name`` inside the workspace, never outside it."""
        path = (self.folder / sheet_file_name(name)).resolve()
        if path.parent != self.folder:
            raise WebProblem(f"tệp '{name}' không nằm trong thư mục làm việc")
        return path

    def sheets(self) -> list[str]:
        """The sheets in the workspace, by name."""
        try:
            found = [p.name for p in self.folder.iterdir() if p.is_file() and _FILE_NAME.match(p.name)]
        except OSError:
            return []
        return sorted(found, key=str.casefold)

    def read(self, name: str) -> str:
        path = self.path(name)
        try:
            return path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise WebProblem(f"không có tệp '{name}' trong thư mục làm việc") from None
        except (OSError, UnicodeDecodeError):
            raise WebProblem(f"không đọc được tệp '{name}' (bảng chỉ tiêu phải lưu mã UTF-8)") from None

    def save(self, name: str, text: str, opened_digest: str) -> str:
        """Write ``text`` to ``name``; refused if the file changed since it was opened (or is another file).

        ``opened_digest`` is :func:`digest` of the text the page opened ("" for a sheet that
        is not in the workspace yet). Returns the digest of what was written.
        """
        from .._files import write_atomic

        path = self.path(name)
        if path.exists():
            try:
                current = digest(path.read_bytes().decode("utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                current = ""
            if current != opened_digest:
                raise OutputError(f"tệp '{name}' trong thư mục làm việc đã khác bản đang mở (vừa được sửa ở "
                                  "nơi khác, hoặc là một tệp khác cùng tên): lưu với tên khác")
        write_atomic(path, text.encode("utf-8"))
        return digest(text)
