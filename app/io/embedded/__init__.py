"""Deliverables that reopen as maps: the `.journey` JSON carried inside PDF, SVG and PowerPoint files.

`payload.py` makes and reads the carried map (snapshots left out unless asked for); `pdf.py`, `svg.py`
and `pptx.py` put it into and take it out of each kind of file. `app.io.formats.write_map` embeds it
after the writer has finished, so every exporter gets it the same way.
"""
