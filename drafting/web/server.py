"""Running the web app on uvicorn: 127.0.0.1 and a free port by default, until Ctrl+C."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import uvicorn

from ..errors import EXIT_OUTPUT, DraftingError

__all__ = ["LOCAL_HOST", "Running", "ServerProblem", "is_local", "make_server", "serve"]

LOCAL_HOST = "127.0.0.1"


class ServerProblem(DraftingError):
    """The server cannot start: the port is taken, the workspace is not a folder..."""

    exit_code = EXIT_OUTPUT


def is_local(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if family == socket.AF_INET6 and host == "::":
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if port:
            raise ServerProblem(f"không mở được cổng {port} ở {host} ({exc.strerror}): cổng đang được dùng? "
                                "Chọn cổng khác (--port) hoặc bỏ --port để drafting tự chọn") from None
        raise ServerProblem(f"không mở được máy chủ ở {host} ({exc.strerror})") from None
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int) -> str:
    name = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host == "::" else host)
    return f"http://[{name}]:{port}/" if ":" in name and not name.startswith("[") else f"http://{name}:{port}/"


@dataclass
class Running:
    """A server made ready to run: its uvicorn server, the listening socket, the page's address."""

    server: uvicorn.Server
    socket: socket.socket
    url: str

    def run(self) -> None:
        """Serve until stopped (``server.should_exit``) or interrupted."""
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self.socket.close()


def make_server(workspace: Path, host: str = LOCAL_HOST, port: int = 0) -> Running:
    """The app for ``workspace`` on uvicorn, listening already; ``port`` 0 picks a free port."""
    from .app import create_app
    from .guard import own_hosts

    workspace = Path(workspace)
    if not workspace.is_dir():
        raise ServerProblem(f"thư mục làm việc '{workspace}' không có hoặc không phải thư mục")
    sock = _listen(host, port)
    port = sock.getsockname()[1]
    app = create_app(workspace, own_hosts(host, port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    return Running(server, sock, url_of(host, port))


def serve(workspace: Path, host: str = LOCAL_HOST, port: int = 0,
          on_ready: Optional[Callable[[str], None]] = None) -> None:
    """Serve the page for ``workspace`` until interrupted (Ctrl+C raises KeyboardInterrupt after shutdown).

    ``on_ready`` gets the page's address once the server listens (the command prints it
    and opens the browser; the browser's first request waits in the socket's queue).
    """
    running = make_server(workspace, host, port)
    if on_ready is not None:
        on_ready(running.url)
    running.run()
