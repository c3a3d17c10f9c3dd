"""Request guards: deadlines for slow clients, body size limits per route and the bearer
token on write endpoints."""

from __future__ import annotations

import asyncio
import json
import secrets
from typing import Any

from fastapi import HTTPException, Request, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from tidings.config import Settings


class BodyLimit:
    """ASGI middleware: request bodies over a per-path byte limit get 413, bodies that take
    longer than ``timeout`` seconds to arrive get 408.

    It checks ``Content-Length`` first and also counts streamed chunks, so a client cannot
    get round the limit by leaving the header out, nor hold a request open by sending its
    body a byte at a time.
    """

    def __init__(self, app: ASGIApp, limits: dict[str, int], timeout: float) -> None:
        self.app = app
        self.limits = limits
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope.get("path", ""))
        declared = dict(scope.get("headers", [])).get(b"content-length")
        too_large = f"request body over the limit of {limit:,} bytes" if limit else ""
        if limit and declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(send, 413, too_large)
            return
        seen = 0
        complete = False
        deadline: float | None = None
        refusal: tuple[int, str] | None = None

        async def guarded_receive() -> Message:
            nonlocal seen, complete, deadline, refusal
            if complete:  # the body is in; later calls wait for a disconnect, unbounded
                return await receive()
            loop = asyncio.get_running_loop()
            deadline = deadline or loop.time() + self.timeout
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                refusal = (408, f"request body not received within {self.timeout:g} s")
                raise _Refused from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                complete = not message.get("more_body", False)
                if limit is not None and seen > limit:
                    refusal = (413, too_large)
                    raise _Refused
            return message

        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refusal:
                return  # the app's own error for the cut-off body; the refusal is sent instead
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except Exception:
            # Starlette may wrap the error raised while reading; the flag tells the truth.
            if not refusal:
                raise
        if refusal and not started:
            await _refuse(send, *refusal)


class _Refused(Exception):
    pass


async def _refuse(send: Send, code: int, detail: str) -> None:
    """Answer ``code`` with a JSON message and close the connection (the body is unread)."""
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": code,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def header_deadline(seconds: float) -> type[H11Protocol]:
    """uvicorn's HTTP/1.1 protocol with a deadline of ``seconds`` for each request's line
    and headers.

    uvicorn times out idle keep-alive connections only: a client sending its headers a
    byte at a time, or nothing at all, would hold a connection for as long as it liked.
    """

    class HeaderDeadline(H11Protocol):
        _timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()  # a connection that never sends a request is cut off too

        def data_received(self, data: bytes) -> None:
            if self._timer is None and not self._in_request():
                self._arm()  # the next request on a kept-alive connection begins
            super().data_received(data)

        def handle_events(self) -> None:
            super().handle_events()
            if self._in_request():
                self._disarm()

        def on_response_complete(self) -> None:
            self._disarm()  # while idle, uvicorn's keep-alive timeout applies
            super().on_response_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _in_request(self) -> bool:
            return self.cycle is not None and not self.cycle.response_complete

        def _arm(self) -> None:
            self._disarm()
            self._timer = self.loop.call_later(seconds, self._expire)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _expire(self) -> None:
            self._timer = None
            if not self._in_request() and not self.transport.is_closing():
                self.transport.write(REQUEST_TIMEOUT)
                self.transport.close()

    return HeaderDeadline


_HEADERS_LATE = b"request line and headers not received in time\n"
REQUEST_TIMEOUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain\r\nconnection: close\r\n"
    b"content-length: %d\r\n\r\n%s" % (len(_HEADERS_LATE), _HEADERS_LATE)
)


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn settings that bound how long a slow client may hold a connection."""
    return {"http": header_deadline(settings.request_timeout), "timeout_keep_alive": 5}


def require_token(request: Request) -> None:
    """Dependency: when ``Settings.api_token`` is set, require it as a bearer token."""
    token = request.app.state.settings.api_token
    if token is None:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "this endpoint needs the API token: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
