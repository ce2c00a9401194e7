"""Benchmarks: each prints its time and its ratio to a baseline measured in the
same run. Run with `make bench` or `python benchmarks/run.py [NAME ...]`.

validate     `realisasi validate` on a 5,000-row form vs reading the same sheet's
             values with openpyxl read-only (target ratio ≤ 1.0), whole processes.
approve      `realisasi approve --all` on a 1,000-row form vs an openpyxl
             load-and-save of the same workbook (target ratio ≤ 0.5), whole processes;
             and on a 2,000-row form with 6,000 Riwayat entries (target ≤ 0.33: the
             write path before surgical writes loaded and saved the whole workbook
             with openpyxl, so its time was at least that baseline).
consolidate  `realisasi consolidate` on 96 workbooks × 300 rows vs a naive pandas
             script (target ≥ 10× faster) and vs python-calamine reading the values
             (target ≤ 3×).
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


def bench_consolidate(work: Path) -> None:
    folder = work / "month"  # signed, as an office that uses keys has it
    config = signed_month(folder, 96, 300)
    out = work / "report.xlsx"
    naive = timed(
        [PY, str(HERE / "naive_pandas.py"), str(folder), str(work / "naive.xlsx")], repeat=1
    )
    calamine = timed([PY, str(HERE / "calamine_read.py"), str(folder)], repeat=2)
    command = [CLI, "consolidate", str(folder), "--periode", "2026-11", "--out", str(out)]
    ours = timed([*command, "--json", "--config", str(config)], repeat=2)
    print("consolidate (96 workbooks × 300 rows)")
    print(
        f"  {'naive pandas / realisasi consolidate':<44} speed-up {naive / ours:6.1f}×"
        f"  ({naive:.1f} s vs {ours:.1f} s; target ≥ 10×)"
    )
    line("realisasi consolidate / calamine read", ours, calamine, "target ≤ 3.0")


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


BENCHES = {
    "validate": bench_validate,
    "approve": bench_approve,
    "consolidate": bench_consolidate,
    "signatures": bench_signatures,
}


def main() -> None:
    names = sys.argv[1:] or list(BENCHES)
    with tempfile.TemporaryDirectory(prefix="rk-bench-") as tmp:
        for name in names:
            BENCHES[name](Path(tmp))


if __name__ == "__main__":
    main()
