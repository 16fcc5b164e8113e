"""PDF from the Word report with LibreOffice (headless), when it is installed."""

from __future__ import annotations

import re
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


LOSSLESS = '{"UseLosslessCompression":{"type":"boolean","value":"true"}}'
"""PDF export option (LibreOffice 7.4+): images kept lossless. By default LibreOffice re-encodes a chart
as JPEG, which leaves its white a shade off white (a faint box on the page) and blurs its edges."""


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
                   "--convert-to", f"pdf:writer_pdf_Export:{LOSSLESS}", "--outdir", str(folder), str(source)]
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


def page_texts(pdf: bytes) -> list[str] | None:
    """Each page's text (pdftotext, poppler-utils), or None when poppler is not installed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="disclosure-pdftext-") as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf)
        done = subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=TIMEOUT_S,
                              check=False)
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace").split("\f")


MARGIN_PT = 72.0
"""The reference document's top and bottom page margins (2.54 cm): the text area lies between them."""


def page_fills(pdf: bytes) -> list[float] | None:
    """The share of each page's text area its content fills, from the top of the area to the foot of its
    lowest word (pdftotext -bbox; the running header above and the folio below left out), or None when
    poppler is not installed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="disclosure-pdftext-") as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf)
        done = subprocess.run([exe, "-bbox", str(path), "-"], capture_output=True, timeout=TIMEOUT_S, check=False)
    if done.returncode != 0:
        return None
    fills = []
    for height, page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>',
                                   done.stdout.decode("utf-8", "replace"), re.S):
        top, bottom = MARGIN_PT, float(height) - MARGIN_PT
        feet = [float(b) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)
                if float(a) > top - 12 and float(b) < bottom + 8]
        fills.append((max(feet, default=top) - top) / (bottom - top))
    return fills


def heading_pages(pages: list[str], headings: list[str], first: int) -> list[int] | None:
    """The page (1-based) of each heading, found in order as a line of its own from page ``first`` on;
    None if one cannot be found (then the table of contents keeps no numbers rather than wrong ones)."""
    found: list[int] = []
    page = first
    for heading in headings:
        want = "".join(heading.split())
        while page <= len(pages) and want not in {"".join(line.split()) for line in pages[page - 1].splitlines()}:
            page += 1
        if page > len(pages):
            return None
        found.append(page)
    return found
