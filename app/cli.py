"""The `journey-canvas` command line. Imports no Qt unless it opens a window or renders.

journey-canvas                      open the editor on the example map (or the recovered one)
journey-canvas FILE                 open FILE in the editor
journey-canvas new OUT [--template NAME] [--title TEXT]
journey-canvas templates
journey-canvas info FILE [--json] [--sheet NAME] [--map CELL | --all-maps]
journey-canvas convert IN OUT [options]
journey-canvas snapshot FILE NAME [--author A]      keep the map's current state as a named snapshot
journey-canvas snapshots FILE [--json]              list the snapshots in a .journey file
journey-canvas restore FILE NAME [--keep-current N] make a snapshot the current map again
journey-canvas diff A B [--json] [--pdf OUT]        what changed from A to B (FILE or FILE@SNAPSHOT)
journey-canvas check FILE [--json]                  gaps and cut text to fix before sharing (exit 3: warnings)
journey-canvas merge BASE OURS THEIRS -o OUT [--json] [--prefer ours|theirs]
                                                    three-way merge by ids (exit 3: conflicts resolved by rule)
journey-canvas git-setup [REPO] [--global]          let git merge and diff .journey files
journey-canvas git-resolve FILE [--prefer ours|theirs] [--json]
                                                    finish a git merge of FILE by ids (exit 3: conflicts)
journey-canvas show-text FILE                       the map as readable text (git's textconv)
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.cli_git import cmd_git_resolve, cmd_git_setup, cmd_show_text
from app.cli_maps import cmd_convert, cmd_info, cmd_new, cmd_templates
from app.cli_support import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, CliError
from app.cli_versions import cmd_check, cmd_diff, cmd_merge, cmd_restore, cmd_snapshot, cmd_snapshots
from app.io.errors import JourneyFileError, check_input_file


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        code = _run_command(args, in_process=argv is not None)
        if argv is None:  # the program itself, not a caller (a test, a script) that goes on afterwards
            _exit_now(code)
        return code
    if args and args[0] in ("-h", "--help"):
        return _print_output(_top_level_help())
    if args and args[0] == "--version":
        return _print_output(f"journey-canvas {__version__}")
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(f"journey-canvas: error: unknown command {args[0]!r}; try 'journey-canvas --help'", file=sys.stderr)
        return EXIT_USAGE
    return _open_editor(Path(args[0]) if args else None)


def _run_command(args: list[str], in_process: bool = False) -> int:
    parser = _build_parser(args[0])
    options = parser.parse_args(args)
    # One command, then exit: the cycle collector would only rescan the loaded map again and
    # again (a tenth of a second on a 300-stage map); memory is returned when the process ends.
    # An in-process caller (a test, a script) gets the collector back as it was.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_handler(options)
    finally:
        if in_process and collecting:
            gc.enable()


def _run_handler(options: argparse.Namespace) -> int:
    # A library generator abandoned by a failed write (openpyxl on a full disk) reports "Exception ignored"
    # with a traceback when it is finalised; the failure itself is already reported in one line.
    sys.unraisablehook = _ignore_unraisable
    notices, sys.stderr = sys.stderr, _NoticeStream(sys.stderr)
    try:
        return options.handler(options)
    except (CliError, JourneyFileError) as exc:
        print(f"journey-canvas: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("journey-canvas: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `show-text FILE | head`: the reader left; not an error worth a traceback
        _discard_output()
        return EXIT_OK
    except OSError as exc:  # what the readers and writers do not word themselves (a name too long for the disk)
        where = f"{Path(exc.filename).name}: " if exc.filename else ""
        print(f"journey-canvas: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        sys.stderr = notices


class _NoticeStream:
    """stderr while a command runs. Its notes (an import's report, warnings) are not what the command is for:
    a reader that left (`convert a.xlsx a.pdf 2>&1 | head`) ends them, never the conversion, which went on
    to its end and exit code instead of stopping with the file unwritten."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._reader_left()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_left()

    def _reader_left(self) -> None:
        import os
        from contextlib import suppress

        self._gone = True
        with suppress(OSError, ValueError, AttributeError):  # Python's final flush would report the pipe again
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _print_output(text: str) -> int:
    """Print `text` (help, the version); a reader that left (`--help | head`) is no error."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        _discard_output()
    return EXIT_OK


def _discard_output() -> None:
    """Point stdout at the null device: the reader closed the pipe, and Python's final flush of what is
    still buffered would otherwise report the broken pipe with a traceback."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _ignore_unraisable(_unraisable: object) -> None:
    return None


def _exit_now(code: int) -> None:
    """End a finished command's process without tearing its objects down one by one: after converting a
    big map that takes a tenth of a second of CPU and achieves nothing. Exit handlers still run and the
    output is flushed first; with another thread alive or a profiler or tracer running, return and let
    Python exit normally."""
    import atexit
    import os
    import threading
    from contextlib import suppress

    if threading.active_count() > 1 or sys.getprofile() is not None or sys.gettrace() is not None:
        return  # another thread to finish, or a profiler, debugger or coverage tool to report at the end
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe or stream: nothing more can be said there
            stream.flush()
    os._exit(code)


def _open_editor(path: Path | None) -> int:
    """The editor, on `path` if given. A file that does not open (missing, unreadable, not a map) is named in one
    line on stderr and in a message box, and the editor opens on its start page."""
    if path is not None:
        try:
            check_input_file(path)
        except JourneyFileError as exc:  # said here for a terminal, and again in the window
            print(f"journey-canvas: error: {exc}", file=sys.stderr)
    from app.gui import run_editor  # Qt is imported only here

    return run_editor(path)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new,
    "templates": cmd_templates,
    "info": cmd_info,
    "convert": cmd_convert,
    "snapshot": cmd_snapshot,
    "snapshots": cmd_snapshots,
    "restore": cmd_restore,
    "diff": cmd_diff,
    "check": cmd_check,
    "merge": cmd_merge,
    "git-resolve": cmd_git_resolve,
    "git-setup": cmd_git_setup,
    "show-text": cmd_show_text,
}


