"""Mermaid `journey` diagrams, read and written."""
