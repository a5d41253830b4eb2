"""The Excel export: the visible map sheet, its cell styles, card markers and the hidden sheet
that carries the whole map (read back by the spreadsheet import)."""
