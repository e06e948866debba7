"""The pages: start (new sheet, open a sheet), the editor with its live check and preview.

The editor's text is checked as the clerk types (htmx posts it to ``/ui/check`` after a
pause); the answer places each problem beside its line and, when the sheet is valid,
refreshes the preview read back from the rendered .docx.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import DraftingError, Problem
from ..render.profiles import LAYOUTS
from ..sheet.vocabulary import LEVELS
from .api import preview_fragment
from .guard import MAX_BODY
from .workbench import Checked, WebProblem, Workspace, check_text, digest, sheet_file_name

__all__ = ["page_routes", "render_template"]


@dataclass(frozen=True)
class Note:
    """The problems of one line, shown beside it."""

    line: int
    kind: str  # "error" or "warning"
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Update:
    """What the editor shows for a text: notes by line, problems of no line, the preview."""

    checked: Checked
    notes: tuple[Note, ...]
    unplaced: tuple[Problem, ...]
    preview: Optional[Markup]
    preview_error: str = ""


def _notes(checked: Checked) -> tuple[tuple[Note, ...], tuple[Problem, ...]]:
    by_line: dict[int, list[tuple[str, Problem]]] = {}
    unplaced = []
    for kind, problems in (("error", checked.errors), ("warning", checked.warnings)):
        for problem in problems:
            if problem.location.line is None:
                unplaced.append(problem)
            else:
                by_line.setdefault(problem.location.line, []).append((kind, problem))
    notes = tuple(
        Note(line, "error" if any(k == "error" for k, _ in items) else "warning", tuple(p for _, p in items))
        for line, items in sorted(by_line.items())
    )
    return notes, tuple(unplaced)


def update(request: Request, text: str, template: Optional[str]) -> Update:
    checked = check_text(text)
    notes, unplaced = _notes(checked)
    if checked.loaded is None:
        return Update(checked, notes, unplaced, None)
    try:
        html = preview_fragment(request.app.state.templates, checked.loaded, template or None)
    except DraftingError as exc:
        return Update(checked, notes, unplaced, None, str(exc))
    return Update(checked, notes, unplaced, Markup(html))


def render_template(request: Request, name: str, context: dict, status: int = 200) -> Response:
    """The page ``name`` with what every page shows: the token, the templates, the workspace."""
    base = {"request": request, "token": request.app.state.token, "templates": _template_choices(),
            "custom_templates": request.app.state.templates.custom(),
            "workspace": request.app.state.workspace.folder}
    return request.app.state.jinja.TemplateResponse(request, name, {**base, **context}, status_code=status)


def _template_choices() -> list[tuple[str, str]]:
    return [(name, layout.label) for name, layout in LAYOUTS.items()]


async def start(request: Request, error: str = "", status: int = 200, form: Optional[dict] = None) -> Response:
    """GET /: new sheet, or open one from the workspace or from the computer."""
    workspace: Workspace = request.app.state.workspace
    return render_template(request, "start.html", {
        "sheets": workspace.sheets(), "levels": LEVELS, "year": date.today().year, "error": error,
        "form": form or {},
    }, status)


async def editor(request: Request, name: str, text: str, opened: str, status: int = 200) -> Response:
    result = await run_in_threadpool(update, request, text, None)
    return render_template(request, "editor.html", {"name": name, "text": text, "digest": opened, "u": result}, status)


async def open_from_workspace(request: Request) -> Response:
    """GET /sheet?name=NAME: a sheet of the workspace in the editor."""
    name = request.query_params.get("name", "")
    try:
        text = request.app.state.workspace.read(name)
    except DraftingError as exc:
        return await start(request, str(exc), 404)
    return await editor(request, name, text, digest(text))


async def open_upload(request: Request) -> Response:
    """POST /open: a sheet sent from the clerk's computer, in the editor (nothing is written)."""
    async with request.form(max_files=1, max_fields=4, max_part_size=MAX_BODY) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return await start(request, "chưa chọn tệp bảng chỉ tiêu (.yaml) để mở", 422)
        data = await upload.read()
        filename = Path(upload.filename.replace("\\", "/")).name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return await start(request, f"tệp '{filename}' không phải văn bản mã UTF-8: lưu lại bằng mã UTF-8", 422)
    try:
        name = sheet_file_name(filename)
    except WebProblem:
        name = "bang-chi-tieu.yaml"
    return await editor(request, name, text, "")


async def create(request: Request) -> Response:
    """POST /new: write a new sheet into the workspace (blank, or from last year's) and open it."""
    from ..cycle.new_sheet import new_sheet

    workspace: Workspace = request.app.state.workspace
    async with request.form(max_fields=8) as form:
        fields = {k: str(v) for k, v in form.items()}
    try:
        target = workspace.path(fields.get("name", ""))
        if target.exists():
            raise WebProblem(f"thư mục làm việc đã có tệp '{target.name}': chọn tên khác")
        previous = fields.get("from_sheet") or None
        year = int(fields["year"]) if fields.get("year", "").isdigit() else None
        await run_in_threadpool(
            new_sheet, target, from_sheet=workspace.path(previous) if previous else None,
            profile=fields.get("profile", "nha-nuoc"), level=fields.get("level", "xã"), year=year)
    except (DraftingError, ValueError) as exc:
        message = "\n".join(map(str, exc.problems)) if hasattr(exc, "problems") else str(exc)
        return await start(request, message, 422, fields)
    return RedirectResponse(f"/sheet?name={quote(target.name)}", status_code=303)


async def ui_check(request: Request) -> Response:
    """POST /ui/check: the notes beside the lines, the status, and the preview when valid."""
    async with request.form(max_fields=8, max_part_size=MAX_BODY) as form:
        text, template = str(form.get("text", "")), str(form.get("template", ""))
    result = await run_in_threadpool(update, request, text, template)
    return render_template(request, "_update.html", {"u": result, "oob": True})


async def ui_save(request: Request) -> Response:
    """POST /ui/save: the editor's text written to its file in the workspace."""
    async with request.form(max_fields=8, max_part_size=MAX_BODY) as form:
        fields = {k: str(v) for k, v in form.items()}
    workspace: Workspace = request.app.state.workspace
    try:
        written = workspace.save(fields.get("name", ""), fields.get("text", ""), fields.get("digest", ""))
    except DraftingError as exc:
        return render_template(request, "_saved.html", {"error": str(exc)})
    return render_template(request, "_saved.html", {"name": fields["name"], "digest": written})


def page_routes() -> list[Route]:
    return [
        Route("/", start, methods=["GET"]),
        Route("/sheet", open_from_workspace, methods=["GET"]),
        Route("/open", open_upload, methods=["POST"]),
        Route("/new", create, methods=["POST"]),
        Route("/ui/check", ui_check, methods=["POST"]),
        Route("/ui/save", ui_save, methods=["POST"]),
    ]
