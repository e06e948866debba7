"""PDF beside the draft: `render --pdf`, `bulk --pdf`, and the message when LibreOffice is missing."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import drafting.render.pdf as pdf
from drafting.cli import main

from conftest import COMMUNE, EXAMPLES

HAS_OFFICE = pdf.find_soffice() is not None
needs_office = pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice (soffice) is not installed")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


@needs_office
@needs_poppler
def test_render_pdf_writes_a_pdf_beside_the_draft_with_its_title(tmp_path, capsys):
    target = tmp_path / "bao-cao.docx"
    code = main(["render", str(COMMUNE), "-o", str(target), "--pdf"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.splitlines() == [f"Đã ghi bản dự thảo: {target}", f"Đã ghi bản PDF: {tmp_path / 'bao-cao.pdf'}"]
    text = " ".join(_pdf_text(tmp_path / "bao-cao.pdf").split())
    assert "KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025" in text.upper()
    assert "Lê Văn Minh" in text


@needs_office
def test_bulk_pdf_converts_every_draft_in_batches_and_keeps_current_ones(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "dia-ban"
    folder.mkdir()
    for name in sorted((EXAMPLES / "nghe-an-2025" / "dia-ban").glob("*.yaml"))[:3]:
        shutil.copy(name, folder / name.name)
    processes = []
    real_run = pdf._run
    monkeypatch.setattr(pdf, "_run", lambda command, timeout: processes.append(command) or real_run(command, timeout))
    out_dir = tmp_path / "ra"
    assert main(["bulk", str(folder), "-o", str(out_dir), "-q", "-j", "1", "--pdf"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Đã chuyển 3 bản dự thảo sang PDF."
    assert len(processes) == 1  # one soffice for the three drafts
    assert sorted(p.stem for p in out_dir.glob("*.pdf")) == sorted(p.stem for p in out_dir.glob("*.docx"))
    assert main(["bulk", str(folder), "-o", str(out_dir), "-q", "-j", "1", "--pdf"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Đã chuyển 0 bản dự thảo sang PDF (3 bản PDF đã có, không đổi)."
    assert len(processes) == 1


def test_without_libreoffice_render_pdf_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    monkeypatch.setattr(pdf.sys, "platform", "win32")
    target = tmp_path / "bao-cao.docx"
    code = main(["render", str(COMMUNE), "-o", str(target), "--pdf"])
    out, err = capsys.readouterr()
    assert code == 6
    assert out.startswith(f"Đã ghi bản dự thảo: {target}\n")  # the Word draft is there all the same
    assert target.is_file() and not target.with_suffix(".pdf").exists()
    assert err.startswith("lỗi: không xuất được PDF vì máy chưa cài LibreOffice")
    assert r"C:\Program Files\LibreOffice" in err and "DRAFTING_SOFFICE" in err


def test_soffice_is_looked_for_in_the_usual_windows_folder(monkeypatch):
    monkeypatch.delenv(pdf.SOFFICE_VARIABLE, raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    seen = []
    monkeypatch.setattr(pdf.Path, "is_file", lambda self: seen.append(str(self)) or False)
    assert pdf.find_soffice() is None
    assert r"C:\Program Files\LibreOffice\program\soffice.exe" in seen


@needs_office
@needs_poppler
def test_two_workers_convert_side_by_side_each_with_its_own_profile(tmp_path, monkeypatch):
    drafts = []
    for name in sorted((EXAMPLES / "nghe-an-2025" / "dia-ban").glob("*.yaml"))[:3]:
        target = tmp_path / f"{name.stem}.docx"
        assert main(["render", str(name), "-o", str(target)]) == 0
        drafts.append(target)
    processes = []
    real_run = pdf._run
    monkeypatch.setattr(pdf, "_run", lambda command, timeout: processes.append(command) or real_run(command, timeout))
    finished = []
    written = pdf.convert_to_pdf(drafts, workers=2, on_batch=finished.append)
    assert written == [d.with_suffix(".pdf") for d in drafts]
    assert sorted(finished) == [1, 2] and len(processes) == 2  # batches of 2 and 1, one soffice each
    profiles = {next(arg for arg in command if arg.startswith("-env:UserInstallation=")) for command in processes}
    assert len(profiles) == 2
    for draft in drafts:
        assert "KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025" in _pdf_text(draft.with_suffix(".pdf")).upper()


def test_batches_are_shared_among_the_workers(tmp_path):
    drafts = [tmp_path / f"{i}.docx" for i in range(7)]
    assert [len(b) for b in pdf._plan(drafts, 50, 2)] == [4, 3]
    assert [len(b) for b in pdf._plan(drafts, 3, 2)] == [3, 3, 1]
    assert [len(b) for b in pdf._plan(drafts[:1], 50, 4)] == [1]


def test_batches_never_hold_two_drafts_of_one_name(tmp_path):
    drafts = [tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx", tmp_path / "a" / "y.docx"]
    assert list(pdf._batches(drafts, 50)) == [[drafts[0], drafts[2]], [drafts[1]]]
    assert [len(b) for b in pdf._batches([tmp_path / f"{i}.docx" for i in range(5)], 2)] == [2, 2, 1]
