"""The PDFs of a bulk run: every draft of the manifest, converted in batches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..render.pdf import BATCH_SIZE, convert_to_pdf, pdf_path
from .manifest import DRAFTED, SKIPPED, read_manifest
from .run import BulkSummary

__all__ = ["BulkPdf", "bulk_pdf"]


@dataclass(frozen=True)
class BulkPdf:
    converted: int  # PDFs written by this run
    current: int  # PDFs left as they were: newer than their draft


def _is_current(draft: Path) -> bool:
    pdf = pdf_path(draft)
    try:
        return pdf.stat().st_mtime >= draft.stat().st_mtime
    except OSError:
        return False


def bulk_pdf(summary: BulkSummary, on_start: Optional[Callable[[int], None]] = None,
             on_batch: Optional[Callable[[int], None]] = None, batch_size: int = BATCH_SIZE,
             workers: Optional[int] = None) -> BulkPdf:
    """Write ``X.pdf`` beside each draft the run made or kept, in batches of ``batch_size``,
    ``workers`` LibreOffice processes at a time (one per core when not given).

    A PDF newer than its draft is kept (a run carried on after an interruption does not
    convert again what it did). ``on_start`` gets the number of drafts to convert,
    ``on_batch`` the number each batch converted.
    """
    folder = summary.manifest.parent
    drafts = [folder / r.tep for r in read_manifest(summary.manifest) if r.trang_thai in (DRAFTED, SKIPPED)]
    stale = [d for d in drafts if d.is_file() and not _is_current(d)]
    if on_start is not None:
        on_start(len(stale))
    written = convert_to_pdf(stale, batch_size, on_batch, workers)
    return BulkPdf(converted=len(written), current=len(drafts) - len(stale))
