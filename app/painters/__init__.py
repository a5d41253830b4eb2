"""The two painters of the layout's backend-neutral shapes, side by side: `qt_painter` (QPainter:
the canvas, PNG and SVG) and `pdf_painter` (reportlab canvas: PDF, with `pdf_fonts`).
The widgets and the exporters both draw through these; this package never imports app.widgets.
"""

import sys


def defer_pil_image() -> None:
    """reportlab.lib.utils imports PIL.Image when reportlab is first imported, for the pictures only a cover page
    draws: Pillow's module and its C core cost about 11 ms (45 M instructions) of every PDF export. PIL.Image is
    made a lazy module (importlib's LazyLoader): it is loaded on first use of one of its names, by reportlab's
    image reader or anyone else, and is then the very module a plain import gives. For a command's process (one
    thread, see app.cli): Python 3.11's lazy module may be seen half-loaded by a second thread touching it first."""
    name = "PIL.Image"
    if name in sys.modules:
        return
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)  # imports the small PIL package itself
    except ImportError:  # no Pillow: reportlab's own import says so
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    sys.modules["PIL"].Image = module  # what the import system sets on the parent package

