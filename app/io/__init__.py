"""Reading and writing maps: the native format, importers and exporters (no Qt unless rendering)."""
