"""How the benchmarks measure: whole processes, medians of interleaved rounds
(every command timed in every round, so a slow moment of the machine falls on
all of them alike), and the peak memory of a whole process tree."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

PY = sys.executable
CLI = str(Path(PY).with_name("realisasi"))
# Processes run as on a user's machine: with bytecode caches (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every process recompile what it imports).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> float:
    """Wall time of one whole process (it must succeed: exit 0, or 1 for "problems")."""
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])} gagal:\n{proc.stderr}")
    return elapsed


def medians(
    commands: dict[str, list[str]],
    rounds: int,
    before: Callable[[str], None] | None = None,
    warm: set[str] | None = None,
    repeat: dict[str, int] | None = None,
) -> dict[str, float]:
    """Median wall time of each command over ``rounds`` interleaved rounds, after one
    untimed warm-up round (page cache, bytecode) of the commands in ``warm`` (all
    by default; a slow baseline reading the same files as a warmed one needs none);
    ``before(name)`` runs untimed before each run (e.g. to restore the file the
    command changes). ``repeat[name]`` runs of that command in every round: a
    command of a second or two samples the machine's slow and fast moments where a
    baseline of half a minute averages them within its one run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(rounds + 1):
        for name, command in commands.items():
            if not round_ and warm is not None and name not in warm:
                continue
            for _ in range((repeat or {}).get(name, 1) if round_ else 1):
                if before:
                    before(name)
                elapsed = run(command)
                if round_:
                    times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def _tree(root: int) -> list[int]:
    """``root`` and every process below it (Linux /proc)."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    queue += [int(c) for c in handle.read().split()]
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(root: int) -> float:
    """CPU time (user + system) used so far by ``root`` and the processes below it."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def peak_memory(command: list[str], every: float = 0.01) -> tuple[float, float]:
    """(peak of the summed resident memory of the whole process tree, peak of its
    largest process), MiB, sampled every ``every`` seconds while ``command`` runs."""
    if not Path("/proc/self/task").exists():
        return float("nan"), float("nan")
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    total = largest = 0
    while proc.poll() is None:
        sizes = [_rss_kib(pid) for pid in _tree(proc.pid)]
        total, largest = max(total, sum(sizes)), max(largest, max(sizes, default=0))
        time.sleep(every)
    return total / 1024, largest / 1024


def line(name: str, ours: float, base: float, goal: str) -> None:
    """One result: our time, the baseline's, their ratio, the goal."""
    print(f"  {name:<46} {ours:7.2f} s  baseline {base:7.2f} s  ratio {ours / base:5.2f}  ({goal})")
