"""Benchmarks: each prints its time and its ratio to a baseline measured in the
same run. Run with `make bench` or `python benchmarks/run.py [NAME ...]`.

validate     `realisasi validate` on a 5,000-row form vs reading the same sheet's
             values with openpyxl read-only (target ratio ≤ 1.0), whole processes.
approve      `realisasi approve --all` on a 1,000-row form vs an openpyxl
             load-and-save of the same workbook (target ratio ≤ 0.5), whole processes;
             and on a 2,000-row form with 6,000 Riwayat entries (target ≤ 0.33: the
             write path before surgical writes loaded and saved the whole workbook
             with openpyxl, so its time was at least that baseline).
signatures   what checking every signature adds to consolidating a signed month.
month        month end on a real month: 96 distinct units × 300 rows
             typed as people type them, approved and signed through the real chain;
             consolidate vs a naive pandas script and vs python-calamine's floor
             (medians of interleaved rounds), cost per workbook at 10 and 96 units,
             peak memory. `--quick`: 24 units.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.fixtures import (  # noqa: E402
    big_form,
    signed_month,
    submitted_form,
)
from pyaddin.engine.model import WIB  # noqa: E402
from pyaddin.workflow import act  # noqa: E402

PY = sys.executable
CLI = str(Path(PY).with_name("realisasi"))
# Processes run as on a user's machine: with bytecode caches (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every process recompile what it imports).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], repeat: int = 5, setup: Callable[[], None] | None = None) -> float:
    """Best wall time of ``repeat`` runs of a whole process."""
    best = float("inf")
    if setup:
        setup()
    subprocess.run(command, capture_output=True, env=ENV)  # warm-up: caches, page cache
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, env=ENV)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{command[:3]} failed:\n{proc.stderr}")
        best = min(best, elapsed)
    return best


def line(name: str, ours: float, base: float, target: str) -> None:
    print(
        f"  {name:<44} {ours:7.2f} s  baseline {base:7.2f} s  ratio {ours / base:5.2f}  ({target})"
    )


def bench_validate(work: Path) -> None:
    path = big_form(work / "validate.xlsm", 5000)
    base = timed(
        [
            PY,
            "-c",
            (
                "import sys; from openpyxl import load_workbook\n"
                "wb = load_workbook(sys.argv[1], read_only=True)\n"
                "n = sum(1 for _ in wb['Realisasi'].iter_rows(values_only=True))\n"
            ),
            str(path),
        ]
    )
    ours = timed([CLI, "validate", str(path), "--json"])
    print("validate (5,000 rows)")
    line("realisasi validate / openpyxl read-only", ours, base, "target ≤ 1.0")


OPENPYXL_LOAD_SAVE = (
    "import sys; from openpyxl import load_workbook\n"
    "wb = load_workbook(sys.argv[1], keep_vba=True); wb.save(sys.argv[1])\n"
)


def _approve_vs_load_save(source: Path, work: Path, who: str) -> tuple[float, float]:
    target = work / ("run-" + source.name)

    def reset() -> None:
        shutil.copy(source, target)

    base = timed([PY, "-c", OPENPYXL_LOAD_SAVE, str(target)], setup=reset)
    ours = timed([CLI, "approve", str(target), "--by", who, "--all"], setup=reset)
    return ours, base


def bench_approve(work: Path) -> None:
    ours, base = _approve_vs_load_save(
        submitted_form(work / "approve-1000.xlsm", 1000), work, "siti"
    )
    print("approve --all (1,000 rows)")
    line("realisasi approve --all / openpyxl load+save", ours, base, "target ≤ 0.5")
    big = submitted_form(work / "approve-2000.xlsm", 2000)
    when = dt.datetime(2026, 11, 21, 9, tzinfo=WIB)
    for who in ("siti", "hendra"):
        act(big, "approve", who, None, now=when)  # 6,000 Riwayat entries
    ours, base = _approve_vs_load_save(big, work, "ahmad.fauzi")
    print("approve --all (2,000 rows, 6,000 Riwayat entries)")
    line("realisasi approve --all / openpyxl load+save", ours, base, "target ≤ 0.33")


def bench_signatures(work: Path) -> None:
    """What checking every signature of a signed month adds to its consolidation:
    the checks alone (one process, every form) against the whole consolidate
    process (target: at most 10 %)."""
    from pyaddin.engine.config import load_config
    from pyaddin.engine.signatures import check_signatures
    from pyaddin.files.reader import read_form_file

    folder = work / "signed"
    config = signed_month(folder, 96, 300)
    out = work / "report.xlsx"
    command = [CLI, "consolidate", str(folder), "--periode", "2026-11", "--out", str(out)]
    whole = timed([*command, "--config", str(config)], repeat=3)
    office = load_config(config)
    forms = [read_form_file(path) for path in sorted(folder.glob("*.xlsm"))]
    checks = []
    for _ in range(5):
        start = time.perf_counter()
        found = [check_signatures(form, office) for form in forms]
        checks.append(time.perf_counter() - start)
        assert not any(f.findings for f in found)
    print("signatures (96 workbooks × 300 rows, 1,200 signed entries each)")
    line("signature checks / whole consolidate", min(checks), whole, "target ≤ 0.10")


def _peak_rss_mib(command: list[str]) -> float:
    """Peak resident memory (MiB) of the largest process ``command`` starts (itself or
    one of its workers)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 0))"
    )
    out = subprocess.run([PY, "-c", probe, *command], capture_output=True, text=True, env=ENV)
    return int(out.stdout.strip() or 0) / 1024


