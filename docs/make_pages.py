"""Render one page of each kind the exports make into docs/pages/ (small PNGs for the README).

Run: .venv/bin/python docs/make_pages.py   (needs pdftoppm from poppler-utils; LibreOffice for the Excel page)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "pages"


def _png(pdf: Path, page: int, name: str, dpi: int = 40) -> None:
    from PIL import Image

    stem = OUT / name
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(stem)], check=True)
    image = Image.open(f"{stem}.png").convert("RGB").quantize(colors=64)
    image.save(f"{stem}.png", optimize=True)


def main() -> None:
    from app.io.formats import write_map
    from app.io.journey.file import load_journey
    from tests import stress_maps

    OUT.mkdir(parents=True, exist_ok=True)
    example = load_journey(ROOT / "resources" / "examples" / "example.journey")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        pdfs = {
            "a4": (example, {}),
            "cover": (example, {"cover": True}),
            "portrait": (example, {"orientation": "portrait"}),
            "poster": (example, {"fit": "tile", "scale": 200}),
            "long": (stress_maps.long_texts(), {}),
            "scripts": (stress_maps.scripts(), {}),
            "wide": (stress_maps.wide(30, 4), {}),
            "persona": (stress_maps.persona_only(), {}),
        }
        for name, (journey, options) in pdfs.items():
            write_map(journey, work / f"{name}.pdf", **options)
        _png(work / "a4.pdf", 1, "map-a4-spread-1")
        _png(work / "cover.pdf", 1, "cover")
        _png(work / "portrait.pdf", 1, "portrait")
        _png(work / "poster.pdf", 1, "poster-guide")
        _png(work / "poster.pdf", 6, "poster-sheet")
        _png(work / "long.pdf", 1, "long-cards")
        _png(work / "long.pdf", 2, "notes-page")
        _png(work / "scripts.pdf", 1, "scripts", 60)
        _png(work / "wide.pdf", 2, "wide-spread")
        _png(work / "persona.pdf", 1, "persona-only")
        write_map(example, OUT / "example-map.png", scale=50)
        if shutil.which("soffice"):
            write_map(stress_maps.long_texts(), work / "long.xlsx")
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work / 'lo'}", "--convert-to",
                            "pdf", "--outdir", str(work / "xlsx"), str(work / "long.xlsx")], capture_output=True)
            _png(work / "xlsx" / "long.pdf", 1, "excel-printed")
    for png in sorted(OUT.glob("*.png")):
        print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