def _build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with `command` of that command only: what running it needs (argparse
    spends a few milliseconds defining each command's options, and a command runs in a process of its own)."""
    parser = argparse.ArgumentParser(prog="journey-canvas", description="Customer journey maps, offline.")
    # Usage lines name every command, defined or not (argparse names the defined ones by default).
    commands = parser.add_subparsers(dest="command", required=True, metavar="{" + ",".join(_OPTIONS) + "}")
    for name, (summary, add_options) in _OPTIONS.items():
        if command in (None, name):
            options = commands.add_parser(name, help=summary)
            add_options(options)
            options.set_defaults(handler=COMMANDS[name])
    return parser


def _new_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", help="the .journey file to create")
    parser.add_argument("--template", default="five-stage", help="template name (see 'templates')")
    parser.add_argument("--title", help="the map's title (default: the template's)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")


def _no_options(parser: argparse.ArgumentParser) -> None:
    return None


def _info_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON (see README)")
    _sheet_options(parser)


def _sheet_options(parser: argparse.ArgumentParser) -> None:
    """Which map of a workbook or CSV file to read (info and convert)."""
    parser.add_argument("--sheet", help="the sheet to import, for workbooks")
    parser.add_argument("--map", metavar="CELL",
                        help="with several maps on a sheet, the one whose table starts at CELL")
    parser.add_argument("--all-maps", action="store_true",
                        help="with several maps on a sheet that share their stages: all of them, one persona each")


def _convert_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", help="the file to read: .journey/.json, .xlsx/.xlsm, .ods, .csv/.tsv/.txt, "
                                      ".mmd/.md, or a .pdf, .svg or .pptx Journey Canvas exported")
    parser.add_argument("output")
    _sheet_options(parser)
    parser.add_argument("--page-size", help="PDF page size: A4, A3, A2, A1, A0, Letter, Legal, Tabloid")
    parser.add_argument("--orientation", choices=("landscape", "portrait"), help="PDF page orientation")
    parser.add_argument("--fit", choices=("page", "tile", "poster"),
                        help="PDF: the map on one page (spreads when too small), a tiled poster, or one poster sheet")
    parser.add_argument("--scale", type=float, help="PDF tile scale or image scale, in percent")
    parser.add_argument("--margin", type=float, help="PDF page margin in millimetres")
    parser.add_argument("--cover", action="store_true", help="PDF: add a cover page")
    parser.add_argument("--appendix", action="store_true", help="PDF: add an appendix of notes and KPIs")
    parser.add_argument("--channels", action="store_true", help="PDF: add a page with the stages x channels matrix")
    parser.add_argument("--persona", action="append", metavar="NAME",
                        help="show only this persona's cards and curves (repeat for several); case, spaces and "
                             "accents are ignored, a unique start of a name is enough (the note says which)")
    parser.add_argument("--slide-size", choices=("16:9", "4:3"), help="PowerPoint slide size (default 16:9)")
    parser.add_argument("--no-embed", action="store_true",
                        help="PDF, SVG, PowerPoint: leave out the editable map they carry (notes, evidence sources)")
    parser.add_argument("--embed-snapshots", action="store_true",
                        help="PDF, SVG, PowerPoint: keep the snapshots in the map they carry (left out by default)")


