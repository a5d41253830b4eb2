"""Benchmark: a 120-stage x 10-lane map to PDF, as whole processes, best of N.

(a) journey-canvas convert big.xlsx big.pdf (falls back to big.journey if .xlsx import is missing)
(b) a bare reportlab script drawing the same number of rectangles and strings with the same
    embedded TrueType font (the floor for any reportlab exporter)
(c) soffice --headless --convert-to pdf big.xlsx (if LibreOffice is installed)

Targets (issue #5, #18): a/b <= 2, a/c <= 0.35. The commands run interleaved (a, b, c, a, b, c, ...) so that
all see the same machine load; each is reported as its best wall-clock and best CPU time (user + system,
children included: soffice's work happens in soffice.bin). Run: .venv/bin/python -m bench.bench_pdf [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BARE_SCRIPT = r'''
import json, sys
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

data = json.load(open(sys.argv[1], encoding="utf-8"))
pdfmetrics.registerFont(TTFont("DejaVuSans", data["regular"]))
pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", data["bold"]))
width, height = data["size"]
canvas = Canvas(sys.argv[2], pagesize=(width, height), initialFontName="DejaVuSans")
for x, y, w, h, r, g, b, radius in data["rects"]:
    canvas.setFillColorRGB(r, g, b)
    if radius:
        canvas.roundRect(x, height - y - h, w, h, radius, stroke=0, fill=1)
    else:
        canvas.rect(x, height - y - h, w, h, stroke=0, fill=1)
canvas.setFillColorRGB(0, 0, 0)
for x, y, text, size, bold in data["strings"]:
    canvas.setFont("DejaVuSans-Bold" if bold else "DejaVuSans", size)
    canvas.drawString(x, height - y, text)
canvas.showPage()
canvas.save()
'''


def bare_data(journey_path: Path, out: Path) -> tuple[int, int]:
    """The map's shapes as plain rectangles and strings for the bare script; returns their counts."""
    from app.io.formats import read_map
    from app.layout import compute_layout
    from app.layout.colors import parse_color
    from app.layout.fonts import BOLD_FONT, REGULAR_FONT
    from app.layout.painting import map_picture
    from app.layout.shapes import EllipseShape, LineShape, PathShape, RectShape, TextShape

    journey = read_map(journey_path).journey
    layout = compute_layout(journey.content())
    rects, strings = [], []
    for shape in map_picture(layout, journey.metadata.title).all():
        if isinstance(shape, TextShape):
            strings.append((shape.x, shape.y, shape.text, shape.size, shape.bold))
            continue
        if isinstance(shape, RectShape):
            box, color, radius = (shape.x, shape.y, shape.width, shape.height), shape.fill or shape.stroke, shape.radius
        elif isinstance(shape, LineShape):
            box, color, radius = (shape.x1, shape.y1, abs(shape.x2 - shape.x1) + 0.5,
                                  abs(shape.y2 - shape.y1) + 0.5), shape.stroke, 0
        elif isinstance(shape, EllipseShape):
            box, color, radius = (shape.cx - shape.rx, shape.cy - shape.ry, 2 * shape.rx, 2 * shape.ry), \
                shape.fill or shape.stroke, shape.rx
        else:
            assert isinstance(shape, PathShape)
            xs, ys = [v for op in shape.ops for v in op[1::2]], [v for op in shape.ops for v in op[2::2]]
            box, color, radius = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)), \
                shape.fill or shape.stroke, 2
        r, g, b, _ = parse_color(color or "#000000")
        rects.append((*box, r, g, b, radius))
    out.write_text(json.dumps({"regular": str(REGULAR_FONT), "bold": str(BOLD_FONT),
                               "size": [layout.width, layout.height], "rects": rects, "strings": strings}),
                   encoding="utf-8")
    return len(rects), len(strings)


