"""The front ends as a person meets them, each in a fresh process where import
order cannot hide a missing message: every ribbon macro, the CLI's commands and
its own texts, the README's command list, and the language of worker processes."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pyaddin.engine import messages
from tests.helpers import cli_process, fill, good_rows, make_form

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pyaddin"

RUN_EVERY_MACRO = r"""
import json, os, sys
from pathlib import Path
import pyaddin.macros as m                      # the only import of the product
heavy = {mod for mod in ("pandas", "openpyxl", "xlsxwriter") if mod in sys.modules}
from tests.remote import apply_actions, open_remote  # the stand-in for Excel

path, folder = sys.argv[1], sys.argv[2]
alerts = {}
steps = [
    ("bantuan", "rina", "A1"), ("validasi", "rina", "A1"), ("ajukan", "rina", "A1"),
    ("setujui_terpilih", "siti", "B8:B9"), ("kembalikan", "siti", "B10"),
    ("setujui_semua", "siti", "A1"), ("tambah_baris", "rina", "A1"),
    ("cek_keaslian", "rina", "A1"), ("riwayat", "rina", "A1"), ("konsolidasi", "rina", "A1"),
    ("setujui_terpilih", "tamu", "B8"),
]
for name, user, selection in steps:
    os.environ["RK_USER"] = user
    book = open_remote(Path(path), selection)
    if name in ("kembalikan", "konsolidasi"):
        book.names["RK_MASUKAN"].refers_to_range.value = (
            "Lampirkan SPJ" if name == "kembalikan" else folder
        )
        apply_actions(Path(path), book.json()["actions"])
        book = open_remote(Path(path), selection)
    getattr(m, name)(book)
    alerts[f"{name}:{user}"] = apply_actions(Path(path), book.json()["actions"])
print(json.dumps({"alerts": alerts, "heavy_before": sorted(heavy)}))
"""

KEY_LIKE = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


def _raw_keys(text: str) -> list[str]:
    """Message keys shown as such (``cli.verb.submit``) instead of their sentence."""
    import pyaddin.cli
    import pyaddin.macros  # noqa: F401  (every catalog registered in this process)

    return [k for k in KEY_LIKE.findall(text) if messages.is_registered(k)]


def test_every_macro_in_a_fresh_process_shows_real_sentences(tmp_path: Path) -> None:
    folder = tmp_path / "bulan"
    folder.mkdir()
    path = make_form(folder)
    fill(path, good_rows(3))
    script = tmp_path / "run_macros.py"
    script.write_text(RUN_EVERY_MACRO, "utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(path), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["heavy_before"] == []
    alerts = result["alerts"]
    assert all(len(shown) == 1 for shown in alerts.values()), alerts
    for name, (text,) in alerts.items():
        assert text and "Traceback" not in text and "{" not in text, (name, text)
        assert not _raw_keys(text), (name, text)
        assert "kesalahan tak terduga" not in text, (name, text)
    sentence, warning = alerts["ajukan:rina"][0].split("\n\n")
    assert sentence == "Diajukan: 3 baris (1, 2, 3) oleh Rina Marlina; Riwayat +3 entri"
    assert warning.startswith("Peringatan: Rina Marlina belum punya kunci tanda tangan")
    assert "'tamu' tidak terdaftar" in alerts["setujui_terpilih:tamu"][0]
    assert alerts["konsolidasi:rina"][0].startswith("Laporan 2026-11 dibuat")


def _literal_keys(tree: ast.AST) -> set[str]:
    """Message keys a module uses literally: ``t("k")`` and exceptions raised with one."""
    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if (
                isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and (name == "t" or name.endswith(("Error", "Refused")))
                and re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", first.value)
            ):
                keys.add(first.value)
    return keys


def _modules_using_keys() -> dict[str, set[str]]:
    found = {}
    for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "validators").glob("*.py")]):
        keys = _literal_keys(ast.parse(path.read_text("utf-8")))
        if keys:
            if path.is_relative_to(PACKAGE):
                module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            else:
                module = "pyaddin.validators." + path.stem
            found[module.removesuffix(".__init__")] = keys
    return found


def test_each_module_brings_its_own_messages() -> None:
    """Importing a module alone, in a fresh interpreter, registers every key it uses."""
    modules = _modules_using_keys()
    assert "pyaddin.macros" in modules and "pyaddin.workflow" in modules
    code = (
        "import importlib, json, sys\n"
        "from pyaddin.engine import messages\n"
        "module, keys = sys.argv[1], json.loads(sys.argv[2])\n"
        "importlib.import_module(module)\n"
        "print(json.dumps([k for k in keys if not messages.is_registered(k)]))\n"
    )
    for module, keys in modules.items():
        proc = subprocess.run(
            [sys.executable, "-c", code, module, json.dumps(sorted(keys))],
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(proc.stdout) == [], module


def test_an_unknown_key_raises_under_test() -> None:
    with pytest.raises(messages.UnknownMessageError):
        messages.t("tidak.ada.kunci")


def test_cli_commands_exist_without_main() -> None:
    """Module-level commands: the group is whole at import (no main() needed)."""
    from pyaddin.cli import cli

    result = CliRunner().invoke(cli, ["approve", "--help"])
    assert result.exit_code == 0 and "Setujui baris" in result.output
    assert "Pemakaian:" in result.output and "Tampilkan pesan ini lalu keluar." in result.output


def test_the_usage_line_is_in_the_users_language() -> None:
    """click's usage line pieces are not in its gettext catalogue: they are ours."""
    run = cli_process("validate", "--help")
    assert run.out.startswith("Pemakaian: realisasi validate [OPSI] BERKAS\n"), run.out
    run = cli_process("--help")
    assert run.out.startswith("Pemakaian: realisasi [OPSI] PERINTAH [ARGUMEN]...\n"), run.out
    run = cli_process("--lang", "en", "validate", "--help")
    assert run.out.startswith("Usage: realisasi validate [OPTIONS] FILE\n"), run.out


