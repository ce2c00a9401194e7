"""A person's credentials: ``realisasi kunci`` (the signing key on their PC,
DESIGN.md §12) and ``realisasi token`` (who they are to the office server, §14)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pyaddin.cli._common import config_option
from pyaddin.engine.errors import InputError
from pyaddin.engine.messages import register, t

if TYPE_CHECKING:
    from pyaddin.engine.config import OfficeConfig, Pegawai

register(
    {
        "cli.key.unknown": (
            "'{who}' tidak ada di konfigurasi kantor {file}. Terdaftar: {names}.",
            "'{who}' is not in the office configuration {file}. Registered: {names}.",
        ),
        "cli.key.made": (
            "Kunci tanda tangan {nama} ({jabatan}) dibuat dan disimpan di {where}.\n"
            "Kirim baris berikut ke admin untuk entri [[pegawai]] {nama} di konfigurasi "
            "kantor (kunci pribadi tidak pernah meninggalkan komputer ini):",
            "The signing key of {nama} ({jabatan}) was made and stored in {where}.\n"
            "Send the line below to the administrator for the [[pegawai]] entry of {nama} in "
            "the office configuration (the private key never leaves this computer):",
        ),
        "key.exists": (
            "{who} sudah punya kunci di komputer ini ({where}). Pakai --ganti untuk membuat "
            "kunci baru (kunci lama tetap di konfigurasi kantor dengan berlaku_sampai).",
            "{who} already has a key on this computer ({where}). Use --ganti to make a new one "
            "(keep the old one in the office config with berlaku_sampai).",
        ),
        "cli.key.none": (
            "Belum ada kunci tanda tangan di komputer ini ({where}).",
            "There are no signing keys on this computer ({where}).",
        ),
        "cli.token.made": (
            "Token server untuk {nama} ({jabatan}). Token ini hanya dicetak sekali: simpan di "
            "xlwings.conf pengguna di PC-nya sebagai AUTH, jangan dikirim lewat surel atau "
            "pesan terbuka:",
            "Server token of {nama} ({jabatan}). It is printed only this once: store it in "
            "the user's xlwings.conf on their PC as AUTH; do not send it by e-mail or open "
            "chat:",
        ),
        "cli.token.config": (
            "Salin baris berikut ke entri [[pegawai]] {nama} di konfigurasi kantor server "
            "(server hanya menyimpan sidik SHA-256-nya):",
            "Copy the line below into the [[pegawai]] entry of {nama} in the server's office "
            "configuration (the server keeps only its SHA-256):",
        ),
        "cli.key.list": (
            "Kunci tanda tangan di komputer ini ({where}):",
            "Signing keys on this computer ({where}):",
        ),
    }
)


@click.group("kunci")
def key_group() -> None:
    """Kunci tanda tangan persetujuan (Ed25519) di komputer ini."""


@key_group.command("buat")
@click.option("--by", "who", required=True, help="Nama atau username di konfigurasi kantor.")
@config_option()
@click.option("--ganti", is_flag=True, help="Ganti kunci yang sudah ada (kunci hilang/bocor).")
def make_key_cmd(who: str, config_path: str | None, ganti: bool) -> None:
    """Buat kunci tanda tangan seseorang; cetak baris kunci_publik untuk admin."""
    from pyaddin.engine.config import load_config
    from pyaddin.engine.signatures import public_key
    from pyaddin.files.key_store import new_private_key, open_store, person_id

    person = _person(load_config(config_path), who, config_path)
    store = open_store()
    key_id = person_id(person.nip, person.nama)
    if store.has(key_id) and not ganti:
        raise InputError("key.exists", who=person.nama, where=store.where)
    private = new_private_key()
    store.put(key_id, private)
    click.echo(t("cli.key.made", nama=person.nama, jabatan=person.jabatan, where=store.where))
    click.echo(f'kunci_publik = "{public_key(private)}"')


@key_group.command("daftar")
def list_keys_cmd() -> None:
    """Tampilkan kunci yang disimpan di komputer ini (tanpa isinya)."""
    from pyaddin.files.key_store import open_store

    store = open_store()
    ids = store.ids()
    if not ids:
        click.echo(t("cli.key.none", where=store.where))
        return
    click.echo(t("cli.key.list", where=store.where))
    for key_id in ids:
        click.echo(f"  {key_id}")


def _person(config: OfficeConfig, who: str, config_path: str | None) -> Pegawai:
    """The current entry of ``who`` (name or username) in the office config."""
    wanted = " ".join(who.split()).casefold()
    for p in config.pegawai:
        names = (" ".join(p.nama.split()).casefold(), p.username.casefold())
        if p.berlaku_sampai is None and wanted in names:
            return p
    known = ", ".join(p.username or p.nama for p in config.pegawai if p.berlaku_sampai is None)
    raise InputError("cli.key.unknown", who=who, file=config_path or "bawaan", names=known)


@click.group("token")
def token_group() -> None:
    """Token seseorang untuk server kantor (pengganti nama pengguna PC)."""


@token_group.command("buat")
@click.option("--by", "who", required=True, help="Nama atau username di konfigurasi kantor.")
@config_option()
def make_token_cmd(who: str, config_path: str | None) -> None:
    """Buat token server seseorang: cetak token sekali, lalu baris token_sha256 untuk admin."""
    from pyaddin.engine.config import load_config
    from pyaddin.engine.tokens import new_token, token_digest

    person = _person(load_config(config_path), who, config_path)
    token = new_token()
    click.echo(t("cli.token.made", nama=person.nama, jabatan=person.jabatan))
    click.echo(f'token = "{token}"')
    click.echo(t("cli.token.config", nama=person.nama))
    click.echo(f'token_sha256 = "{token_digest(token)}"')
