"""PDF from the Word report with LibreOffice (headless), when it is installed."""

from __future__ import annotations

import html
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


def _pdftotext(pdf: bytes, *options: str) -> str | None:
    """pdftotext's output for ``pdf`` with ``options`` (UTF-8), or None when poppler-utils is not installed or
    the PDF cannot be read."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="disclosure-pdftext-") as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf)
        done = subprocess.run([exe, "-enc", "UTF-8", *options, str(path), "-"], capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def page_texts(pdf: bytes) -> list[str] | None:
    """Each page's text (pdftotext, poppler-utils), or None when poppler is not installed."""
    out = _pdftotext(pdf)
    return None if out is None else out.split("\f")


MARGIN_PT = 72.0
"""The reference document's top and bottom page margins (2.54 cm): the text area lies between them."""


def page_fills(pdf: bytes) -> list[float] | None:
    """The share of each page's text area its content fills, from the top of the area to the foot of its
    lowest word (pdftotext -bbox; the running header above and the folio below left out), or None when
    poppler is not installed."""
    out = _pdftotext(pdf, "-bbox")
    if out is None:
        return None
    fills = []
    for height, page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        top, bottom = MARGIN_PT, float(height) - MARGIN_PT
        feet = [float(b) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)
                if float(a) > top - 12 and float(b) < bottom + 8]
        fills.append((max(feet, default=top) - top) / (bottom - top))
    return fills


_LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', re.S)


def page_lines(pdf: bytes) -> list[list[tuple[str, float]]] | None:
    """Each page's text lines as (text without spaces, height of the line's box in pt), from
    ``pdftotext -bbox-layout``; None when poppler is not installed."""
    out = _pdftotext(pdf, "-bbox-layout")
    if out is None:
        return None
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        lines = []
        for y0, y1, body in _LINE.findall(page):
            words = re.findall(r"<word [^>]*>(.*?)</word>", body, re.S)
            lines.append((html.unescape("".join(words)), float(y1) - float(y0)))
        pages.append(lines)
    return pages


def heading_pages(pages: list[list[tuple[str, float]]], headings: list[str], first: int) -> list[int] | None:
    """The page (1-based) of each heading, found in order as a line of its own from page ``first`` on;
    None if one cannot be found (then the table of contents keeps no numbers rather than wrong ones).

    A heading's words can also stand alone on a line elsewhere: a section name wrapped in a cell of the
    disclosure index, before the appendix's own sub-heading. The heading is set larger than body and table
    text, so of the lines that read the heading the first as tall as the tallest of them is the heading."""
    found: list[int] = []
    page = first
    for heading in headings:
        want = "".join(heading.split())
        seen = [(n, height) for n in range(page, len(pages) + 1) for text, height in pages[n - 1]
                if "".join(text.split()) == want]
        if not seen:
            return None
        tallest = max(height for _, height in seen)
        page = next(n for n, height in seen if height >= tallest - HEIGHT_SLACK_PT)
        found.append(page)
    return found


HEIGHT_SLACK_PT = 0.5
"""Lines within this of the tallest reading of a heading count as set in the heading's size."""
