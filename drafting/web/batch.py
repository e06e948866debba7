"""Bulk and roll-up on the page: upload the localities, watch the job, download the results.

The localities are a base sheet and a table (CSV or Excel), or the sheets themselves;
the job runs :func:`drafting.bulk.run.bulk_draft` (then the .zip) or
:func:`drafting.bulk.rollup.rollup` in the job's folder inside the workspace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from ..bulk.tables import TABLE_SUFFIXES
from .jobs import Job, Jobs
from .uploads import read_form, save_upload, save_uploads, upload_of
from .workbench import WebProblem

__all__ = ["batch_routes", "render_page"]

SHEET_SUFFIXES = (".yaml", ".yml")
ZIP_TYPE = "application/zip"


def render_page(request: Request, name: str, context: dict, status: int = 200) -> Response:
    from .pages import render_template

    return render_template(request, name, context, status)


def _jobs(request: Request) -> Jobs:
    return request.app.state.jobs


async def bulk_page(request: Request) -> Response:
    """GET /bulk: the bulk and roll-up forms."""
    return render_page(request, "bulk.html", {})


async def _localities(form: FormData, job: Job) -> tuple[Path, Optional[Path]]:
    """The uploaded localities: (base sheet, table) or (folder of sheets, None)."""
    base, table = upload_of(form, "base"), upload_of(form, "table")
    sheets = [f for f in form.getlist("sheets") if not isinstance(f, str) and f.filename]
    if base is not None and table is not None:
        return (await save_upload(base, job.sources, SHEET_SUFFIXES, "bảng chỉ tiêu cơ sở", "co-so"),
                await save_upload(table, job.sources, TABLE_SUFFIXES, "bảng số liệu", "so-lieu"))
    if sheets:
        return await save_uploads(sheets, job.sources / "dia-ban", SHEET_SUFFIXES, "bảng chỉ tiêu"), None
    raise WebProblem("chưa chọn địa bàn: một bảng chỉ tiêu cơ sở cùng bảng số liệu (.csv, .xlsx), "
                     "hoặc các bảng chỉ tiêu (.yaml) của từng địa bàn")


def template_choice(request: Request, form: FormData) -> Optional[Union[str, Path]]:
    """The template chosen on the form: None (by each sheet's profile), a built-in name, a clerk's one."""
    return request.app.state.templates.choice(str(form.get("template", "")))


def run_bulk(job: Job, source: Path, table: Optional[Path], template: Optional[Union[str, Path]], pdf: bool):
    from ..bulk.archive import archive_bulk
    from ..bulk.run import BulkOptions, bulk_draft

    summary = bulk_draft(source, BulkOptions(output=job.folder / "ban-du-thao", table=table, template=template),
                         on_start=job.started, on_record=job.recorded)
    if pdf and summary.drafted + summary.skipped:
        from ..bulk.pdf import bulk_pdf

        bulk_pdf(summary)
    job.offer(archive_bulk(summary, job.folder / "ban-du-thao.zip"))
    job.offer(summary.manifest)
    return summary


async def bulk_upload(request: Request) -> Response:
    """POST /upload/bulk: start drafting every locality; the job's page shows how far it got."""
    with _jobs(request).preparing("hang-loat") as job:
        async with read_form(request) as form:
            source, table = await _localities(form, job)
            template, pdf = template_choice(request, form), form.get("pdf") == "1"
    _jobs(request).start(job, lambda j: run_bulk(j, source, table, template, pdf))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def run_rollup(job: Job, source: Path, table: Optional[Path], upper: Path,
               template: Optional[Union[str, Path]]):
    from ..bulk.rollup import rollup

    job.started(None)
    result = rollup(source, upper, job.folder / "bao-cao-tong-hop.docx", table=table, template=template)
    job.offer(result.draft)
    job.offer(result.sheet)
    return result


async def rollup_upload(request: Request) -> Response:
    """POST /upload/rollup: add up the localities into the upper level's sheet, render its draft."""
    with _jobs(request).preparing("tong-hop") as job:
        async with read_form(request) as form:
            upper_file = upload_of(form, "upper")
            if upper_file is None:
                raise WebProblem("chưa chọn bảng chỉ tiêu của cấp trên (.yaml): lời văn, nhiệm vụ, người ký")
            upper = await save_upload(upper_file, job.sources, SHEET_SUFFIXES, "bảng chỉ tiêu cấp trên",
                                      "cap-tren")
            source, table = await _localities(form, job)
            template = template_choice(request, form)
    _jobs(request).start(job, lambda j: run_rollup(j, source, table, upper, template))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


async def job_page(request: Request) -> Response:
    """GET /jobs/{id}: the job's page, following it until it is done."""
    job = _jobs(request).get(request.path_params["job"])
    return render_page(request, "job.html", {"job": job})


async def job_state(request: Request) -> Response:
    """GET /jobs/{id}/state: the job's state as a fragment (the page asks again until finished)."""
    job = _jobs(request).get(request.path_params["job"])
    return render_page(request, "_job.html", {"job": job})


async def job_file(request: Request) -> Response:
    """GET /jobs/{id}/files/{name}: a file the job made, by the name the job gave it."""
    job = _jobs(request).get(request.path_params["job"])
    path = job.file(request.path_params["name"])
    media = {".zip": ZIP_TYPE, ".json": "application/json", ".csv": "text/csv; charset=utf-8",
             ".yaml": "text/yaml; charset=utf-8", ".pdf": "application/pdf",
             ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    return FileResponse(path, media_type=media.get(path.suffix, "application/octet-stream"), filename=path.name)


def batch_routes() -> list[Route]:
    return [
        Route("/bulk", bulk_page, methods=["GET"]),
        Route("/upload/bulk", bulk_upload, methods=["POST"]),
        Route("/upload/rollup", rollup_upload, methods=["POST"]),
        Route("/jobs/{job}", job_page, methods=["GET"]),
        Route("/jobs/{job}/state", job_state, methods=["GET"]),
        Route("/jobs/{job}/files/{name}", job_file, methods=["GET"]),
    ]
