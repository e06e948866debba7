"""Regenerate and the clerk's own templates on the page.

Regenerate: an edited draft is uploaded, a new sheet chosen (from the workspace or
uploaded), :func:`drafting.cycle.regenerate.regenerate_bytes` merges them; the job's page
shows the merge summary and the conflicts and offers the merged draft.

Templates: a .docx uploaded goes through :func:`drafting.render.lint.lint_template` (the
checks of ``drafting lint``); one without mistakes is kept in the workspace's ``mau/``
and offered wherever a template is chosen, where the profile check and the sandbox
apply as on the command line.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional, Union

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .._files import write_atomic
from ..sheet.loading import LoadedSheet, parse_sheet
from .batch import SHEET_SUFFIXES, render_page, template_choice
from .jobs import Job
from .uploads import read_form, save_upload, upload_of
from .workbench import WebProblem

__all__ = ["CUSTOM_TEMPLATES", "cycle_routes"]

CUSTOM_TEMPLATES = "mau"
DOCX_SUFFIXES = (".docx",)


async def regenerate_page(request: Request) -> Response:
    """GET /regenerate: the form (an edited draft, the new sheet, the template)."""
    return render_page(request, "regenerate.html", {"sheets": request.app.state.workspace.sheets()})


def _loaded(text: str, name: str) -> LoadedSheet:
    """The new sheet, checked; SheetError (every located problem, named by the sheet's file name)."""
    return parse_sheet(text, Path(name))


def run_regenerate(job: Job, draft: Path, loaded: LoadedSheet, template: Optional[Union[str, Path]]):
    from ..cycle.regenerate import regenerate_bytes

    job.started(None)
    result, data = regenerate_bytes(draft.read_bytes(), loaded, template=template, name=draft.name)
    target = job.folder / f"{draft.stem}-cap-nhat.docx"
    write_atomic(target, data)
    job.offer(target)
    return result


async def _new_sheet(request: Request, form: FormData, job: Job) -> LoadedSheet:
    """The sheet chosen for regenerate: uploaded, or one of the workspace's; checked."""
    upload, name = upload_of(form, "sheet"), str(form.get("sheet_name", ""))
    if upload is not None:
        path = await save_upload(upload, job.sources, SHEET_SUFFIXES, "bảng chỉ tiêu", "bang-chi-tieu")
        name = path.name  # messages name the file as the clerk knows it, not by its folder on the server
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WebProblem(f"tệp '{name}' không phải mã UTF-8: hãy lưu lại với mã UTF-8") from None
    elif name:
        text = request.app.state.workspace.read(name)
    else:
        raise WebProblem("chưa chọn bảng chỉ tiêu mới: một bảng trong thư mục làm việc, hoặc tải lên tệp .yaml")
    return await run_in_threadpool(_loaded, text, name)


async def regenerate_upload(request: Request) -> Response:
    """POST /upload/regenerate: merge the new sheet's figures into the edited draft."""
    jobs = request.app.state.jobs
    with jobs.preparing("cap-nhat") as job:
        async with read_form(request) as form:
            draft_file = upload_of(form, "draft")
            if draft_file is None:
                raise WebProblem("chưa chọn bản dự thảo đã sửa (.docx) để cập nhật")
            draft = await save_upload(draft_file, job.sources, DOCX_SUFFIXES, "bản dự thảo Word", "ban-du-thao")
            loaded = await _new_sheet(request, form, job)
            template = template_choice(request, form)
    jobs.start(job, lambda j: run_regenerate(j, draft, loaded, template))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


async def templates_page(request: Request, lint=None, status: int = 200) -> Response:
    """GET /templates: the built-in templates and the clerk's own; the form to add one."""
    return render_page(request, "templates.html", {"lint": lint}, status)


def _custom_folder(request: Request) -> Path:
    return request.app.state.workspace.folder / CUSTOM_TEMPLATES


def check_and_keep(candidate: Path, folder: Path):
    """Lint ``candidate``; keep it in ``folder`` when nothing but the sandbox objects (as ``render -t``)."""
    from ..render.lint import lint_template

    result = lint_template(candidate)
    if all(problem.sandbox for problem in result.problems):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(candidate, folder / candidate.name)
    return result


async def template_upload(request: Request) -> Response:
    """POST /upload/template: check a clerk's template; keep it if it has no mistake."""
    jobs = request.app.state.jobs
    with jobs.preparing("mau") as job:  # a scratch folder for the candidate, removed after
        async with read_form(request) as form:
            upload = upload_of(form, "template_file")
            if upload is None:
                raise WebProblem("chưa chọn tệp mẫu Word (.docx)")
            candidate = await save_upload(upload, job.sources, DOCX_SUFFIXES, "mẫu Word", "mau-rieng")
        if candidate.name in request.app.state.templates.custom():
            raise WebProblem(f"thư mục mẫu đã có '{candidate.name}': đổi tên tệp rồi tải lên lại")
        result = await run_in_threadpool(check_and_keep, candidate, _custom_folder(request))
    jobs.discard(job)
    kept = all(problem.sandbox for problem in result.problems)
    return await templates_page(request, {"name": candidate.name, "result": result, "kept": kept},
                                200 if kept else 422)


def cycle_routes() -> list[Route]:
    return [
        Route("/regenerate", regenerate_page, methods=["GET"]),
        Route("/upload/regenerate", regenerate_upload, methods=["POST"]),
        Route("/templates", templates_page, methods=["GET"]),
        Route("/upload/template", template_upload, methods=["POST"]),
    ]