def _snapshot_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a .journey file; it is saved (atomically) with the snapshot added")
    parser.add_argument("name", help="the snapshot's name, unique in the file (e.g. 'Workshop 1')")
    parser.add_argument("--author", help="who took the snapshot")


def _snapshots_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true", help="print the list as JSON")


def _restore_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("name", help="the snapshot to restore")
    parser.add_argument("--keep-current", metavar="NAME", help="first keep the current map as snapshot NAME")
    parser.add_argument("--force", action="store_true", help="discard a current map that is in no snapshot")


def _diff_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", help="FILE (any readable format), FILE@SNAPSHOT, or FILE@ for the latest snapshot")
    parser.add_argument("new", help="the same forms as OLD")
    parser.add_argument("--json", action="store_true", help="print the differences as JSON (see README)")
    parser.add_argument("--pdf", metavar="OUT", help="also write OUT.pdf: the new map with the changes marked, "
                        "and every change listed")


def _check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON (see README)")


def _merge_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="the common ancestor: FILE, FILE@SNAPSHOT or FILE@ (an empty file: none)")
    parser.add_argument("ours", help="our copy (git's %%A)")
    parser.add_argument("theirs", help="their copy (git's %%B)")
    parser.add_argument("-o", "--output", required=True, help="where to write the merged map (atomically; "
                        "may be OURS, as git's driver does)")
    parser.add_argument("--prefer", choices=("ours", "theirs"), default="ours",
                        help="which side wins a conflict (default: ours)")
    parser.add_argument("--json", action="store_true", help="print the conflicts as JSON (see README)")
    parser.add_argument("--name", metavar="PATH", help="the map's path, to name an unreadable copy in the error "
                        "(git's %%P; git passes temporary files)")


def _git_setup_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("repo", nargs="?", help="the repository (default: the current folder)")
    parser.add_argument("--global", dest="global_config", action="store_true",
                        help="write to your user git config and attributes file instead")


def _git_resolve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a .journey file that a git merge, rebase or cherry-pick left unmerged")
    parser.add_argument("--prefer", choices=("ours", "theirs"), default="ours",
                        help="which side wins a conflict (default: ours)")
    parser.add_argument("--json", action="store_true", help="print the conflicts as JSON, as merge does, "
                        "with \"written\": whether FILE changed")


def _show_text_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")


_OPTIONS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "new": ("create a map from a template", _new_options),
    "templates": ("list the templates, one per line", _no_options),
    "info": ("summarize a map", _info_options),
    "convert": ("convert between formats (chosen by extension)", _convert_options),
    "snapshot": ("keep the current map as a named snapshot inside FILE", _snapshot_options),
    "snapshots": ("list snapshots: name, date, author, counts (tab-separated)", _snapshots_options),
    "restore": ("make a snapshot the current map again (snapshots are kept)", _restore_options),
    "diff": ("what changed between two versions (exit 0 even when they differ)", _diff_options),
    "check": ("gaps and cut text to fix before sharing; exit 3 on warnings", _check_options),
    "merge": ("merge two edited copies of a map against their common ancestor, by ids; exit 3 when conflicts "
              "were resolved by the rule", _merge_options),
    "git-setup": ("let git merge .journey files by ids and diff them as text", _git_setup_options),
    "git-resolve": ("finish an unfinished git merge of a map: merge git's two versions of it by ids and write "
                    "it; exit 3 when conflicts were resolved by the rule", _git_resolve_options),
    "show-text": ("print the map as readable text, one card per line", _show_text_options),
}
"""Each command's one-line summary and the function that defines its options."""


def _top_level_help() -> str:
    return (__doc__ or "").strip() + "\n\nRun 'journey-canvas COMMAND --help' for a command's options."


if __name__ == "__main__":
    raise SystemExit(main())