def medians(commands: dict[str, list[str]], rounds: int) -> dict[str, float]:
    """Median wall time of each command over ``rounds`` interleaved rounds."""
    import statistics

    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, env=ENV)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def bench_month(work: Path) -> None:
    """Month end on a real month: distinct units, rows typed as people type them,
    every action signed; medians of interleaved rounds, baselines timed each round."""
    from benchmarks.month import build_month

    quick = "--quick" in sys.argv
    units, rounds = (24, 3) if quick else (96, 3)
    start = time.perf_counter()
    config = build_month(work / "month", units, 300)
    print(f"month: {units} distinct units × 300 rows, built in {time.perf_counter() - start:.0f} s")
    out = work / "report.xlsx"
    ours = [CLI, "consolidate", str(work / "month"), "--periode", "2026-11", "--out", str(out)]
    ours += ["--config", str(config)]
    result = medians(
        {
            "naive": [PY, str(HERE / "naive_pandas.py"), str(work / "month"), str(work / "n.xlsx")],
            "floor": [PY, str(HERE / "calamine_read.py"), str(work / "month")],
            "ours": ours,
        },
        rounds,
    )
    print(
        f"  {'naive pandas / realisasi consolidate':<44} speed-up "
        f"{result['naive'] / result['ours']:6.1f}×  ({result['naive']:.1f} s vs "
        f"{result['ours']:.1f} s; goal ≥ 12×)"
    )
    line("realisasi consolidate / calamine read", result["ours"], result["floor"], "goal ≤ 1.8")
    small = build_month(work / "small", 10, 300)
    small_cmd = [CLI, "consolidate", str(work / "small"), "--periode", "2026-11"]
    small_cmd += ["--out", str(work / "s.xlsx"), "--config", str(small)]
    per_small = medians({"small": small_cmd}, rounds)["small"] / 10
    print(
        f"  cost per workbook: 10 → {units}: {per_small * 1000:.0f} → "
        f"{result['ours'] / units * 1000:.0f} ms (goal: flat)"
    )
    print(f"  peak memory of the largest process: {_peak_rss_mib(ours):.0f} MiB")


BENCHES = {
    "validate": bench_validate,
    "approve": bench_approve,
    "signatures": bench_signatures,
    "month": bench_month,
}


def main() -> None:
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or list(BENCHES)
    with tempfile.TemporaryDirectory(prefix="rk-bench-") as tmp:
        for name in names:
            BENCHES[name](Path(tmp))


if __name__ == "__main__":
    main()
