"""Drafting one report per locality: many sheets, worker processes, a manifest, resume.

The parent process reads the localities in order, decides what can be skipped
from the previous manifest, and hands batches to workers. Each worker compiles
each template once and writes its drafts itself, so only small records travel
back. Results are taken in input order from a bounded window of batches, so the
manifest has a fixed order and memory does not grow with the number of
localities.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import zipfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional, Union

from .._files import remove_stale_temporaries, write_atomic
from ..docx.guard import refuse_to_overwrite
from ..errors import DraftingError, OutputError, SheetError
from ..render.draft import compile_template, render_compiled
from ..render.engine import CompiledTemplate
from ..render.templates import resolve_template, template_label
from .localities import LocalityJob, LocalitySource, open_localities
from .manifest import (
    DRAFTED,
    FAILED,
    SKIPPED,
    ManifestWriter,
    Record,
    manifest_path,
    read_manifest,
)

MAX_BATCH = 32


class WorkerStopped(OutputError):
    """A worker process died (killed for lack of memory, most often): the run stopped short.

    An output error (exit 6): the remaining drafts could not be written. The drafts and the
    manifest written so far are kept, so running the command again carries on.
    """


@dataclass(frozen=True)
class BulkOptions:
    output: Path
    table: Optional[Path] = None  # a table of figures; the source is then its base sheet
    template: Optional[Union[str, Path]] = None  # a name or path for every locality; None: by profile
    jobs: Optional[int] = None  # worker processes; None: one per core
    force: bool = False  # draft again even what the manifest says is up to date
    manifest_format: str = "json"


@dataclass(frozen=True)
class BulkSummary:
    total: int
    drafted: int
    skipped: int
    failed: int
    warnings: int  # number of warning messages across the drafted localities
    manifest: Path
    failures: tuple[Record, ...]


def _version() -> str:
    from .._version import __version__

    return __version__


class _Templates:
    """Compiled templates of one process, each compiled once."""

    def __init__(self, choice: Optional[Union[str, Path]]):
        self.choice = choice
        self.compiled: dict[Path, CompiledTemplate] = {}

    def for_profile(self, profile: str) -> CompiledTemplate:
        path = resolve_template(self.choice, profile)
        if path not in self.compiled:
            self.compiled[path] = compile_template(path)
        return self.compiled[path]


@dataclass
class _Worker:
    source: LocalitySource
    templates: _Templates
    version: str
    force: bool = False  # write over drafts edited since drafting made them

    def draft(self, job: LocalityJob, target: Path) -> Record:
        base = Record(dia_ban=job.label, nguon=job.origin, tep=target.name, trang_thai=FAILED,
                      sha256_nguon=job.sheet_sha256, phien_ban_drafting=self.version)
        try:
            loaded = self.source.load(job)
            compiled = self.templates.for_profile(loaded.sheet.the_thuc)
            data = render_compiled(loaded, compiled)
            # A draft cut short (not a whole zip) is remade; a whole one may hold the clerk's work.
            if not self.force and zipfile.is_zipfile(target):
                refuse_to_overwrite(target, job.file)
            write_atomic(target, data, durable=False)
        except SheetError as exc:
            return replace(base, loi=tuple(str(p) for p in exc.problems))
        except DraftingError as exc:
            return replace(base, loi=(str(exc),))
        except Exception as exc:  # one locality's bug must not stop the others
            return replace(base, loi=(f"lỗi nội bộ (hãy báo cho người phát triển): {type(exc).__name__}: {exc}",))
        return replace(
            base,
            dia_ban=loaded.sheet.dia_ban.full_name,
            trang_thai=DRAFTED,
            canh_bao=(job.note,) * bool(job.note) + tuple(str(w) for w in loaded.warnings),
            mau=template_label(compiled.path),
            sha256_mau=compiled.sha256,
            sha256_ban_nhap=hashlib.sha256(data).hexdigest(),
        )


_WORKER: Optional[_Worker] = None


def _start_worker(source: LocalitySource, choice, version: str, force: bool) -> None:
    global _WORKER
    _WORKER = _Worker(source, _Templates(choice), version, force)


def _draft_batch(batch: list[tuple[LocalityJob, Path]]) -> list[Record]:
    assert _WORKER is not None
    return [_WORKER.draft(job, target) for job, target in batch]


@dataclass
class _Resume:
    """Decides from the previous manifest whether a locality's draft is still current."""

    previous: dict
    version: str
    choice: Optional[Union[str, Path]]
    _template_sha: dict = field(default_factory=dict)

    def _sha_of(self, label: str) -> Optional[str]:
        if label not in self._template_sha:
            try:
                path = resolve_template(label, "")
                self._template_sha[label] = hashlib.sha256(path.read_bytes()).hexdigest()
            except (DraftingError, OSError):
                self._template_sha[label] = None
        return self._template_sha[label]

    def skip(self, job: LocalityJob, target: Path) -> Optional[Record]:
        record = self.previous.get(target.name)
        # A draft that is not a whole zip any more (a power cut during the last run) is made again.
        if record is None or record.trang_thai not in (DRAFTED, SKIPPED) or not zipfile.is_zipfile(target):
            return None
        if record.sha256_nguon != job.sheet_sha256 or record.phien_ban_drafting != self.version:
            return None
        if self.choice is not None and record.mau != template_label(resolve_template(self.choice, "")):
            return None
        if self._sha_of(record.mau) != record.sha256_mau:
            return None
        return replace(record, nguon=job.origin, trang_thai=SKIPPED)


