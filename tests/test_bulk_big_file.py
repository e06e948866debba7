"""A folder of sheets holding a file over the 2 MB limit: bulk refuses it from its size, without
reading it, says so with the others' errors, and drafts the rest (exit 4)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import COMMUNE

from drafting.bulk.localities import FolderSource
from drafting.cli import main
from drafting.sheet.yaml_source import MAX_SHEET_BYTES


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "dia-ban"
    folder.mkdir()
    shutil.copy(COMMUNE, folder / "xa-hung-nguyen.yaml")
    with (folder / "lon.yaml").open("wb") as handle:  # 3 MB of comment
        handle.write(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    return folder


def test_the_big_file_is_refused_and_the_others_are_drafted(tmp_path, capsys):
    folder = _folder(tmp_path)
    code = main(["bulk", str(folder), "-o", str(tmp_path / "ra"), "-q", "-j", "1"])
    err = capsys.readouterr().err
    assert code == 4
    assert err.splitlines() == [
        "lỗi: lon.yaml:",
        f"  {folder / 'lon.yaml'}: tệp quá lớn (3,1 MB): bảng chỉ tiêu không được lớn hơn 2 MB "
        "(một bảng thường dưới 50 KB)",
    ]
    assert (tmp_path / "ra" / "xa-hung-nguyen.docx").is_file()


def test_the_big_file_is_not_read(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    big = folder / "lon.yaml"
    assert big.stat().st_size > MAX_SHEET_BYTES
    opened: list[Path] = []
    real_open, real_read = Path.open, Path.read_bytes

    def spy_open(self, *args, **kwargs):
        opened.append(self)
        return real_open(self, *args, **kwargs)

    def spy_read(self):
        opened.append(self)
        return real_read(self)

    monkeypatch.setattr(Path, "open", spy_open)
    monkeypatch.setattr(Path, "read_bytes", spy_read)
    jobs = {job.origin: job for job in FolderSource(folder).jobs()}
    assert big not in opened and folder / "xa-hung-nguyen.yaml" in opened
    assert jobs["lon.yaml"].text is None and jobs["xa-hung-nguyen.yaml"].text is not None
