"""Render the pages of the samples' Word reports to PNG, for a reviewer to look at.

Builds each chosen sample with --pdf through LibreOffice, turns every page into PNG with pdftoppm and
lays them out on contact sheets (``<sample>.<lang>.sheetN.png``, 8 pages a sheet); ``--pages`` writes
single pages instead (``<sample>.<lang>.pN.png``). Needs LibreOffice, fonts-noto-cjk, poppler-utils and
Pillow.

Run: python scripts/render_pages.py [-o docs/pages] [--samples qinghai-aluminium ...] [--lang zh-CN en]
     [--pages N ...] [--dpi 60]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from disclosure.build import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
PER_SHEET = 8
COLUMNS = 4


def _sheets(pngs: list[Path], stem: Path) -> list[Path]:
    """Contact sheets of the page images, PER_SHEET pages each, in reading order."""
    out = []
    for start in range(0, len(pngs), PER_SHEET):
        pages = [Image.open(p) for p in pngs[start:start + PER_SHEET]]
        width, height = pages[0].size
        rows = (len(pages) + COLUMNS - 1) // COLUMNS
        sheet = Image.new("RGB", (COLUMNS * width + (COLUMNS + 1) * 8, rows * height + (rows + 1) * 8), "#c8c8c8")
        for i, page in enumerate(pages):
            sheet.paste(page, (8 + (i % COLUMNS) * (width + 8), 8 + (i // COLUMNS) * (height + 8)))
        target = stem.with_name(f"{stem.name}.sheet{start // PER_SHEET + 1}.png")
        sheet.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(target, optimize=True)
        out.append(target)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "pages")
    parser.add_argument("--samples", nargs="*", default=["qinghai-aluminium"])
    parser.add_argument("--lang", nargs="*", default=["zh-CN", "en"])
    parser.add_argument("--pages", type=int, nargs="*", default=None)
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    for name in args.samples:
        filing = ROOT / "samples" / name / "filing.yaml"
        for lang in args.lang:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "out"
                build(filing, BuildOptions(output=out, lang=lang, verify=False, pdf=True))
                pdf = out / "report.pdf"
                if args.pages:
                    for page in args.pages:
                        target = args.output / f"{name}.{lang}.p{page}"
                        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", str(page), "-l", str(page),
                                        "-singlefile", str(pdf), str(target)], check=True)
                        sys.stdout.write(f"{target}.png\n")
                    continue
                subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(Path(tmp) / "page")],
                               check=True)
                pngs = sorted(Path(tmp).glob("page-*.png"))
                for sheet in _sheets(pngs, args.output / f"{name}.{lang}"):
                    sys.stdout.write(f"{sheet}\n")


if __name__ == "__main__":
    main()
