"""Print a workbook to PDF through LibreOffice (``soffice --headless``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pyaddin.engine.errors import FileError
from pyaddin.engine.messages import register

register(
    {
        "pdf.missing": (
            "LibreOffice tidak terpasang, jadi PDF tidak dibuat. Pasang dengan "
            "'sudo apt install libreoffice-calc' (Linux) atau dari libreoffice.org, lalu "
            "ulangi dengan --pdf. Laporan Excel tetap dibuat.",
            "LibreOffice is not installed, so no PDF was made. Install it with "
            "'sudo apt install libreoffice-calc' (Linux) or from libreoffice.org and run "
            "again with --pdf. The Excel report was still written.",
        ),
        "pdf.failed": (
            "LibreOffice gagal mencetak {file} ke PDF: {detail}",
            "LibreOffice could not print {file} to PDF: {detail}",
        ),
    }
)


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(workbook: Path, timeout: int = 240) -> Path:
    """Render ``workbook`` to a PDF beside it; FileError if LibreOffice fails."""
    exe = soffice()
    if exe is None:
        raise FileError("pdf.missing")
    target = workbook.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="rk-lo-") as profile:
        command = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            profile + "/out",
            str(workbook),
        ]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise FileError("pdf.failed", file=workbook.name, detail="timeout") from exc
        produced = Path(profile, "out", workbook.with_suffix(".pdf").name)
        if proc.returncode != 0 or not produced.is_file():
            detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["?"]
            raise FileError("pdf.failed", file=workbook.name, detail=detail[0])
        shutil.move(str(produced), target)
    return target