def _batch_size(total: Optional[int], jobs: int) -> int:
    if not total:
        return 8
    return max(1, min(MAX_BATCH, total // (jobs * 4)))


def bulk_draft(
    source: Union[LocalitySource, str, Path],
    options: BulkOptions,
    on_start: Optional[Callable[[Optional[int]], None]] = None,
    on_record: Optional[Callable[[Record], None]] = None,
) -> BulkSummary:
    """Draft every locality of ``source`` into ``options.output``; a bad locality stops no other.

    ``source`` is a folder of sheets or, with ``options.table``, the base sheet. Problems
    with the run as a whole (no such folder, a table whose columns are wrong, a
    template that does not open) raise before anything is written.
    """
    if isinstance(source, (str, Path)):
        source = open_localities(source, options.table)
    output = _prepare_output(Path(options.output))
    version = _version()
    templates = _Templates(options.template)
    if options.template is not None:
        # A template named for every locality is checked once, before any work.
        templates.for_profile("")
    manifest = manifest_path(output, options.manifest_format)
    resume = _Resume(_previous_records(output, options), version, options.template)
    total = source.count()
    if on_start is not None:
        on_start(total)
    jobs = options.jobs or os.cpu_count() or 1
    if total:
        jobs = min(jobs, math.ceil(total / 8))  # a worker takes a second to start: 8 drafts at least each
    try:
        tally = _Tally(ManifestWriter(manifest), on_record)
    except OSError as exc:
        raise OutputError(f"không ghi được {manifest}: {exc.strerror}") from None

    def planned():
        for job in source.jobs():
            target = output / f"{job.name}.docx"
            yield job, target, resume.skip(job, target)

    try:
        if jobs == 1:
            worker = _Worker(source, templates, version, options.force)
            for job, target, skipped in planned():
                tally.emit([skipped or worker.draft(job, target)])
        else:
            _run_pool(source, (options.template, version, options.force), jobs, _batch_size(total, jobs),
                      planned(), tally.emit)
    except BrokenProcessPool:
        raise WorkerStopped(
            "một tiến trình soạn bị dừng đột ngột (có thể do thiếu bộ nhớ: thử -j nhỏ hơn); "
            "các bản đã soạn và bảng kê vẫn còn, chạy lại lệnh để làm tiếp"
        ) from None
    finally:
        tally.writer.close()
    return tally.summary(manifest)


def _prepare_output(output: Path) -> Path:
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"không tạo được thư mục {output}: {exc.strerror}") from None
    remove_stale_temporaries(output)
    return output


def _previous_records(output: Path, options: BulkOptions) -> dict[str, Record]:
    """What an earlier run wrote, by file name (none with --force), from either manifest format."""
    if options.force:
        return {}
    previous = {r.tep: r for r in read_manifest(manifest_path(output, options.manifest_format))}
    other = "csv" if options.manifest_format == "json" else "json"
    for record in read_manifest(manifest_path(output, other)):
        previous.setdefault(record.tep, record)
    return previous


class _Tally:
    """Records as they come, in input order: written to the manifest and counted."""

    def __init__(self, writer: ManifestWriter, on_record: Optional[Callable[[Record], None]]):
        self.writer, self.on_record = writer, on_record
        self.counts = {DRAFTED: 0, SKIPPED: 0, FAILED: 0}
        self.warnings = 0
        self.failures: list[Record] = []

    def emit(self, records: list[Record]) -> None:
        for record in records:
            self.writer.write(record)
            self.counts[record.trang_thai] += 1
            if record.trang_thai == DRAFTED:
                self.warnings += len(record.canh_bao)
            if record.trang_thai == FAILED:
                self.failures.append(record)
            if self.on_record is not None:
                self.on_record(record)

    def summary(self, manifest: Path) -> BulkSummary:
        return BulkSummary(
            total=sum(self.counts.values()),
            drafted=self.counts[DRAFTED],
            skipped=self.counts[SKIPPED],
            failed=self.counts[FAILED],
            warnings=self.warnings,
            manifest=manifest,
            failures=tuple(self.failures),
        )


def _run_pool(source, settings: tuple, jobs, batch_size, planned, emit) -> None:
    # "spawn" everywhere: what Windows does anyway, and safe beside the progress bar's thread.
    context = multiprocessing.get_context("spawn")
    window: deque[Union[Future, list[Record]]] = deque()
    in_flight_limit = jobs * 2
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(source, *settings)) as pool:
        batch: list[tuple[LocalityJob, Path]] = []

        def drain(limit: int) -> None:
            while window and (len(window) > limit or not isinstance(window[0], Future)):
                head = window.popleft()
                emit(head.result() if isinstance(head, Future) else head)

        def submit() -> None:
            if batch:
                window.append(pool.submit(_draft_batch, list(batch)))
                batch.clear()

        for job, target, skipped in planned:
            if skipped is not None:
                submit()  # keep the manifest in input order
                window.append([skipped])
            else:
                batch.append((job, target))
                if len(batch) >= batch_size:
                    submit()
            drain(in_flight_limit)
        submit()
        drain(0)
