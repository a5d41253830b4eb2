"""The two painters of the layout's backend-neutral shapes, side by side: `qt_painter` (QPainter:
the canvas, PNG and SVG) and `pdf_painter` (reportlab canvas: PDF, with `pdf_fonts`).
The widgets and the exporters both draw through these; this package never imports app.widgets.
"""
