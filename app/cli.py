"""The `journey-canvas` command line. Imports no Qt unless it opens a window or renders.

journey-canvas                      open the editor on the example map (or the recovered one)
journey-canvas FILE                 open FILE in the editor
journey-canvas new OUT [--template NAME] [--title TEXT]
journey-canvas templates
journey-canvas info FILE [--json] [--sheet NAME]
journey-canvas convert IN OUT [options]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.io.errors import JourneyFileError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A problem to report on one line, with exit code 1."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return _run_command(args)
    if args and args[0] in ("-h", "--help"):
        print(_top_level_help())
        return EXIT_OK
    if args and args[0] == "--version":
        print(f"journey-canvas {__version__}")
        return EXIT_OK
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(f"journey-canvas: error: unknown command {args[0]!r}; try 'journey-canvas --help'", file=sys.stderr)
        return EXIT_USAGE
    return _open_editor(Path(args[0]) if args else None)


def _run_command(args: list[str]) -> int:
    parser = _build_parser()
    options = parser.parse_args(args)
    try:
        return options.handler(options)
    except (CliError, JourneyFileError) as exc:
        print(f"journey-canvas: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("journey-canvas: interrupted", file=sys.stderr)
        return 130


def _open_editor(path: Path | None) -> int:
    if path is not None and not path.exists():
        print(f"journey-canvas: error: {path} does not exist", file=sys.stderr)
        return EXIT_FAILURE
    from app.gui import run_editor  # Qt is imported only here

    return run_editor(path)


# --- commands -------------------------------------------------------------------------


def _cmd_templates(options: argparse.Namespace) -> int:
    from app.model.templates import TEMPLATES

    for template in TEMPLATES:
        print(f"{template.name}\t{template.title}: {', '.join(template.stages)}")
    return EXIT_OK


def _cmd_new(options: argparse.Namespace) -> int:
    from app.io.formats import write_map
    from app.model.templates import map_from_template

    out = Path(options.out)
    if out.exists() and not options.force:
        raise CliError(f"{out} already exists; pass --force to replace it")
    try:
        journey = map_from_template(options.template, title=options.title)
    except KeyError as exc:
        raise CliError(exc.args[0]) from exc
    write_map(journey, out)
    print(f"created {out} from template {options.template!r} ({len(journey.stages)} stages)")
    return EXIT_OK


def _cmd_info(options: argparse.Namespace) -> int:
    from app.model.summary import describe, summarize

    result = _read(options.file, sheet=options.sheet, quiet=options.json)
    if options.json:
        print(json.dumps(summarize(result.journey), ensure_ascii=False, indent=2))
    else:
        print(describe(result.journey))
    return EXIT_OK


def _cmd_convert(options: argparse.Namespace) -> int:
    from app.io.formats import format_for, write_map

    source, target = Path(options.input), Path(options.output)
    format_for(source, for_writing=False)
    format_for(target, for_writing=True)
    if source.exists() and target.exists() and source.resolve() == target.resolve():
        raise CliError(f"{target} is the file being converted; choose another output name")
    result = _read(source, sheet=options.sheet)
    warnings = write_map(
        result.journey,
        target,
        page_size=options.page_size,
        orientation=options.orientation,
        fit=options.fit,
        scale=options.scale,
        margin=options.margin,
        cover=options.cover or None,
        appendix=options.appendix or None,
    )
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK


def _read(path: Path | str, *, sheet: str | None = None, quiet: bool = False):  # -> ImportResult
    from app.io.formats import read_map

    result = read_map(Path(path), sheet=sheet)
    if not quiet or result.report:
        for line in result.report:
            print(f"import: {line}", file=sys.stderr)
    return result


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _cmd_new,
    "templates": _cmd_templates,
    "info": _cmd_info,
    "convert": _cmd_convert,
}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journey-canvas", description="Customer journey maps, offline.")
    commands = parser.add_subparsers(dest="command", required=True)

    new = commands.add_parser("new", help="create a map from a template")
    new.add_argument("out", help="the .journey file to create")
    new.add_argument("--template", default="five-stage", help="template name (see 'templates')")
    new.add_argument("--title", help="the map's title (default: the template's)")
    new.add_argument("--force", action="store_true", help="replace OUT if it exists")
    new.set_defaults(handler=_cmd_new)

    templates = commands.add_parser("templates", help="list the templates, one per line")
    templates.set_defaults(handler=_cmd_templates)

    info = commands.add_parser("info", help="summarize a map")
    info.add_argument("file")
    info.add_argument("--json", action="store_true", help="print the summary as JSON (see README)")
    info.add_argument("--sheet", help="the sheet to import, for workbooks")
    info.set_defaults(handler=_cmd_info)

    convert = commands.add_parser("convert", help="convert between formats (chosen by extension)")
    convert.add_argument("input")
    convert.add_argument("output")
    convert.add_argument("--sheet", help="the sheet to import, for workbooks")
    convert.add_argument("--page-size", help="PDF page size: A4, A3, A2, A1, A0, Letter, Legal, Tabloid")
    convert.add_argument("--orientation", choices=("landscape", "portrait"), help="PDF page orientation")
    convert.add_argument("--fit", choices=("page", "tile"), help="PDF: whole map on one page, or a tiled poster")
    convert.add_argument("--scale", type=float, help="PDF tile scale or image scale, in percent")
    convert.add_argument("--margin", type=float, help="PDF page margin in millimetres")
    convert.add_argument("--cover", action="store_true", help="PDF: add a cover page")
    convert.add_argument("--appendix", action="store_true", help="PDF: add an appendix of notes and KPIs")
    convert.set_defaults(handler=_cmd_convert)
    return parser


def _top_level_help() -> str:
    return (__doc__ or "").strip() + "\n\nRun 'journey-canvas COMMAND --help' for a command's options."


if __name__ == "__main__":
    raise SystemExit(main())
