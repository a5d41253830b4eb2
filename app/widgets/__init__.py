"""Qt widgets of the editor: the canvas, its items, panels and dialogs."""
