"""Where the localities of a bulk run come from: a folder of sheets, or a base sheet and a table.

A source yields small, picklable jobs in a fixed order (file names sorted, or
table rows in order), each with a unique output name and the hash of what will
make its sheet. Worker processes receive the source once and turn each job into
a validated sheet with :meth:`load`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ..errors import Location, Problem, SheetError
from ..lang import has_file_name, slugify
from ..sheet.catalogue import load_catalogue
from ..sheet.loading import LoadedSheet, parse_sheet, validate_source
from ..sheet.yaml_source import MAX_SHEET_BYTES, parse_yaml, read_text
from .tables import LEVEL_COLUMN, NAME_COLUMN, Row, Table, row_source

SHEET_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LocalityJob:
    """One locality to draft."""

    name: str  # output file stem, unique within the run
    origin: str  # where its sheet comes from, for people: "dia-ban/xa-a.yaml", "so-lieu.csv hàng 7"
    sheet_sha256: str
    label: str = ""  # the locality's name when known before loading ("xã An Hòa")
    text: Optional[str] = None  # a folder sheet's YAML
    file: Optional[Path] = None
    row: Optional[Row] = None  # a table row
    note: str = ""  # said in the manifest: how the file got its name when the locality's gave none


class _Names:
    """Gives each locality a distinct file stem: a second "xa-an-hoa" becomes "xa-an-hoa-2"."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, text: str) -> str:
        stem = slugify(text)
        name, n = stem, 1
        while name in self.used:
            n += 1
            name = f"{stem}-{n}"
        self.used.add(name)
        return name


class FolderSource:
    """Every .yaml sheet in a folder (not its subfolders), one locality each."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise SheetError([Problem(Location(self.folder, None, None, ""), "không tìm thấy thư mục")])
        self.files = sorted(
            (p for p in self.folder.iterdir() if p.is_file() and p.suffix.lower() in SHEET_SUFFIXES),
            key=lambda p: p.name,
        )
        if not self.files:
            raise SheetError([Problem(Location(self.folder, None, None, ""),
                                      "thư mục không có bảng chỉ tiêu nào (.yaml)")])

    def count(self) -> int:
        return len(self.files)

    def jobs(self) -> Iterator[LocalityJob]:
        names = _Names()
        for number, path in enumerate(self.files, start=1):
            text, digest = _read_sheet(path)
            stem, note = path.stem, ""
            if not has_file_name(stem):
                stem = f"tep {number}"
                note = f"tên tệp '{path.name}' không có chữ để đặt tên bản dự thảo: đặt theo thứ tự tệp"
            yield LocalityJob(names.take(stem), path.name, digest, text=text, file=path, note=note)

    def load(self, job: LocalityJob) -> LoadedSheet:
        assert job.file is not None  # a job of a folder of sheets has its file
        text = job.text if job.text is not None else read_text(job.file)
        return parse_sheet(text, job.file)


def _read_sheet(path: Path) -> tuple[Optional[str], str]:
    """A folder sheet's text and the hash of its bytes (a rerun skips it if unchanged). A file over
    MAX_SHEET_BYTES is refused from its size, unread, as read_text does; it, and a file unreadable
    or not UTF-8, still gets a job, so that it is reported with the others (load() says why)."""
    try:
        stat = path.stat()
        if stat.st_size > MAX_SHEET_BYTES:
            return None, hashlib.sha256(f"{stat.st_size} {stat.st_mtime_ns}".encode()).hexdigest()
        with path.open("rb") as handle:
            raw = handle.read(MAX_SHEET_BYTES + 1)  # no further, whatever the size said
    except OSError:
        return None, hashlib.sha256(b"").hexdigest()
    try:
        text = raw.decode("utf-8-sig") if len(raw) <= MAX_SHEET_BYTES else None
    except UnicodeDecodeError:
        text = None
    return text, hashlib.sha256(raw).hexdigest()


class TableSource:
    """A base sheet (what all localities share) and a table with one row per locality."""

    def __init__(self, base: Path, table: Path):
        self.base_path = Path(base)
        text = read_text(self.base_path)
        self.base = parse_yaml(text, self.base_path)
        if not isinstance(self.base.data, dict):
            raise SheetError([self.base.problem((), "bảng chỉ tiêu phải là các dòng 'khóa: giá trị'")])
        self.table = Table(table, self.base.data, load_catalogue())
        self._base_sha = hashlib.sha256(text.encode("utf-8")).digest()

    def count(self) -> Optional[int]:
        return self.table.count()

    def jobs(self) -> Iterator[LocalityJob]:
        names = _Names()
        level_in_base = (self.base.data.get("dia_ban") or {}).get("cap", "") if isinstance(
            self.base.data.get("dia_ban"), dict) else ""
        headers = {c.index: c.header for c in self.table.columns}
        for row in self.table.rows():
            name = self.table.text(row, NAME_COLUMN)
            level = self.table.text(row, LEVEL_COLUMN) or str(level_in_base or "")
            label = f"{level} {name}".strip() if name else ""
            stem, note = label or f"hang {row.number}", ""
            if name and not has_file_name(name):
                stem = f"{level} hang {row.number}"
                note = f"tên địa bàn '{name}' không có chữ để đặt tên bản dự thảo: đặt theo hàng {row.number}"
            digest = hashlib.sha256(self._base_sha)
            cells = sorted((headers[i], str(v)) for i, v in row.values.items() if i in headers)
            digest.update(json.dumps(cells, ensure_ascii=False).encode("utf-8"))
            yield LocalityJob(names.take(stem), f"{self.table.path.name} hàng {row.number}", digest.hexdigest(),
                              label=label, row=row, note=note)

    def load(self, job: LocalityJob) -> LoadedSheet:
        row = job.row
        assert row is not None  # a job of a table has its row
        if self.table.text(row, NAME_COLUMN) is None:
            column = next(c for c in self.table.columns if c.path == NAME_COLUMN)
            raise SheetError([Problem(self.table.cell(row, column), "thiếu tên địa bàn")])
        return validate_source(row_source(self.base, self.table, row))


LocalitySource = Union[FolderSource, TableSource]


def open_localities(path: Union[str, Path], table: Optional[Union[str, Path]] = None) -> LocalitySource:
    """A folder of sheets, or (with ``table``) a base sheet and its table of figures."""
    path = Path(path)
    if table is not None:
        return TableSource(path, Path(table))
    if path.is_file():
        raise SheetError([Problem(Location(path, None, None, ""),
                                  "đây là một tệp: cần thư mục các bảng chỉ tiêu, "
                                  "hoặc tệp cơ sở kèm bảng số liệu (-b SỐ_LIỆU.csv)")])
    return FolderSource(path)
