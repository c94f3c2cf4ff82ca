"""The checks every request passes before a route sees it, as plain ASGI middleware.

In this order: the bearer token (on /v1 only), the content type (of the routes that take JSON), the
body size, counted while the body is read (Content-Length is a promise, not a fact). Doing them
here, before any route reads the body, means a caller without the token cannot make the service
read a megabyte, and a body over the limit is never held whole. Every answer also gets the
security headers of the page.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from goallint.service.errors import error_response

API_PREFIX = "/v1"
# The routes that take a JSON body; elsewhere a POST is left to routing (404 or 405).
JSON_ROUTES = frozenset({"/v1/lint", "/v1/parse", "/v1/status"})
_JSON_TYPES = ("application/json",)
# The page loads only its own files; nothing may frame it.
_PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", _PAGE_POLICY.encode()),
]


def human_size(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


class Guard:
    def __init__(self, app: ASGIApp, token: str | None, max_body: int) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send, _HEADERS)
        headers = Headers(scope=scope)
        is_api = scope["path"] == API_PREFIX or scope["path"].startswith(API_PREFIX + "/")
        if is_api and self.token is not None and not self._authorised(headers):
            response = error_response(
                401, "unauthorized", "This service needs an access token: send 'Authorization: Bearer <token>'.",
                headers={"WWW-Authenticate": 'Bearer realm="goallint"'},
            )
            await response(scope, receive, send)
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "POST" and scope["path"] in JSON_ROUTES and not _is_json(headers.get("content-type")):
            response = error_response(
                415, "unsupported_media_type",
                "Send the request as JSON, with the header 'Content-Type: application/json'.",
            )
            await response(scope, receive, send)
            return
        body = await self._read(headers, receive)
        if body is None:
            response = error_response(
                413, "body_too_large",
                f"The request is larger than this service accepts ({human_size(self.max_body)}). "
                "Split the document, or ask the operator to raise --max-body.",
                headers={"Connection": "close"},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _authorised(self, headers: Headers) -> bool:
        assert self.token is not None
        scheme, _, given = headers.get("authorization", "").partition(" ")
        # compare_digest: how long the comparison takes says nothing about the token
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token)

    async def _read(self, headers: Headers, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it is over the limit."""
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media in _JSON_TYPES or (media.startswith("application/") and media.endswith("+json"))


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body already read, then waits on the real one (for disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _with_headers(send: Send, extra: Iterable[tuple[bytes, bytes]]) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            message = {**message, "headers": [*message.get("headers", []),
                                              *((n, v) for n, v in extra if n not in present)]}
        await send(message)

    return sending
