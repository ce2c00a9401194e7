"""The office server's own routes: ``GET /health`` (DESIGN.md §14) and the month
board's pages and JSON (§15, :mod:`pyaddin.server.board_pages`)."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from fastapi import APIRouter

from pyaddin.server.board_pages import router as board_router

router = APIRouter()


@router.get("/health")
async def health() -> dict[str, Any]:
    """200 while the server runs."""
    return {"ok": True, "versi": version("realisasi-kegiatan"), "xlwings": version("xlwings")}


router.include_router(board_router)
