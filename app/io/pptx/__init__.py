"""PowerPoint export (python-pptx): a deck a consultant can present, every text a native, editable frame.

The steps: `frames.py` (text boxes measured with the layout's font metrics, so none overflows),
`overview.py` (the whole map from the layout engine), `stage_slides.py` (one slide per stage, its cards
grouped by lane, continued on further slides rather than shrunk), `extras.py` (title, personas, the
emotion chart, KPIs), `embed.py` (the map carried as a custom XML part) and `export.py` (the writer).
"""
