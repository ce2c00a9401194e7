"""``GET /health``: the server answers, with its versions (DESIGN.md §14)."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from fastapi import APIRouter

router = APIRouter()


@router.get("/health")
async def health() -> dict[str, Any]:
    """200 while the server runs."""
    return {"ok": True, "versi": version("realisasi-kegiatan"), "xlwings": version("xlwings")}
