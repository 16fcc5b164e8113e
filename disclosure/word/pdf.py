"""PDF from the Word report with LibreOffice (headless), when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from disclosure.errors import DisclosureError

INSTALL_HINT = (
    "Install LibreOffice and a CJK font, e.g. on Debian/Ubuntu: "
    "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk; on macOS: "
    "brew install --cask libreoffice; on Windows: install LibreOffice from libreoffice.org and put "
    "soffice.exe on PATH. Or build without --pdf and print report.docx to PDF from Word.")
TIMEOUT_S = 300


def soffice() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """Convert the .docx to PDF in a private LibreOffice profile (so concurrent runs do not collide)."""
    exe = soffice()
    if exe is None:
        raise DisclosureError("build.pdf-unavailable", "--pdf needs LibreOffice, which is not installed "
                              "(no soffice or libreoffice on PATH)", INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="disclosure-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.docx"
        source.write_bytes(docx)
        profile = (folder / "profile").as_uri()
        command = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(folder), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as err:
            raise DisclosureError("build.pdf-failed", f"LibreOffice did not finish within {TIMEOUT_S} s",
                                  "Close other LibreOffice windows and try again.") from err
        target = folder / "report.pdf"
        if done.returncode != 0 or not target.exists():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-500:]
            raise DisclosureError("build.pdf-failed", f"LibreOffice could not convert the report: {detail}",
                                  "The .docx is written; open it in Word or LibreOffice to see what is wrong.")
        return target.read_bytes()
