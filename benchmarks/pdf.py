"""PDF conversion: one soffice process for a batch of drafts, against one soffice call per draft.

    python benchmarks/pdf.py          # the 30 drafts of examples/nghe-an-2025
    python benchmarks/pdf.py -n 10    # the first 10

Three ways are measured side by side in one run, on the same drafts (rendered
first, not timed), each with a fresh LibreOffice profile as drafting uses it:
``convert_to_pdf(drafts)`` (batches, one soffice process per worker, as many workers
as cores up to 4), the same with one worker (one process for all), and
``convert_to_pdf([draft])`` once per draft. Prints PDFs per second, seconds per
draft and the ratios.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting import BulkOptions, bulk_draft  # noqa: E402
from drafting.render.pdf import convert_to_pdf, default_workers, find_soffice  # noqa: E402

LOCALITIES = ROOT / "examples" / "nghe-an-2025" / "dia-ban"


def _drafts(folder: Path, count: int) -> list[Path]:
    sheets = folder / "sheets"
    sheets.mkdir()
    for sheet in sorted(LOCALITIES.glob("*.yaml"))[:count]:
        shutil.copy(sheet, sheets / sheet.name)
    bulk_draft(sheets, BulkOptions(folder / "drafts", jobs=1))
    return sorted((folder / "drafts").glob("*.docx"))


def _copy(drafts: list[Path], folder: Path) -> list[Path]:
    folder.mkdir()
    return [Path(shutil.copy(d, folder / d.name)) for d in drafts]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="number of drafts (at most 30)")
    count = parser.parse_args().n
    soffice = find_soffice()
    if soffice is None:
        print("LibreOffice (soffice) is not installed: nothing to measure.")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        drafts = _drafts(Path(tmp), count)
        folders = [_copy(drafts, Path(tmp) / name) for name in ("workers", "one", "single")]
        start = time.perf_counter()
        convert_to_pdf(folders[0])
        parallel = time.perf_counter() - start
        start = time.perf_counter()
        convert_to_pdf(folders[1], workers=1)
        batch = time.perf_counter() - start
        start = time.perf_counter()
        for draft in folders[2]:
            convert_to_pdf([draft])
        single = time.perf_counter() - start
    n, workers = len(drafts), default_workers()
    print(f"{n} drafts of examples/nghe-an-2025 to PDF with {soffice}")
    for name, took in ((f"batches, {workers} workers", parallel), ("one batch, 1 worker", batch),
                       ("one soffice per draft", single)):
        print(f"  {name:24} {took:7.2f} s  {n / took:6.2f} PDFs/s  {took / n:5.2f} s/draft")
    print(f"  batches with workers are {single / parallel:.1f}x faster than one soffice per draft,"
          f" {batch / parallel:.1f}x faster than one batch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
