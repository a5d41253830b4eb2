"""PNG and SVG images of the map, painted with the canvas's QPainter painter."""