def poster_sheets(big: Path) -> None:
    """Sheets a tiled poster uses against the fewest its area needs (no overlap, no waste)."""
    from app.io.journey.file import load_journey
    from app.io.pdf.export import PdfDocument
    from app.io.pdf.pages import minimum_sheets, pdf_options

    maps = {"example map": load_journey(ROOT / "resources" / "examples" / "example.journey"),
            "big map": load_journey(big)}
    for name, journey in maps.items():
        for scale in (100, 200):
            plan = PdfDocument(journey, pdf_options("A4", "landscape", "tile", scale)).plan
            print(f"    poster sheets, {name} at {scale} % on A4: {len(plan.sheets)} used, "
                  f"{minimum_sheets(plan)} minimum for its area ({plan.rows} x {plan.columns})")


def main() -> int:
    from bench._common import best_of_interleaved, compile_app

    compile_app()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stages", type=int, default=120)
    parser.add_argument("--lanes", type=int, default=10)
    args = parser.parse_args()
    import bigmap

    exe = Path(sys.executable).parent / "journey-canvas"
    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    xlsx, journey = work / "big.xlsx", work / "big.journey"
    bigmap.write_xlsx(xlsx, args.stages, args.lanes)
    bigmap.write_journey(journey, args.stages, args.lanes)
    source = xlsx
    probe = subprocess.run([str(exe), "convert", str(xlsx), str(work / "probe.pdf")], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"note: .xlsx import not available here ({probe.stderr.strip()}); converting the equivalent "
              ".journey instead", file=sys.stderr)
        source = journey
    rect_count, string_count = bare_data(journey, work / "shapes.json")
    (work / "bare.py").write_text(BARE_SCRIPT, encoding="utf-8")

    ours = [str(exe), "convert", str(source), str(work / "a.pdf")]
    bare = [sys.executable, str(work / "bare.py"), str(work / "shapes.json"), str(work / "b.pdf")]
    # The start-up floor: Python with the libraries a reportlab exporter of this model cannot do without,
    # imported and nothing done. What is left of (a) above it is our work. (`convert` reads the workbook with
    # its own streaming reader and never imports openpyxl, so openpyxl is not part of the floor.)
    floor = [sys.executable, "-c", "import app.model.journey, reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts"]
    commands = [ours, bare, floor]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = work / "lo-profile"
        office = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                  "--outdir", str(work / "lo"), str(xlsx)]
        subprocess.run(office, capture_output=True)  # first start creates the profile; not timed
        commands.append(office)
    (a, a_cpu), (b, b_cpu), (d, d_cpu), *office_times = best_of_interleaved(args.runs, *commands)
    print(f"map: {args.stages} stages x {args.lanes} lanes; {rect_count} rectangles/paths, {string_count} strings")
    print(f"best of {args.runs} runs, interleaved; wall-clock and CPU (user + system) seconds; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"(a) journey-canvas convert {source.name} -> pdf: {a:.3f} s wall, {a_cpu:.3f} s CPU")
    print(f"(b) bare reportlab script, same shapes and font:  {b:.3f} s wall, {b_cpu:.3f} s CPU")
    print(f"    a/b = {a / b:.2f} wall, {a_cpu / b_cpu:.2f} CPU  (target <= 2)")
    if office_times:
        (c, c_cpu), = office_times
        print(f"(c) soffice --headless --convert-to pdf big.xlsx:  {c:.3f} s wall, {c_cpu:.3f} s CPU")
        print(f"    a/c = {a / c:.2f} wall, {a_cpu / c_cpu:.2f} CPU  (target <= 0.35)")
    else:
        print("(c) soffice not installed: skipped")
    print(f"(d) start-up floor, the model and reportlab imported: {d:.3f} s wall, {d_cpu:.3f} s CPU"
          + (f" ({d_cpu / office_times[0][1]:.2f} of soffice's CPU)" if office_times else ""))
    (tile, tile_cpu), = best_of_interleaved(args.runs, [str(exe), "convert", str(source), str(work / "tile.pdf"),
                                                        "--fit", "tile"])
    print(f"    (tiled A4 poster at 100 %: {tile:.3f} s wall, {tile_cpu:.3f} s CPU)")
    poster_sheets(journey)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
