"""Shared test helpers: make forms, fill them by header labels, run the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from pyaddin.cli.main import main
from pyaddin.engine import form as F
from pyaddin.engine.config import load_config
from pyaddin.workflow import new_form

PERIOD = dt.date(2026, 11, 1)
LABELS = {
    "kode": "Kode",
    "judul": "Judul Kegiatan",
    "sasaran": "Sasaran/Volume",
    "jenis": "Jenis Kegiatan",
    "anggaran": "Anggaran (Rp)",
    "realisasi": "Realisasi (Rp)",
    "lokus": "Lokus",
    "tanggal": "Tanggal",
}

GOOD_ROW = {
    "kode": "521211",
    "judul": "Rapat koordinasi persiapan pemutakhiran data pemilih",
    "sasaran": "1 Kegiatan",
    "jenis": "Rapat Koordinasi",
    "anggaran": 1_500_000,
    "realisasi": 1_250_000,
    "lokus": "Kota Bengkulu",
    "tanggal": dt.date(2026, 11, 12),
}


def make_form(
    folder: Path,
    subbagian: str = "Keuangan",
    name: str = "form.xlsm",
    rows: int | None = None,
    server: str | None = None,
) -> Path:
    config = load_config()
    unit = config.find_subbagian(subbagian)
    return new_form(config, unit, PERIOD, folder / name, rows, server)


def fill(path: Path, rows: list[dict[str, Any]], start: int = 0) -> None:
    """Type ``rows`` into the body by header label, as a person would in Excel."""
    book = load_workbook(path, keep_vba=True)
    ws = book[F.SHEET_FORM]
    header = {str(ws.cell(F.ROW_HEADER, c).value): c for c in range(1, 13)}
    for offset, values in enumerate(rows):
        for key, value in values.items():
            ws.cell(F.ROW_BODY + start + offset, header[LABELS[key]], value)
    book.save(path)


def good_rows(n: int) -> list[dict[str, Any]]:
    return [{**GOOD_ROW, "judul": f"{GOOD_ROW['judul']} tahap {i + 1}"} for i in range(n)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli(capsys: Any, *args: str) -> Run:
    """Run the CLI in-process and capture what it printed."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def cli_process(*args: str, env: dict[str, str] | None = None) -> Run:
    """Run the installed console script as a subprocess."""
    exe = Path(sys.executable).with_name("realisasi")
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [str(exe), *map(str, args)], capture_output=True, text=True, env=full_env, timeout=120
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def check_golden(golden: Path, actual: Any) -> Any:
    """The expected structure from ``golden`` (rewritten first when RK_UPDATE_GOLDEN is
    set, after a deliberate change whose diff is reviewed like code)."""
    if os.environ.get("RK_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return json.loads(golden.read_text("utf-8"))
