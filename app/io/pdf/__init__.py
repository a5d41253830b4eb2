"""The PDF export: map pages, poster tiles, cover and appendix, the channel page and the comparison PDF."""
