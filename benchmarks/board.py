"""The month board on a real month (DESIGN.md §15): ``realisasi serve --folder``
on loopback, ``GET /api/bulan/YYYY-MM`` with a token, on the month of ``make
bench`` (96 distinct units × 300 signed rows). Prints three timings:

cold         the first request after the forms arrived (nothing cached; the
             server started on an empty folder, so its warm-up read nothing)
warm         the same request again (median of 5; the server's two workers share
             the cache, so it does not matter which one answers)
one changed  after one form was written again (an action on it), median of 3

Goals: cold ≤ 2 s, warm ≤ 300 ms, one changed ≤ 400 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import time
import urllib.request
from pathlib import Path

from pyaddin.engine.config import dump_config, load_config
from pyaddin.engine.tokens import token_digest
from tests.live_server import running_server

TOKEN = "token-bench-sekretaris"


def _get(url: str) -> float:
    request = urllib.request.Request(url, headers={"Authorization": TOKEN})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as answer:
        body = json.loads(answer.read())
    assert body["subbagian"], body
    return time.perf_counter() - start


def bench_board(work: Path, month: Path, config_path: Path, periode: str = "2026-11") -> None:
    """Cold, warm and one-changed timings of the board of ``month``'s forms."""
    office = load_config(config_path)
    for person in office.pegawai:
        if person.jabatan == "Sekretaris":
            person.token_sha256 = token_digest(TOKEN)
    config = work / "papan.toml"
    config.write_text(dump_config(office), "utf-8")
    shared = work / "bersama"
    (shared / periode).mkdir(parents=True)
    env = {
        **os.environ,
        "XLWINGS_LICENSE_KEY": os.environ.get("XLWINGS_LICENSE_KEY") or "noncommercial",
        "REALISASI_CACHE_DIR": str(work / "cache"),
    }
    with running_server(["--config", str(config), "--folder", str(shared)], env) as (url, _):
        time.sleep(1.0)  # its warm-up of the (empty) month is over
        forms = sorted(month.glob("*.xlsm"))
        for form in forms:
            (shared / periode / form.name).hardlink_to(form)
        api = f"{url}/api/bulan/{periode}"
        cold = _get(api)
        warm = statistics.median(_get(api) for _ in range(5))
        changed = []
        for form in forms[:3]:
            _touch_content(shared / periode / form.name)
            changed.append(_get(api))
    print(f"month board, {len(forms)} forms × 300 rows (GET /api/bulan, one server):")
    print(f"  cold {cold:.2f} s (goal ≤ 2 s)")
    print(f"  warm {warm * 1000:.0f} ms (goal ≤ 300 ms)")
    print(f"  one changed {statistics.median(changed) * 1000:.0f} ms (goal ≤ 400 ms)")


def _touch_content(path: Path) -> None:
    """Write the form again, as a click would: the note of a reviewer on row 1 is
    not touched by the chain, so the form stays valid."""
    from pyaddin.engine import form as F
    from pyaddin.files.form_file import FileForm

    with FileForm(path) as form:
        form.write_values({(F.ROW_BODY, "catatan"): f"dibaca {dt.datetime.now():%H.%M.%S.%f}"})
        form.commit()
