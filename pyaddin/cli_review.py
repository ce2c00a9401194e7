"""CLI commands of the review workflow: submit, approve, return, status, verify."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pyaddin.errors import InputError
from pyaddin.i18n import register, t

if TYPE_CHECKING:
    from pyaddin.review import ActionResult

register(
    {
        "cli.rows.bad": (
            "--rows '{value}' tidak dikenali; tulis nomor No. dipisah koma, mis. 1,2,5 "
            "atau rentang 3-7.",
            "--rows '{value}' is not recognised; write No. values separated by commas, "
            "e.g. 1,2,5, or a range 3-7.",
        ),
        "cli.rows.need": ("Sebutkan --rows atau --all.", "Give --rows or --all."),
        "cli.rows.both": ("Pilih salah satu: --rows atau --all.", "Use either --rows or --all."),
        "cli.done": (
            "{verb}: {count} baris ({rows}) oleh {name}; Riwayat +{count} entri",
            "{verb}: {count} rows ({rows}) by {name}; Riwayat +{count} entries",
        ),
        "cli.verb.submit": ("Diajukan", "Submitted"),
        "cli.verb.approve": ("Disetujui", "Approved"),
        "cli.verb.return": ("Dikembalikan", "Returned"),
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


def _report(action: str, result: ActionResult) -> None:
    rows = ", ".join(str(c.no) for c in result.changes)
    verb = t(f"cli.verb.{action}")
    name = result.person.nama
    click.echo(t("cli.done", verb=verb, count=len(result.changes), rows=rows, name=name))


def register_commands(group: click.Group) -> None:
    """Attach the review commands to ``group``."""
    from pyaddin.operations import act

    @group.command("submit")
    @click.argument("file", type=click.Path())
    @click.option("--by", required=True, help="Nama atau username Petugas.")
    @click.option("--rows", default=None, help="No. baris, mis. 1,2,5 (bawaan: semua draf).")
    def submit_cmd(file: str, by: str, rows: str | None) -> None:
        """Ajukan baris (Petugas)."""
        _report("submit", act(Path(file), "submit", by, parse_rows(rows)))

    @group.command("approve")
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
        _report("approve", act(Path(file), "approve", by, parse_rows(rows)))

    @group.command("return")
    @click.argument("file", type=click.Path())
    @click.option("--by", required=True, help="Nama atau username reviewer.")
    @click.option("--rows", required=True, help="No. baris, mis. 3.")
    @click.option("--note", required=True, help="Apa yang harus diperbaiki.")
    def return_cmd(file: str, by: str, rows: str, note: str) -> None:
        """Kembalikan baris ke Petugas dengan catatan."""
        _report("return", act(Path(file), "return", by, parse_rows(rows), note))

    @group.command("status")
    @click.argument("file", type=click.Path())
    @click.option("--json", "as_json", is_flag=True)
    def status_cmd(file: str, as_json: bool) -> None:
        """Ringkasan status baris dan siapa berikutnya."""
        from pyaddin.audit import status_summary
        from pyaddin.cli import echo_json
        from pyaddin.io_xlsx import read_form_file

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

    @group.command("verify")
    @click.argument("file", type=click.Path())
    @click.option("--json", "as_json", is_flag=True)
    def verify_cmd(file: str, as_json: bool) -> None:
        """Periksa keaslian: rantai hash Riwayat dan baris yang disetujui."""
        from pyaddin.audit import verify_form, verify_json
        from pyaddin.cli import echo_json
        from pyaddin.io_xlsx import read_form_file

        form = read_form_file(file)
        result = verify_form(form)
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
