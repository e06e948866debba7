"""The web application: routes, page templates, static files, the guard in front of them."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..errors import DraftingError, SheetError
from .api import api_routes
from .batch import batch_routes
from .cycle_pages import CUSTOM_TEMPLATES, cycle_routes
from .guard import MAX_BODY, MAX_UPLOAD, Guard
from .jobs import JOBS_FOLDER, Jobs
from .pages import page_routes
from .sheet_form import form_routes
from .workbench import Templates, Workspace

__all__ = ["create_app"]

_HERE = Path(__file__).resolve().parent


def create_app(workspace: Path, hosts: Optional[set[str]], token: Optional[str] = None,
               max_body: int = MAX_BODY, max_upload: int = MAX_UPLOAD) -> Starlette:
    """The app serving ``workspace``; ``hosts`` are the Host headers naming it (None: any).

    ``token`` guards the requests that change something; a new one by default. A request
    body is at most ``max_body`` bytes, an upload of files (``/upload/...``) ``max_upload``.
    """
    token = token or secrets.token_urlsafe(32)
    routes = [*api_routes(), *page_routes(), *batch_routes(), *cycle_routes(), *form_routes(),
              Mount("/static", StaticFiles(directory=_HERE / "static"), name="static")]
    guard = Middleware(Guard, token=token, hosts=hosts, max_body=max_body, max_upload=max_upload)
    app = Starlette(routes=routes, middleware=[guard], exception_handlers={DraftingError: refused})
    jinja = Jinja2Templates(directory=_HERE / "templates")
    jinja.env.globals["version"] = _version()
    app.state.jinja = jinja
    app.state.token = token
    app.state.workspace = Workspace(workspace)
    app.state.templates = Templates(app.state.workspace.folder / CUSTOM_TEMPLATES)
    app.state.jobs = Jobs(app.state.workspace.folder / JOBS_FOLDER)
    app.state.max_upload = max_upload
    return app


async def refused(request: Request, exc: Exception) -> Response:
    """Every error of the library or of a request, as an HTTP status: the one place that says which.

    The API (and a script asking for JSON) answers JSON error objects; a page answers a page.
    """
    from ..render.pdf import PdfUnavailable
    from .api import errors_response
    from .pages import render_template
    from .workbench import message_problem

    status = 503 if isinstance(exc, PdfUnavailable) else getattr(exc, "status", 422)
    problems = list(exc.problems) if isinstance(exc, SheetError) else [message_problem(str(exc))]
    if request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", ""):
        return errors_response(problems, status=status)
    return render_template(request, "problem.html", {"problems": problems, "back": _back(request)}, status)


def _back(request: Request) -> str:
    """The page the clerk came from on this server, to go back to it."""
    referer = urlsplit(request.headers.get("referer", ""))
    own = referer.netloc == request.headers.get("host", "") and referer.path.startswith("/")
    return referer.path if own and not referer.path.startswith(("/upload/", "/api/")) else "/"


def _version() -> str:
    from .._version import __version__

    return __version__
