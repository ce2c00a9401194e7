"""Benchmarks: each prints its time, its baseline's (timed in the same rounds) and
their ratio against the goal. Run with `make bench` (everything) or
`python benchmarks/run.py [NAME ...] [--quick] [--fresh]`.

The inputs (real months built through the signed chain, big forms) are built once
per version of the code and kept in `out/bench-fixtures/` (benchmarks/fixture_cache.py):
the first `make bench` after a change of the product builds them (about four
minutes more), later runs measure at once. `--fresh` builds them again regardless.

month      month end on a real month: distinct units × 300 rows typed as people type
           them, approved and signed through the real chain (96 units; 500 for the
           scaling and memory lines). consolidate vs a naive pandas script and vs
           python-calamine's floor, medians of 5 interleaved rounds (consolidate and
           the floor run three times a round); where one process's time goes (read,
           validate, verify, report); cost per workbook over 10/96/500 workbooks and
           per row over 50/300/2,000 rows; peak memory of the whole process tree;
           what checking signatures adds.
           `--quick`: 24 units, 3 rounds, no 500 and no 2,000 rows (about a minute).
approve    `approve --all` on 1,000 rows vs an openpyxl load+save of the same
           workbook; and on 2,000 rows with 6,000 Riwayat entries.
select     `approve --rows` listing 5,000 rows vs `approve --all` on the same form.
new        `new --baris 1000` vs an openpyxl load+save of the template.
validate   `validate` on 5,000 rows vs reading the sheet with openpyxl read-only.
year       `rekap-tahun` over 12 months × 8 units × 300 rows vs `consolidate` of one
           of its months (goal: less than 12 times).
board      the month board's JSON on the office server for the month of `month`:
           cold, warm and after one form changed (goals 2 s, 300 ms, 400 ms).

The office server's load benchmark runs on its own: `python benchmarks/server_load.py`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.fixture_cache import fixture  # noqa: E402
from benchmarks.fixtures import big_form, submitted_form  # noqa: E402
from benchmarks.measure import CLI, PY, line, medians, peak_memory  # noqa: E402
from pyaddin.engine.model import WIB  # noqa: E402
from pyaddin.workflow import act  # noqa: E402

QUICK = "--quick" in sys.argv
BUILT: dict[str, tuple[Path, Path]] = {}  # what one benchmark built, for the next
ROUNDS = 3 if QUICK else 5

OPENPYXL_LOAD_SAVE = (
    "import sys; from openpyxl import load_workbook\n"
    "wb = load_workbook(sys.argv[1], keep_vba=True); wb.save(sys.argv[2])\n"
)


def _consolidate(folder: Path, config: Path, out: Path) -> list[str]:
    command = [CLI, "consolidate", str(folder), "--periode", "2026-11", "--out", str(out)]
    return [*command, "--config", str(config)]


def bench_month(work: Path) -> None:
    """Month end on a real month (see the module docstring)."""
    from benchmarks.month import build_month, phases, subset

    main_units = 24 if QUICK else 96
    pool_units = main_units if QUICK else 500
    print(f"month: {pool_units} distinct units × 300 rows")
    built = fixture(work, f"bulan-{pool_units}", lambda d: build_month(d / "pool", pool_units, 300))
    months = {n: subset(built / "pool", n, work / f"m{n}") for n in sorted({10, main_units})}
    months[pool_units] = built / "pool.toml"
    folder = {n: built / "pool" if n == pool_units else work / f"m{n}" for n in months}

    BUILT["month"] = (folder[main_units], months[main_units])  # the board's month too
    ours = _consolidate(folder[main_units], months[main_units], work / "r.xlsx")
    naive = [PY, str(HERE / "naive_pandas.py"), str(folder[main_units]), str(work / "n.xlsx")]
    floor = [PY, str(HERE / "calamine_read.py"), str(folder[main_units])]
    result = medians(
        {"naive": naive, "floor": floor, "ours": ours},
        ROUNDS,
        warm={"floor", "ours"},
        repeat={"floor": 3, "ours": 3},
    )
    print(
        f"  {main_units} workbooks, medians of {ROUNDS} interleaved rounds "
        "(consolidate and the floor three times a round):"
    )
    speed = result["naive"] / result["ours"]
    print(
        f"  {'naive pandas / realisasi consolidate':<46} speed-up {speed:5.1f}×  "
        f"({result['naive']:.1f} s vs {result['ours']:.2f} s; goal ≥ 12×)"
    )
    line("realisasi consolidate / calamine read", result["ours"], result["floor"], "goal ≤ 1.8")

    spent = phases(folder[main_units], months[main_units])
    per = {k: v * 1000 / main_units for k, v in spent.items()}
    print(
        f"  one process, per workbook: read {per['read']:.1f} ms, validate "
        f"{per['validate']:.1f} ms, verify {per['verify']:.1f} ms; report "
        f"{spent['report']:.2f} s for all {main_units}"
    )

    # first of the largest month's runs: it also brings its files into the page cache
    big = _consolidate(folder[pool_units], months[pool_units], work / "big.xlsx")
    tree, largest = peak_memory(big)
    goal = "goal ≤ 200 MiB" if pool_units >= 500 else "goal ≤ 200 MiB at 500"
    print(
        f"  peak memory, {pool_units} × 300: whole process tree {tree:.0f} MiB, "
        f"largest process {largest:.0f} MiB ({goal})"
    )

    sizes = sorted(months)
    cost = {main_units: result["ours"] / main_units}
    for n in sizes:
        if n != main_units:
            rounds, warm = (3, set()) if n >= 200 else (ROUNDS, None)  # 500: read just above
            command = _consolidate(folder[n], months[n], work / f"r{n}.xlsx")
            cost[n] = medians({"ours": command}, rounds, warm=warm)["ours"] / n
    flow = " → ".join(f"{cost[n] * 1000:.0f}" for n in sizes)
    print(f"  cost per workbook, {' → '.join(map(str, sizes))} workbooks: {flow} ms (goal: flat)")

    per_row: dict[int, float] = {}
    for rows in (50, 300) if QUICK else (50, 300, 2000):
        if rows == 300:
            fold, conf = folder[10], months[10]
        else:
            made = fixture(work, f"baris-{rows}", lambda d, n=rows: build_month(d / "m", 10, n))
            fold, conf = made / "m", made / "m.toml"
        seconds = medians({"ours": _consolidate(fold, conf, work / "rr.xlsx")}, 3)["ours"]
        per_row[rows] = seconds
    rows_line = ", ".join(f"{r} rows {s:.2f} s" for r, s in per_row.items())
    print(f"  10 workbooks of: {rows_line}")

    _signature_share(folder[main_units], months[main_units], result["ours"])


def _signature_share(folder: Path, config_path: Path, whole: float) -> None:
    """What checking every signature adds to month end (goal: at most 10 %): in one
    process, the checks of the month's forms against the whole of their month-end
    work (read, validate, verify with those checks, the rows kept), medians of 3
    interleaved rounds. (Against ``whole``, the month's wall time with two readers,
    a one-process figure would count the checks twice.)"""
    import statistics

    from pyaddin.engine.config import load_config
    from pyaddin.engine.consolidate import file_result
    from pyaddin.engine.signatures import check_signatures
    from pyaddin.files.reader import load_for_month, read_form_file

    office = load_config(config_path)
    paths = sorted(folder.glob("*.xlsm"))
    forms = [read_form_file(path) for path in paths]
    checks, work = [], []
    for _ in range(3):
        start = time.perf_counter()
        found = [check_signatures(form, office) for form in forms]
        checks.append(time.perf_counter() - start)
        start = time.perf_counter()
        for path in paths:
            file_result(path, "2026-11", load_for_month, False, office)
        work.append(time.perf_counter() - start)
    assert not any(f.findings for f in found), "the month's signatures must all hold"
    spent, total = statistics.median(checks), statistics.median(work)
    line("signature checks / month-end work, one process", spent, total, "goal ≤ 0.10")
    print(f"  (the same checks / the month's wall time with two readers: {spent / whole:.2f})")


def _against_load_save(source: Path, work: Path, ours_args: list[str]) -> tuple[float, float]:
    target = work / ("run-" + source.name)
    copy = work / ("copy-" + source.name)

    def restore(name: str) -> None:
        shutil.copy(source, target)

    result = medians(
        {
            "base": [PY, "-c", OPENPYXL_LOAD_SAVE, str(target), str(copy)],
            "ours": [CLI, *ours_args[:1], str(target), *ours_args[1:]],
        },
        ROUNDS,
        before=restore,
    )
    return result["ours"], result["base"]


def _approve_forms(folder: Path) -> None:
    submitted_form(folder / "approve-1000.xlsm", 1000)
    big = submitted_form(folder / "approve-2000.xlsm", 2000)
    when = dt.datetime(2026, 11, 21, 9, tzinfo=WIB)
    for who in ("siti", "hendra"):
        act(big, "approve", who, None, now=when)  # 6,000 Riwayat entries


def bench_approve(work: Path) -> None:
    forms = fixture(work, "setujui", _approve_forms)
    form = forms / "approve-1000.xlsm"
    ours, base = _against_load_save(form, work, ["approve", "--by", "siti", "--all"])
    print("approve --all (1,000 rows)")
    line("realisasi approve --all / openpyxl load+save", ours, base, "goal ≤ 1.2")
    big = forms / "approve-2000.xlsm"
    ours, base = _against_load_save(big, work, ["approve", "--by", "ahmad.fauzi", "--all"])
    print("approve --all (2,000 rows, 6,000 Riwayat entries)")
    line("realisasi approve --all / openpyxl load+save", ours, base, "goal ≤ 1.2")


def bench_select(work: Path) -> None:
    made = fixture(work, "pilih", lambda d: submitted_form(d / "select-5000.xlsm", 5000))
    source = made / "select-5000.xlsm"
    target = work / "select-run.xlsm"

    def restore(name: str) -> None:
        shutil.copy(source, target)

    listing = ",".join(str(n) for n in range(1, 5001))
    approve = [CLI, "approve", str(target), "--by", "siti"]
    result = medians(
        {"all": [*approve, "--all"], "rows": [*approve, "--rows", listing]}, ROUNDS, restore
    )
    print("approve --rows listing 5,000 rows")
    line("approve --rows 1,…,5000 / approve --all", result["rows"], result["all"], "goal ≤ 1.5")


def bench_new(work: Path) -> None:
    from pyaddin.workflow import template_path

    template = template_path()
    assert template is not None, "the template workbook is installed with the package"
    out = work / "baru.xlsm"

    def clear(name: str) -> None:
        out.unlink(missing_ok=True)

    new = [CLI, "new", "--subbagian", "Keuangan", "--periode", "2026-11", "--baris", "1000"]
    result = medians(
        {
            "base": [PY, "-c", OPENPYXL_LOAD_SAVE, str(template), str(work / "t.xlsm")],
            "ours": [*new, "--out", str(out)],
        },
        ROUNDS,
        clear,
    )
    print("new --baris 1000")
    line("realisasi new --baris 1000 / template load+save", result["ours"], result["base"], "≤ 2")


def bench_validate(work: Path) -> None:
    made = fixture(work, "validasi", lambda d: big_form(d / "validate.xlsm", 5000))
    path = made / "validate.xlsm"
    read = (
        "import sys; from openpyxl import load_workbook\n"
        "wb = load_workbook(sys.argv[1], read_only=True)\n"
        "n = sum(1 for _ in wb['Realisasi'].iter_rows(values_only=True))\n"
    )
    result = medians(
        {"base": [PY, "-c", read, str(path)], "ours": [CLI, "validate", str(path), "--json"]},
        ROUNDS,
    )
    print("validate (5,000 rows)")
    line("realisasi validate / openpyxl read-only", result["ours"], result["base"], "goal ≤ 1.0")


def bench_year(work: Path) -> None:
    """The year view: 12 months × 8 units × 300 rows against one of its months."""
    from benchmarks.month import build_month

    months = tuple(dt.date(2026, m, 1) for m in range(1, 13))
    print("year: 12 months × 8 units × 300 rows")
    made = fixture(work, "tahun", lambda d: build_month(d / "tahun", 8, 300, months))
    config = made / "tahun.toml"
    one = [CLI, "consolidate", str(made / "tahun" / "2026-01"), "--periode", "2026-01"]
    one += ["--out", str(work / "bulan.xlsx"), "--config", str(config)]
    year = [CLI, "rekap-tahun", str(made / "tahun"), "--tahun", "2026"]
    year += ["--out", str(work / "tahun.xlsx"), "--config", str(config)]
    result = medians({"month": one, "year": year}, 3 if QUICK else ROUNDS)
    line(
        "rekap-tahun (12 months) / consolidate one month",
        result["year"],
        result["month"],
        "goal < 12",
    )


def bench_board(work: Path) -> None:
    """The month board on the month of ``month`` (built here when run alone)."""
    from benchmarks.board import bench_board as board
    from benchmarks.month import build_month

    if "month" in BUILT:
        folder, config = BUILT["month"]
    else:
        units = 24 if QUICK else 96
        made = fixture(work, f"papan-{units}", lambda d: build_month(d / "bulan", units, 300))
        folder, config = made / "bulan", made / "bulan.toml"
    board(work, folder, config)


BENCHES = {
    "month": bench_month,
    "board": bench_board,
    "year": bench_year,
    "approve": bench_approve,
    "select": bench_select,
    "new": bench_new,
    "validate": bench_validate,
}


def main() -> None:
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or list(BENCHES)
    unknown = set(names) - set(BENCHES)
    if unknown:
        raise SystemExit(f"unknown benchmark {sorted(unknown)}; choose from {list(BENCHES)}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rk-bench-") as tmp:
        for name in names:
            folder = Path(tmp) / name
            folder.mkdir()
            began = time.perf_counter()
            BENCHES[name](folder)
            print(f"  [{name}: {time.perf_counter() - began:.0f} s]")
    print(f"benchmarks done in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
