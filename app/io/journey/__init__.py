"""The native `.journey` format: reading and writing the file, migrations of old versions, the JSON Schema."""
