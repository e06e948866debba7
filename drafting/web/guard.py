"""The server is local, and still guarded: other web sites the clerk visits must not reach it.

An ASGI middleware in front of every route:

- the Host header must be the server's own address (a site that points its own name at
  127.0.0.1, "DNS rebinding", sends its own name);
- a request with an Origin header from another origin is refused (a form or a script
  of another site posting here);
- requests that change something (every POST outside ``/api/``) carry the token made
  when the server started, which only the page the server served knows: header
  ``X-Drafting-Token`` or query ``?token=``;
- a request body over ``max_body`` bytes is refused (413), an upload of files
  (``/upload/...``: tables, drafts, templates) over ``max_upload`` bytes.

A page (not ``/api/``) asked for by the browser gets the refusal as a short page.
"""

from __future__ import annotations

import hmac
import html
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Optional
from urllib.parse import parse_qs

__all__ = ["MAX_BODY", "MAX_UPLOAD", "TOKEN_HEADER", "UPLOADS", "Guard", "own_hosts"]

MAX_BODY = 2 * 1024 * 1024  # a sheet is under 50 KB; drafting refuses sheets over 2 MB
MAX_UPLOAD = 50 * 1024 * 1024  # a province's sheets, or a workbook of figures, or a draft with photos
UPLOADS = "/upload/"
TOKEN_HEADER = "x-drafting-token"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def own_hosts(host: str, port: int) -> Optional[set[str]]:
    """The Host headers that name this server; None (any) when it listens on every address."""
    if host in ("", "0.0.0.0", "::"):
        return None
    names = {host}
    if host in ("127.0.0.1", "localhost", "::1"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    return {f"[{n}]:{port}" if ":" in n and not n.startswith("[") else f"{n}:{port}" for n in names}


class _TooLarge(Exception):
    pass


class Guard:
    def __init__(self, app: App, token: str, hosts: Optional[set[str]], max_body: int = MAX_BODY,
                 max_upload: int = MAX_UPLOAD):
        self.app, self.token, self.hosts = app, token, hosts
        self.max_body, self.max_upload = max_body, max_upload

    def limit(self, scope: Scope) -> int:
        return self.max_upload if scope["path"].startswith(UPLOADS) else self.max_body

    def refusal(self, scope: Scope) -> Optional[tuple[int, str]]:
        """Why the request is refused (status, Vietnamese message), or None."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "").lower()
        if self.hosts is not None and host not in self.hosts:
            return 403, f"địa chỉ '{host}' không phải địa chỉ của máy chủ drafting này"
        origin = headers.get("origin")
        if origin is not None and origin.lower() != f"http://{host}":
            return 403, "yêu cầu đến từ một trang web khác: bị từ chối"
        if scope["method"] not in _SAFE_METHODS and not scope["path"].startswith("/api/"):
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = headers.get(TOKEN_HEADER) or (query.get("token") or [""])[0]
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return 403, "thiếu mã phiên hoặc mã phiên đã cũ: tải lại trang rồi làm lại"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit(scope):
            return 413, _too_large(self.limit(scope))
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self.refusal(scope)
        as_page = _wants_page(scope)
        if refused is not None:
            await _respond(send, *refused, as_page)
            return
        limit = self.limit(scope)
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if not started:
                await _respond(send, 413, _too_large(limit), as_page)


def _too_large(limit: int) -> str:
    return f"dữ liệu gửi lên quá lớn (tối đa {limit // 1024 // 1024} MB)"


def _wants_page(scope: Scope) -> bool:
    """A browser asking for a page (a form sent, a link followed), not a script asking the API."""
    accept = next((v for k, v in scope.get("headers", []) if k.lower() == b"accept"), b"")
    return not scope["path"].startswith("/api/") and b"text/html" in accept


_PAGE = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bị từ chối · drafting</title>'
         '<link rel="stylesheet" href="/static/app.css"></head><body><main class="start-page">'
         '<div class="alert" role="alert"><strong>Bị từ chối:</strong> {message}</div>'
         '<p><a href="/">Về trang đầu</a></p></main></body></html>')


async def _respond(send: Send, status: int, message: str, as_page: bool = False) -> None:
    if as_page:
        body, kind = _PAGE.format(message=html.escape(message)).encode("utf-8"), b"text/html; charset=utf-8"
    else:
        body = json.dumps({"errors": [{"line": None, "column": None, "path": "", "message": message}]},
                          ensure_ascii=False).encode("utf-8")
        kind = b"application/json; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