def test_an_unknown_command_says_where_help_is() -> None:
    run = cli_process("foo")
    assert run.code == 2
    assert run.err.strip() == "Perintah 'foo' tidak ada. (lihat 'realisasi --help')"
    run = cli_process("submit")
    assert "(lihat 'realisasi submit --help')" in run.err and "Missing" not in run.err


def test_readme_lists_every_command_of_help() -> None:
    from pyaddin.cli import cli

    readme = (ROOT / "README.md").read_text("utf-8")
    listed = set(re.findall(r"^realisasi ([a-z-]+)", readme, re.M))
    assert listed == set(cli.commands), sorted(listed ^ set(cli.commands))


def test_no_import_circle_in_the_cli() -> None:
    """No command module imports the CLI's main module back."""
    for path in (PACKAGE / "cli").glob("*.py"):
        if path.name in ("main.py", "__init__.py"):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
        }
        assert not imported & {"pyaddin.cli", "pyaddin.cli.main"}, path.name


def test_the_engine_imports_no_workbook_library() -> None:
    banned = ("xlwings", "openpyxl", "python_calamine", "xlsxwriter")
    for path in (PACKAGE / "engine").glob("*.py"):
        text = path.read_text("utf-8")
        for name in banned:
            assert not re.search(rf"^\s*(from|import) {name}\b", text, re.M), (path.name, name)


def test_the_language_reaches_spawned_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Consolidation's worker processes (spawned, as on Windows and macOS) speak the
    language the CLI was given."""
    from pyaddin.engine import consolidate
    from pyaddin.engine.config import load_config
    from pyaddin.files.reader import load_for_month

    monkeypatch.setattr(consolidate, "START_METHOD", "spawn")
    first = make_form(tmp_path, name="a.xlsm")
    fill(first, good_rows(2))
    files = [first]
    for i in range(consolidate.PROCESS_THRESHOLD):
        copy = tmp_path / f"copy{i}.xlsm"
        shutil.copy(first, copy)
        files.append(copy)
    messages.set_language("en")
    try:
        month = consolidate.consolidate(files, "2026-11", load_config(), load_for_month)
    finally:
        messages.set_language(None)
    pending = [p.message for p in month.problems if p.kind == "PENDING"]
    assert pending and all(m.startswith("Row No.") for m in pending), pending[:3]
