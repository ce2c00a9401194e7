"""The largest request the office server reads (``[server] batas_mb``): a bigger
one is answered 413 with a sentence before any of it is parsed — by its
declared length, or by counting what arrives when no length is declared."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from pyaddin.engine.messages import register, t

register(
    {
        "server.too_big": (
            "Permintaan {size:.1f} MB melebihi batas server {limit:g} MB ([server] batas_mb). "
            "Formulir sebesar ini diproses dengan CLI di komputer bagian keuangan.",
            "The request of {size:.1f} MB exceeds the server's limit of {limit:g} MB "
            "([server] batas_mb). A form this large is processed with the CLI instead.",
        ),
    }
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

MB = 1024 * 1024


class _TooBig(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


def limit_body(app: App, limit_mb: float) -> App:
    """``app`` behind a body-size limit of ``limit_mb`` megabytes."""
    limit = int(limit_mb * MB)

    async def refuse(send: Send, size: int) -> None:
        body = json.dumps({"detail": t("server.too_big", size=size / MB, limit=limit_mb)})
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json; charset=utf-8")],
            }
        )
        await send({"type": "http.response.body", "body": body.encode("utf-8")})

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await refuse(send, int(declared))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _TooBig(seen)
            return message

        try:
            await app(scope, counted, send)
        except _TooBig as exc:
            await refuse(send, exc.size)

    return guarded
