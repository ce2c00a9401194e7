"""Helpers shared by the command modules: argument parsing and output."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pyaddin.engine.errors import InputError, RealisasiError
from pyaddin.engine.messages import register, t

register(
    {
        "cli.cons.problems": (
            "  Masalah: {detail} (lembar Masalah).",
            "  Problems: {detail} (sheet Masalah).",
        ),
        "cli.cons.clean": ("  Tidak ada masalah.", "  No problems."),
        "cli.bad_periode": (
            "Periode '{value}' tidak dikenali; tulis TTTT-BB, mis. 2026-11.",
            "Periode '{value}' is not recognised; write YYYY-MM, e.g. 2026-11.",
        ),
        "cli.rows.bad": (
            "--rows '{value}' tidak dikenali; tulis nomor No. dipisah koma, mis. 1,2,5 "
            "atau rentang 3-7.",
            "--rows '{value}' is not recognised; write No. values separated by commas, "
            "e.g. 1,2,5, or a range 3-7.",
        ),
        "cli.pdf": ("PDF: {file}", "PDF: {file}"),
    }
)


def parse_periode(value: str) -> dt.date:
    """``2026-11`` → 1 November 2026; InputError otherwise."""
    text = value.strip()
    try:
        year, month = (int(p) for p in text.split("-"))
        if len(text.split("-")[0]) != 4:
            raise ValueError(text)
        return dt.date(year, month, 1)
    except ValueError as exc:
        raise InputError("cli.bad_periode", value=value) from exc


def parse_rows(value: str | None) -> list[int] | None:
    """``1,2,5`` or ``3-7`` → list of No. values; None when not given."""
    if value is None:
        return None
    numbers: list[int] = []
    try:
        for part in value.replace(" ", "").split(","):
            if not part:
                continue
            if "-" in part:
                low, high = (int(p) for p in part.split("-", 1))
                if low > high or high - low > 100_000:
                    raise ValueError(part)
                numbers.extend(range(low, high + 1))
            else:
                numbers.append(int(part))
    except ValueError as exc:
        raise InputError("cli.rows.bad", value=value) from exc
    if not numbers or any(n < 1 for n in numbers):
        raise InputError("cli.rows.bad", value=value)
    return numbers


def echo_problem_kinds(problems: list[dict[str, Any]]) -> None:
    """The closing line of a consolidation: how many problems of each kind, or none."""
    from collections import Counter

    kinds = Counter(p["kind"] for p in problems)
    if kinds:
        detail = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        click.echo(t("cli.cons.problems", detail=detail))
    else:
        click.echo(t("cli.cons.clean"))


def config_option(help: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--config FILE``, the office config (TOML), as ``config_path``."""
    return click.option(
        "--config", "config_path", type=click.Path(dir_okay=False), default=None, help=help
    )


def report_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options every command that writes a report takes: --out, --config, --json, --pdf."""
    for option in reversed(
        (
            click.option("--out", required=True, type=click.Path(dir_okay=False)),
            config_option(),
            click.option("--json", "as_json", is_flag=True),
            click.option("--pdf", is_flag=True, help="Cetak juga ke PDF (LibreOffice)."),
        )
    ):
        command = option(command)
    return command


def present_report(
    data: dict[str, Any], as_json: bool, summary: Callable[[], None], out: str, pdf: bool
) -> None:
    """Print a written report's JSON or its summary lines, print it to PDF if asked,
    and exit 1 when it lists problems (the report is written all the same)."""
    if as_json:
        echo_json(data)
    else:
        summary()
    if pdf:
        print_pdf(Path(out))
    if data["problems"]:
        raise SystemExit(1)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_pdf(path: Path) -> None:
    """Render to PDF; when LibreOffice is missing, say so and carry on."""
    from pyaddin.outputs.pdf import to_pdf

    try:
        click.echo(t("cli.pdf", file=to_pdf(path)))
    except RealisasiError as exc:
        click.echo(exc.message, err=True)
