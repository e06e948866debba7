"""Work that takes a while (bulk, roll-up, regenerate), run in a thread while the page watches it.

A job has its own folder inside the workspace (``ket-qua-trang-web/hang-loat-…``): the
uploads go in ``nguon/``, what the library writes beside them. The page asks for the job's
state by its id; the files it may download are named by the job, never by the browser.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..errors import DraftingError, SheetError

__all__ = ["JOBS_FOLDER", "Job", "Jobs"]

JOBS_FOLDER = "ket-qua-trang-web"


@dataclass
class Job:
    """One job and how far it got; written by its thread, read by the page."""

    id: str
    kind: str  # "hang-loat", "tong-hop", "cap-nhat"
    folder: Path
    total: Optional[int] = None  # localities to draft, when known
    done: int = 0
    failed: int = 0
    finished: bool = False
    error: str = ""  # why the job stopped short, in the library's words
    result: Any = None  # the library's result (BulkSummary, RollupResult, RegenerateResult)
    files: dict[str, Path] = field(default_factory=dict)  # what the page offers, by download name

    @property
    def sources(self) -> Path:
        return self.folder / "nguon"

    def started(self, total: Optional[int]) -> None:
        self.total = total

    def recorded(self, record: Any) -> None:
        from ..bulk.manifest import FAILED

        self.done += 1
        self.failed += record.trang_thai == FAILED

    def short(self, text: str) -> str:
        """``text`` with the job's upload folder left out of the file names: "so-lieu.csv ô Q3"."""
        return text.replace(f"{self.sources}{os.sep}", "")

    def offer(self, path: Path) -> None:
        self.files[path.name] = path

    def file(self, name: str) -> Path:
        from .workbench import WebProblem

        if name not in self.files:
            raise WebProblem(f"việc này không có tệp '{name}'", status=404)
        return self.files[name]


class Jobs:
    """The jobs of one server, by id."""

    def __init__(self, root: Path):
        self.root = root  # the workspace's folder for jobs
        self._jobs: dict[str, Job] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()

    def new(self, kind: str) -> Job:
        """A job with its own new folder (and its ``nguon/`` for uploads)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        job_id = secrets.token_urlsafe(9)
        folder = self.root / f"{kind}-{stamp}-{job_id[:4].lower()}"
        job = Job(job_id, kind, folder)
        job.sources.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._jobs[job_id] = job
        return job

    @contextmanager
    def preparing(self, kind: str) -> Iterator[Job]:
        """A new job while its request is read: forgotten, its folder removed, if the request is refused."""
        job = self.new(kind)
        try:
            yield job
        except BaseException:
            self.discard(job)
            raise

    def discard(self, job: Job) -> None:
        """Forget ``job`` and remove its folder."""
        with self._lock:
            self._jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def start(self, job: Job, work: Callable[[Job], Any]) -> None:
        """Run ``work(job)`` in a thread; its result, or its error's message, goes into the job."""

        def run() -> None:
            try:
                job.result = work(job)
            except SheetError as exc:
                job.error = "\n".join(str(p) for p in exc.problems)
            except DraftingError as exc:
                job.error = str(exc)
            except Exception as exc:  # the server goes on; the page says what happened
                job.error = f"lỗi nội bộ (hãy báo cho người phát triển): {type(exc).__name__}: {exc}"
            finally:
                job.finished = True

        thread = threading.Thread(target=run, name=f"drafting-{job.kind}", daemon=True)
        with self._lock:
            self._threads[job.id] = thread
        thread.start()

    def get(self, job_id: str) -> Job:
        from .workbench import WebProblem

        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise WebProblem("không có việc này (máy chủ đã khởi động lại?): làm lại từ đầu", status=404)
        return job

    def wait(self, job_id: str, timeout: Optional[float] = None) -> Job:
        """The job once finished (for tests and for a client that would rather wait)."""
        job = self.get(job_id)
        with self._lock:
            thread = self._threads.get(job_id)
        if thread is not None:
            thread.join(timeout)
        return job
