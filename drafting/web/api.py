"""The HTTP API: POST a sheet's YAML text, get its check, its draft (.docx or PDF), its preview.

Every route reads the request body as the sheet (UTF-8) and answers JSON errors with
the messages ``drafting check`` prints: ``{"errors": [{line, column, path, message}],
"warnings": [...]}``.
"""

from __future__ import annotations

from typing import Optional

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..errors import DraftingError, Problem
from ..lang.slugs import slugify
from ..sheet.loading import LoadedSheet
from .workbench import Checked, Templates, check_text, message_problem, problem_json

__all__ = ["DOCX_TYPE", "PDF_TYPE", "api_routes", "attachment", "draft_file_stem", "errors_response"]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


def errors_response(errors: tuple[Problem, ...] | list[Problem], status: int = 422,
                    warnings: tuple[Problem, ...] = ()) -> JSONResponse:
    return JSONResponse({"errors": [problem_json(p) for p in errors],
                         "warnings": [problem_json(p) for p in warnings]}, status_code=status)


async def sheet_text(request: Request) -> str:
    """The request body as text; a DraftingError when it is not UTF-8."""
    body = await request.body()
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftingError("bảng chỉ tiêu phải lưu mã UTF-8") from None


def draft_file_stem(loaded: LoadedSheet) -> str:
    """A download's name: "xa-hung-nguyen-2025"."""
    return slugify(f"{loaded.sheet.dia_ban.full_name} {loaded.sheet.nam}")


def attachment(data: bytes, media_type: str, file_name: str) -> Response:
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{file_name}"'})


def _templates(request: Request) -> Templates:
    return request.app.state.templates


async def check(request: Request) -> Response:
    """POST /api/check: the sheet's errors and warnings, always 200."""
    try:
        checked = check_text(await sheet_text(request))
    except DraftingError as exc:
        return errors_response([message_problem(str(exc))], status=200)
    return errors_response(checked.errors, status=200, warnings=checked.warnings)


async def _checked(request: Request) -> tuple[Optional[Checked], Optional[Response]]:
    try:
        checked = check_text(await sheet_text(request))
    except DraftingError as exc:
        return None, errors_response([message_problem(str(exc))])
    if checked.errors:
        return None, errors_response(checked.errors)
    return checked, None


def render_draft_bytes(templates: Templates, loaded: LoadedSheet, template: Optional[str], pdf: bool) -> bytes:
    data = templates.render(loaded, template)
    if pdf:
        from ..render.pdf import pdf_bytes

        return pdf_bytes(data, draft_file_stem(loaded))
    return data


async def render(request: Request) -> Response:
    """POST /api/render?template=NAME&format=docx|pdf: the draft, or 422 with the errors."""
    checked, refused = await _checked(request)
    if refused is not None or checked is None or checked.loaded is None:
        return refused or errors_response([])
    fmt = request.query_params.get("format", "docx")
    if fmt not in ("docx", "pdf"):
        return errors_response([message_problem(f"không có dạng '{fmt}': dùng docx hoặc pdf")], status=400)
    try:
        data = await run_in_threadpool(render_draft_bytes, _templates(request), checked.loaded,
                                       request.query_params.get("template"), fmt == "pdf")
    except DraftingError as exc:
        from ..render.pdf import PdfUnavailable

        return errors_response([message_problem(str(exc))], status=503 if isinstance(exc, PdfUnavailable) else 422)
    stem = draft_file_stem(checked.loaded)
    return attachment(data, PDF_TYPE if fmt == "pdf" else DOCX_TYPE, f"{stem}.{fmt}")


def preview_fragment(templates: Templates, loaded: LoadedSheet, template: Optional[str]) -> str:
    """The draft as HTML, read back from the rendered .docx."""
    from ..docx.readback import read_draft
    from .draft_html import draft_html

    return str(draft_html(read_draft(templates.render(loaded, template))))


async def preview(request: Request) -> Response:
    """POST /api/preview?template=NAME: the draft as an HTML fragment, or 422 with the errors."""
    checked, refused = await _checked(request)
    if refused is not None or checked is None or checked.loaded is None:
        return refused or errors_response([])
    try:
        html = await run_in_threadpool(preview_fragment, _templates(request), checked.loaded,
                                       request.query_params.get("template"))
    except DraftingError as exc:
        return errors_response([message_problem(str(exc))])
    return HTMLResponse(html)


def api_routes() -> list[Route]:
    return [
        Route("/api/check", check, methods=["POST"]),
        Route("/api/render", render, methods=["POST"]),
        Route("/api/preview", preview, methods=["POST"]),
    ]
