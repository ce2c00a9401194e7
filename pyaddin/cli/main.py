"""The ``realisasi`` command line: the group, its commands, and :func:`main`.

Each command lives at module level in a module of its group and only parses
input, calls one workflow function and prints the result; this module adds
them to the group at import. Exit codes (DESIGN.md §6): 0 ok, 1 the check found
problems (or the workflow refused an action), 2 the input could not be used.
Errors are one line on stderr; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys

import click

from pyaddin.cli import (
    _click_texts,
    form_commands,
    key_commands,
    month_commands,
    review_commands,
    server_commands,
    year_commands,
)
from pyaddin.engine.errors import RealisasiError
from pyaddin.engine.messages import register, set_language, t
from pyaddin.files.lean_imports import skip_numpy_for_openpyxl

register(
    {
        "cli.unexpected": (
            "Terjadi kesalahan tak terduga: {detail}. Berkas tidak diubah. Jalankan ulang "
            "dengan --debug dan kirim keluarannya ke pengelola aplikasi.",
            "Unexpected error: {detail}. No file was changed. Run again with --debug and "
            "send the output to the maintainer.",
        ),
        "cli.usage": (
            "{detail} (lihat '{cmd} --help')",
            "{detail} (see '{cmd} --help')",
        ),
        "cli.aborted": ("Dibatalkan.", "Aborted."),
    }
)

_click_texts.install()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default=None,
    help="Bahasa pesan (bawaan: id, atau REALISASI_LANG).",
)
@click.option("--debug", is_flag=True, help="Tampilkan traceback saat galat.")
@click.version_option(package_name="realisasi-kegiatan")
def cli(lang: str | None, debug: bool) -> None:
    """Realisasi Kegiatan Bulanan — Sekretariat KPU Provinsi Bengkulu."""
    set_language(lang)


for _command in (
    form_commands.new_cmd,
    form_commands.validate_cmd,
    review_commands.submit_cmd,
    review_commands.approve_cmd,
    review_commands.return_cmd,
    review_commands.status_cmd,
    review_commands.verify_cmd,
    form_commands.add_rows_cmd,
    month_commands.consolidate_cmd,
    year_commands.year_cmd,
    month_commands.export_cmd,
    month_commands.demo_cmd,
    form_commands.build_workbook_cmd,
    form_commands.update_macros_cmd,
    key_commands.key_group,
    key_commands.token_group,
    server_commands.serve_cmd,
):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``realisasi`` console script; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    skip_numpy_for_openpyxl()
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="realisasi", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    except click.exceptions.Abort:
        click.echo(t("cli.aborted"), err=True)
        return 2
    except click.ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        cmd = ctx.command_path if ctx is not None else "realisasi"
        click.echo(t("cli.usage", detail=exc.format_message(), cmd=cmd), err=True)
        return 2
    except RealisasiError as exc:
        if debug:
            raise
        click.echo(exc.message, err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if debug:
            raise
        click.echo(t("cli.unexpected", detail=f"{type(exc).__name__}: {exc}"), err=True)
        return 2
    return 0


def run() -> None:
    """The ``realisasi`` console script: :func:`main`, then the process ends. Its
    objects are frozen first: the interpreter's last collection would otherwise
    walk every one of them (a month end's rows and reports) only to let the
    process go."""
    import gc

    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
