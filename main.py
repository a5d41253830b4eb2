"""Start Journey Canvas: `python main.py [FILE]` or `python main.py COMMAND ...` (see README)."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
