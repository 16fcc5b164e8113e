"""Render pages of each sample's Word report to PNG, for a reviewer to look at.

Builds every sample with --pdf through LibreOffice, then turns pages into PNG with pdftoppm: by
default the cover and the first page of the metrics section (emissions table and chart).
Needs LibreOffice, fonts-noto-cjk and poppler-utils.

Run: python scripts/render_pages.py [-o docs/pages] [--pages N ...] [--lang zh-CN|en] [--dpi 60]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from disclosure.build import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent


def _metrics_page(pdf: Path, lang: str) -> int:
    """The first page after the table of contents whose text starts the metrics section."""
    from disclosure.word.markup import texts

    heading = "".join(texts(lang)["sections"]["metrics"].split())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    for page in range(3, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        if heading in "".join(text.split()):
            return page
    return 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "pages")
    parser.add_argument("--pages", type=int, nargs="*", default=None)
    parser.add_argument("--lang", default="zh-CN")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    for filing in sorted((ROOT / "samples").glob("*/filing.yaml")):
        name = filing.parent.name
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            build(filing, BuildOptions(output=out, lang=args.lang, verify=False, pdf=True))
            pages = args.pages or [1, _metrics_page(out / "report.pdf", args.lang)]
            for page in pages:
                target = args.output / f"{name}.{args.lang}.p{page}"
                subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", str(page), "-l", str(page),
                                "-singlefile", str(out / "report.pdf"), str(target)], check=True)
                sys.stdout.write(f"{target}.png\n")


if __name__ == "__main__":
    main()
