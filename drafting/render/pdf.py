"""Drafts to PDF with LibreOffice headless: many drafts per soffice process.

Starting LibreOffice takes most of the time of a conversion, so drafts are converted
in batches, one ``soffice --convert-to pdf`` process for each batch, and the batches run
side by side, one process per worker (a soffice process converts on one core). Each
process has its own user profile in a temporary folder (``-env:UserInstallation``): it
neither waits for nor disturbs a LibreOffice the clerk has open, nor another worker.
``X.docx`` gives ``X.pdf`` in the same folder, written atomically.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional

from .._files import write_atomic
from ..errors import OutputError

__all__ = [
    "BATCH_SIZE", "SOFFICE_VARIABLE", "PdfFailed", "PdfUnavailable", "convert_to_pdf", "default_workers",
    "find_soffice", "pdf_bytes", "pdf_path", "require_soffice",
]

BATCH_SIZE = 50  # drafts per soffice process; also keeps a Windows command line short
SOFFICE_VARIABLE = "DRAFTING_SOFFICE"  # a soffice elsewhere (a portable LibreOffice)
_START_SECONDS = 180  # LibreOffice's first start with a new profile, on a slow machine
_SECONDS_PER_DRAFT = 60
_MAX_WORKERS = 4  # each soffice holds some 200 MB; more rarely pays on an office PC

# Where the LibreOffice installers put soffice when it is not on PATH.
_USUAL_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice/program/soffice",
)


class PdfUnavailable(OutputError):
    """LibreOffice, which turns a draft into PDF, is not installed (exit 6: the PDF is not written)."""


class PdfFailed(OutputError):
    """LibreOffice ran but did not write the PDF of some drafts."""


def find_soffice() -> Optional[Path]:
    """LibreOffice's ``soffice``: $DRAFTING_SOFFICE, then PATH, then the usual install folders."""
    named = os.environ.get(SOFFICE_VARIABLE)
    if named and Path(named).is_file():
        return Path(named)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for place in _USUAL_PLACES:
        if Path(place).is_file():
            return Path(place)
    return None


def _install_hint() -> str:
    if sys.platform == "win32":
        return ("tải LibreOffice (miễn phí) ở trang libreoffice.org, cài vào thư mục mặc định "
                r"(C:\Program Files\LibreOffice)")
    if sys.platform == "darwin":
        return "tải LibreOffice (miễn phí) ở trang libreoffice.org, kéo vào thư mục Applications"
    return "cài LibreOffice, ví dụ trên Debian, Ubuntu: sudo apt install libreoffice-writer"


def require_soffice() -> Path:
    """The soffice to run; PdfUnavailable, saying how to install LibreOffice, when there is none."""
    found = find_soffice()
    if found is None:
        raise PdfUnavailable(
            "không xuất được PDF vì máy chưa cài LibreOffice (drafting dùng LibreOffice để chuyển bản "
            f"Word sang PDF): {_install_hint()}, rồi chạy lại lệnh. Nếu LibreOffice cài ở thư mục khác, "
            f"đặt biến môi trường {SOFFICE_VARIABLE} là đường dẫn tới tệp soffice"
        )
    return found


def pdf_path(draft: Path) -> Path:
    """Where the PDF of ``draft`` goes: beside it, same name, ending .pdf."""
    return Path(draft).with_suffix(".pdf")


def _batches(drafts: Sequence[Path], size: int) -> Iterable[list[Path]]:
    """Batches of at most ``size`` drafts, no two with the same name (their PDFs would collide)."""
    waiting = list(drafts)
    while waiting:
        batch: list[Path] = []
        names: set[str] = set()
        later: list[Path] = []
        for draft in waiting:
            key = draft.stem.casefold()
            if len(batch) < size and key not in names:
                batch.append(draft)
                names.add(key)
            else:
                later.append(draft)
        yield batch
        waiting = later


