"""Load on the office server, on loopback only: ``users`` people at once, each
pressing ``clicks`` ribbon buttons (Validasi, Ajukan, then their Kasubbag's
Setujui Semua) on their own 300-row form, the request bodies shaped as the
client sends them. Prints requests per second, p50/p95/p99 latency, the error
count and the request size per macro. Goal: no errors, p95 ≤ 300 ms.

Run: ``python benchmarks/server_load.py [--users 30] [--clicks 20]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.measure import cpu_seconds  # noqa: E402
from benchmarks.month import PERIOD, office, typed_rows  # noqa: E402
from pyaddin.demo.keys import throwaway_keys  # noqa: E402
from pyaddin.engine.config import dump_config  # noqa: E402
from pyaddin.engine.model import WIB  # noqa: E402
from pyaddin.engine.tokens import token_digest  # noqa: E402
from pyaddin.files.form_file import FileForm  # noqa: E402
from pyaddin.workflow import act, new_form  # noqa: E402
from tests.live_server import running_server  # noqa: E402
from tests.remote import book_json  # noqa: E402
from tests.served import SCRIPT_SHEETS  # noqa: E402

ROWS = 300
PASSPHRASE = "sandi-beban"
MACROS = ("validasi", "ajukan", "setujui_semua")


def prepare(folder: Path, users: int) -> tuple[Path, list[dict[str, bytes]], dict[str, str]]:
    """Config with tokens and signing keys (in the server's key store,
    ``folder/kunci``), and per user the bodies of their three clicks."""
    with throwaway_keys(office(users), folder / "kunci", PASSPHRASE) as config:
        pass
    tokens: dict[str, str] = {}
    for person in config.pegawai:
        if person.username.startswith(("petugas", "kasubbag")):
            tokens[person.username] = f"token-{person.username}"
            person.token_sha256 = token_digest(tokens[person.username])
    path = folder / "kantor.toml"
    path.write_text(dump_config(config), "utf-8")
    bodies = []
    for i in range(users):
        form = folder / f"Realisasi-{i:03d}.xlsm"
        new_form(config, config.subbagian[i], PERIOD, form, ROWS)
        with FileForm(form) as live:
            live.write_values(typed_rows(i, ROWS))
            live.commit()
        sent = {m: book_json(form, client="VBA", include=SCRIPT_SHEETS[m]) for m in MACROS[:2]}
        act(form, "submit", f"petugas{i:03d}", None, now=dt.datetime(2026, 11, 20, 9, tzinfo=WIB))
        sent[MACROS[2]] = book_json(form, client="VBA", include=SCRIPT_SHEETS[MACROS[2]])
        bodies.append({m: json.dumps(body).encode() for m, body in sent.items()})
    return path, bodies, tokens


def post(url: str, macro: str, body: bytes, token: str) -> tuple[int, float]:
    request = urllib.request.Request(f"{url}/xlwings/custom-scripts-call/{macro}", data=body)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", token)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            code = response.status
    except urllib.error.HTTPError as error:
        code = error.code
    except OSError:
        code = 0
    return code, time.perf_counter() - start


def _load(
    url: str,
    pid: int,
    bodies: list[dict[str, bytes]],
    tokens: dict[str, str],
    args: argparse.Namespace,
) -> tuple[list[tuple[str, int, float]], float, float, float]:
    """Every user's clicks at once: (macro, status, seconds) per request, the wall
    time, and the CPU seconds of the server and of this process meanwhile."""
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()

    def user(i: int) -> None:
        for click in range(args.clicks):
            macro = MACROS[click % 3]
            who = f"kasubbag{i:03d}" if macro == "setujui_semua" else f"petugas{i:03d}"
            code, seconds = post(url, macro, bodies[i][macro], tokens[who])
            with lock:
                results.append((macro, code, seconds))

    threads = [threading.Thread(target=user, args=(i,)) for i in range(args.users)]
    cpu_before, load_before = cpu_seconds(pid), time.process_time()
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    return results, wall, cpu_seconds(pid) - cpu_before, time.process_time() - load_before


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="server processes (cores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rk-server-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        config, bodies, tokens = prepare(folder, args.users)
        print(f"{args.users} forms of {ROWS} rows ready in {time.perf_counter() - start:.0f} s")
        env = {
            **os.environ,
            "XLWINGS_LICENSE_KEY": os.environ.get("XLWINGS_LICENSE_KEY") or "noncommercial",
            "REALISASI_KUNCI_DIR": str(folder / "kunci"),
            "REALISASI_KUNCI_SANDI": PASSPHRASE,
        }
        serve = ["--config", str(config), "--workers", str(args.workers)]
        with running_server(serve, env) as (url, server):
            results, wall, server_cpu, load_cpu = _load(url, server.pid, bodies, tokens, args)
    times = sorted(seconds * 1000 for _, _, seconds in results)
    errors = sum(1 for _, code, _ in results if code != 200)

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))]

    print(
        f"{len(results)} requests by {args.users} users, {args.workers} server processes, "
        f"in {wall:.1f} s: "
        f"{len(results) / wall:.1f} req/s; p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms, "
        f"p99 {pct(0.99):.0f} ms (goal p95 ≤ 300 ms); errors {errors} (goal 0)"
    )
    print(
        f"  server CPU {server_cpu * 1000 / len(results):.1f} ms per request; the load "
        f"itself (this process) {load_cpu * 1000 / len(results):.1f} ms per request, "
        f"on the same {os.cpu_count()} cores"
    )
    for macro in MACROS:
        size = statistics.mean(len(b[macro]) for b in bodies)
        print(f"  request size {macro}: {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
