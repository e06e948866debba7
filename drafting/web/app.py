"""The web application: routes, page templates, static files, the guard in front of them."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Optional

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .api import api_routes
from .guard import MAX_BODY, Guard
from .pages import page_routes
from .workbench import Templates, Workspace

__all__ = ["create_app"]

_HERE = Path(__file__).resolve().parent


def create_app(workspace: Path, hosts: Optional[set[str]], token: Optional[str] = None,
               max_body: int = MAX_BODY) -> Starlette:
    """The app serving ``workspace``; ``hosts`` are the Host headers naming it (None: any).

    ``token`` guards the requests that change something; a new one by default.
    """
    token = token or secrets.token_urlsafe(32)
    routes = [*api_routes(), *page_routes(), Mount("/static", StaticFiles(directory=_HERE / "static"), name="static")]
    app = Starlette(routes=routes, middleware=[Middleware(Guard, token=token, hosts=hosts, max_body=max_body)])
    jinja = Jinja2Templates(directory=_HERE / "templates")
    jinja.env.globals["version"] = _version()
    app.state.jinja = jinja
    app.state.token = token
    app.state.workspace = Workspace(workspace)
    app.state.templates = Templates()
    return app


def _version() -> str:
    from .._version import __version__

    return __version__
