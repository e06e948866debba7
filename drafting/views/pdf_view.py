"""The progress bar of converting a bulk run's drafts to PDF."""

from __future__ import annotations

from typing import Optional

from .bulk_view import BulkProgress

__all__ = ["PdfProgress"]


class PdfProgress(BulkProgress):
    """BulkProgress for ``bulk_pdf``: a bar advanced by whole batches."""

    def start(self, total: Optional[int]) -> None:
        if self.show and total:
            self.bar.start()
            self.task = self.bar.add_task("Đang chuyển PDF", total=total)

    def advance_by(self, count: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, count)
