"""Commands of the review workflow: submit, approve, return, status, verify."""

from __future__ import annotations

from pathlib import Path

import click

from pyaddin.cli._common import config_option, echo_json, parse_rows
from pyaddin.engine.errors import InputError
from pyaddin.engine.messages import register, t
from pyaddin.workflow import Action

register(
    {
        "cli.rows.need": ("Sebutkan --rows atau --all.", "Give --rows or --all."),
        "cli.rows.both": ("Pilih salah satu: --rows atau --all.", "Use either --rows or --all."),
        "cli.verify.ok": (
            "{file}: rantai Riwayat utuh ({entries} entri), tidak ada baris yang berubah "
            "setelah disetujui.",
            "{file}: the Riwayat chain is intact ({entries} entries), no row changed after "
            "approval.",
        ),
        "cli.verify.found": ("{file}: {count} temuan.", "{file}: {count} findings."),
        "cli.status.head": (
            "{file} — {unit}, {periode}: {rows} baris terisi",
            "{file} — {unit}, {periode}: {rows} filled rows",
        ),
        "cli.status.next": (
            "  Menunggu {jabatan} ({names}): No. {rows}",
            "  Waiting for {jabatan} ({names}): No. {rows}",
        ),
        "cli.status.staff": (
            "  Di Petugas (draf/dikembalikan): No. {rows}",
            "  With Petugas (draft/returned): No. {rows}",
        ),
    }
)


def _act(file: str, action: Action, by: str, rows: list[int] | None, note: str = "") -> None:
    from pyaddin.workflow import act, action_sentence, unsigned_warning

    result = act(Path(file), action, by, rows, note)
    click.echo(action_sentence(action, result))
    warning = unsigned_warning(result, by)
    if warning:
        click.echo(warning, err=True)


@click.command("submit")
@click.argument("file", type=click.Path())
@click.option("--by", required=True, help="Nama atau username Petugas.")
@click.option("--rows", default=None, help="No. baris, mis. 1,2,5 (bawaan: semua draf).")
def submit_cmd(file: str, by: str, rows: str | None) -> None:
    """Ajukan baris (Petugas)."""
    _act(file, Action.SUBMIT, by, parse_rows(rows))


@click.command("approve")
@click.argument("file", type=click.Path())
@click.option("--by", required=True, help="Nama atau username reviewer.")
@click.option("--rows", default=None, help="No. baris, mis. 1,2,5.")
@click.option("--all", "all_rows", is_flag=True, help="Semua baris yang menunggu Anda.")
def approve_cmd(file: str, by: str, rows: str | None, all_rows: bool) -> None:
    """Setujui baris pada tahap Anda (Kasubbag, Kabag, Sekretaris)."""
    if rows is None and not all_rows:
        raise InputError("cli.rows.need")
    if rows is not None and all_rows:
        raise InputError("cli.rows.both")
    _act(file, Action.APPROVE, by, parse_rows(rows))


@click.command("return")
@click.argument("file", type=click.Path())
@click.option("--by", required=True, help="Nama atau username reviewer.")
@click.option("--rows", required=True, help="No. baris, mis. 3.")
@click.option("--note", required=True, help="Apa yang harus diperbaiki.")
def return_cmd(file: str, by: str, rows: str, note: str) -> None:
    """Kembalikan baris ke Petugas dengan catatan."""
    _act(file, Action.RETURN, by, parse_rows(rows), note)


@click.command("status")
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True)
def status_cmd(file: str, as_json: bool) -> None:
    """Ringkasan status baris dan siapa berikutnya."""
    from pyaddin.engine.audit import status_summary
    from pyaddin.files.reader import read_form_file

    summary = status_summary(read_form_file(file))
    if as_json:
        echo_json(summary)
        return
    click.echo(
        t(
            "cli.status.head",
            file=file,
            unit=summary["subbagian"],
            periode=summary["periode"],
            rows=summary["rows"],
        )
    )
    for status, count in summary["by_status"].items():
        click.echo(f"  {status:<24} {count}")
    for step in summary["next"]:
        click.echo(
            t(
                "cli.status.next",
                jabatan=step["jabatan"],
                names=", ".join(step["nama"]) or "-",
                rows=", ".join(str(n) for n in step["rows"]),
            )
        )
    if summary["staff_rows"]:
        click.echo(t("cli.status.staff", rows=", ".join(str(n) for n in summary["staff_rows"])))


@click.command("verify")
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True)
@config_option("Periksa juga tanda tangan terhadap konfigurasi kantor ini.")
def verify_cmd(file: str, as_json: bool, config_path: str | None) -> None:
    """Periksa keaslian: rantai hash Riwayat, baris yang disetujui, tanda tangan."""
    from pyaddin.engine.audit import verify_form, verify_json
    from pyaddin.engine.config import load_config
    from pyaddin.files.reader import read_form_file

    office = load_config(config_path) if config_path else None
    form = read_form_file(file)
    result = verify_form(form, office=office)
    if as_json:
        echo_json(verify_json(form, result))
    elif result.ok:
        click.echo(t("cli.verify.ok", file=file, entries=len(form.history)))
    else:
        click.echo(t("cli.verify.found", file=file, count=len(result.findings)))
        for f in result.findings:
            click.echo(f"  {f.kind}: {f.message}")
    if not result.ok:
        raise SystemExit(1)
