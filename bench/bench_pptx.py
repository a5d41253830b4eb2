"""Benchmark: a 120-stage x 10-lane map to PowerPoint, as whole processes, best of N.

(a) journey-canvas convert big.journey big.pptx (the whole deck: title, overview, chart, stage slides,
    the map embedded)
(b) a bare python-pptx script writing the same boxes (every text shape of deck (a): position, size,
    fill and text in DejaVu Sans) with python-pptx's ordinary API, `add_shape` and text runs
(c) journey-canvas convert big.journey big.pdf, for comparison with the PDF export

Issue #16: (a) in a time comparable to the PDF export; state a/b.  Run: .venv/bin/python bench/bench_pptx.py
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))



BARE_SCRIPT = r'''
import json, sys
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

data = json.load(open(sys.argv[1], encoding="utf-8"))
deck = Presentation()
deck.slide_width, deck.slide_height = Emu(data["size"][0]), Emu(data["size"][1])
for boxes in data["slides"]:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    for x, y, w, h, fill, paragraphs in boxes:
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(x), Emu(y), Emu(w), Emu(h))
        if fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(fill)
        frame = shape.text_frame
        frame.word_wrap = True
        for index, (text, size) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.name = "DejaVu Sans"
deck.save(sys.argv[2])
'''


def bare_data(deck_path: Path, out: Path) -> tuple[int, int]:
    """The text boxes of a written deck, per slide, for the bare script; returns (slides, boxes)."""
    from pptx import Presentation

    deck = Presentation(str(deck_path))
    slides, count = [], 0
    for slide in deck.slides:
        boxes = []
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            fill = None
            if shape.fill.type == 1:  # solid
                fill = str(shape.fill.fore_color.rgb)
            paragraphs = [("".join(r.text for r in p.runs), max([r.font.size.pt for r in p.runs if r.font.size]
                                                                 or [10.0])) for p in shape.text_frame.paragraphs]
            boxes.append((shape.left, shape.top, shape.width, shape.height, fill, paragraphs))
        count += len(boxes)
        slides.append(boxes)
    out.write_text(json.dumps({"size": [deck.slide_width, deck.slide_height], "slides": slides}), encoding="utf-8")
    return len(slides), count


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
    work = Path(tempfile.mkdtemp(prefix="bench-pptx-"))
    journey = work / "big.journey"
    bigmap.write_journey(journey, args.stages, args.lanes)
    (a,) = best_of_interleaved(args.runs, [str(exe), "convert", str(journey), str(work / "a.pptx")])
    slides, boxes = bare_data(work / "a.pptx", work / "boxes.json")
    (work / "bare.py").write_text(BARE_SCRIPT, encoding="utf-8")
    bare = [sys.executable, str(work / "bare.py"), str(work / "boxes.json"), str(work / "b.pptx")]
    b, c = best_of_interleaved(args.runs, bare, [str(exe), "convert", str(journey), str(work / "c.pdf")])
    print(f"map: {args.stages} stages x {args.lanes} lanes; deck of {slides} slides, {boxes} text boxes, "
          f"{(work / 'a.pptx').stat().st_size / 1e6:.1f} MB; times are best of {args.runs}, wall / CPU")
    print(f"(a) journey-canvas convert big.journey -> pptx:      {a[0]:.3f} s / {a[1]:.3f} s")
    print(f"(b) bare python-pptx script, the same text boxes:    {b[0]:.3f} s / {b[1]:.3f} s")
    print(f"    a/b = {a[0] / b[0]:.2f} wall, {a[1] / b[1]:.2f} CPU")
    print(f"(c) journey-canvas convert big.journey -> pdf:       {c[0]:.3f} s / {c[1]:.3f} s")
    print(f"    a/c = {a[0] / c[0]:.2f} wall, {a[1] / c[1]:.2f} CPU")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