def _run(command: list[str], timeout: float) -> str:
    """Run soffice; its output (for a message) or PdfFailed when it runs out of time."""
    options: dict = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}
    if os.name == "nt":
        options["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        options["start_new_session"] = True  # soffice starts soffice.bin: stop the whole group
    process = subprocess.Popen(command, **options)
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfFailed(f"LibreOffice không chuyển xong sang PDF sau {int(timeout)} giây") from None
    return out.decode("utf-8", "replace").strip()


def _convert_batch(soffice: Path, batch: list[Path]) -> list[Path]:
    """Convert one batch in one soffice process; the PDFs written, in the batch's order."""
    with tempfile.TemporaryDirectory(prefix="drafting-pdf-") as tmp:
        profile, staging = Path(tmp) / "profile", Path(tmp) / "pdf"
        command = [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
                   "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   "--convert-to", "pdf", "--outdir", str(staging), *(str(d) for d in batch)]
        output = _run(command, _START_SECONDS + _SECONDS_PER_DRAFT * len(batch))
        written: list[Path] = []
        missing: list[str] = []
        for draft in batch:
            produced = staging / f"{draft.stem}.pdf"
            if not produced.is_file():
                missing.append(draft.name)
                continue
            target = pdf_path(draft)
            write_atomic(target, produced.read_bytes(), durable=False)
            written.append(target)
    if missing:
        detail = f" (LibreOffice báo: {output.splitlines()[-1]})" if output else ""
        raise PdfFailed(f"LibreOffice không chuyển được sang PDF: {', '.join(missing)}{detail}")
    return written


def default_workers() -> int:
    """soffice processes run side by side: one per core, at most four."""
    return max(1, min(os.cpu_count() or 1, _MAX_WORKERS))


def _plan(drafts: Sequence[Path], batch_size: int, workers: int) -> list[list[Path]]:
    # Enough batches to give every worker one, none over batch_size.
    share = -(-len(drafts) // workers)  # ceiling division
    return list(_batches(drafts, max(1, min(batch_size, share))))


def convert_to_pdf(drafts: Sequence[Path], batch_size: int = BATCH_SIZE,
                   on_batch: Optional[Callable[[int], None]] = None,
                   workers: Optional[int] = None) -> list[Path]:
    """Write ``X.pdf`` beside each ``X.docx`` of ``drafts``: at most ``batch_size`` drafts per
    soffice process, ``workers`` processes at a time (``default_workers()`` when not given).

    ``on_batch`` is called with the number of drafts each finished batch converted.
    Raises PdfUnavailable without LibreOffice, PdfFailed when a draft was not converted
    (every other batch is still written).
    """
    if not drafts:
        return []
    soffice = require_soffice()
    drafts = [Path(d).resolve() for d in drafts]
    for draft in drafts:
        if not draft.is_file():
            raise PdfFailed(f"không tìm thấy bản dự thảo {draft} để chuyển sang PDF")
    workers = max(1, workers or default_workers())
    batches = _plan(drafts, batch_size, workers)

    def convert(batch: list[Path]) -> list[Path]:
        pdfs = _convert_batch(soffice, batch)
        if on_batch is not None:
            on_batch(len(batch))
        return pdfs

    written: list[Path] = []
    failures: list[PdfFailed] = []
    with ThreadPoolExecutor(max_workers=min(workers, len(batches))) as pool:
        for future in [pool.submit(convert, batch) for batch in batches]:
            try:
                written += future.result()
            except PdfFailed as failure:
                failures.append(failure)
    if failures:
        raise PdfFailed("; ".join(str(f) for f in failures))
    return written


def pdf_bytes(docx: bytes, name: str = "ban-du-thao") -> bytes:
    """The PDF of a draft held in memory (for a web page); nothing is left on disk."""
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="drafting-pdf-") as tmp:
        draft = Path(tmp) / f"{name}.docx"
        draft.write_bytes(docx)
        (pdf,) = _convert_batch(soffice, [draft])
        return pdf.read_bytes()
