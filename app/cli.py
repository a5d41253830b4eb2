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
import contextlib
import gc
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.io.errors import JourneyFileError, check_input_file

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_CHECK_WARNINGS = 3


class CliError(Exception):
    """A problem to report on one line, with exit code 1."""


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

    result = _read(options.file, sheet=options.sheet, map_at=options.map, all_maps=options.all_maps,
                   quiet=options.json)
    if options.json:
        print(json.dumps(summarize(result.journey), ensure_ascii=False, indent=2))
    else:
        print(describe(result.journey))
    return EXIT_OK


def _cmd_convert(options: argparse.Namespace) -> int:
    from app.io.formats import format_for, write_map
    from app.painters import defer_pil_image

    defer_pil_image()  # Pillow is loaded only if a picture is drawn

    source, target = Path(options.input), Path(options.output)
    _source_format(source)
    ignored = _ignored_options(options, format_for(target, for_writing=True))
    if source.exists() and target.exists() and source.resolve() == target.resolve():
        raise CliError(f"{target} is the file being converted; choose another output name")
    result = _read(source, sheet=options.sheet, map_at=options.map, all_maps=options.all_maps)
    journey = result.journey
    if options.persona:
        from app.model.personas import PersonaFilterError, filter_personas

        try:
            # what the deliverable embeds is the filtered map too, its snapshots (when asked for) included
            journey = filter_personas(journey, options.persona, snapshots=bool(options.embed_snapshots))
        except PersonaFilterError as exc:
            raise CliError(str(exc)) from exc
    warnings = write_map(
        journey,
        target,
        page_size=options.page_size,
        orientation=options.orientation,
        fit=options.fit,
        scale=options.scale,
        margin=options.margin,
        cover=options.cover or None,
        appendix=options.appendix or None,
        channels=options.channels or None,
        slide_size=options.slide_size,
        embed=not options.no_embed,
        embed_snapshots=options.embed_snapshots or None,
    )
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if ignored:
        names = " and ".join([", ".join(ignored[:-1]), ignored[-1]] if len(ignored) > 1 else ignored)
        verb = "do not apply" if len(ignored) > 1 else "does not apply"
        they = "they were" if len(ignored) > 1 else "it was"
        print(f"warning: {names} {verb} to {target.suffix.lower()} files; {they} ignored", file=sys.stderr)
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK


def _ignored_options(options: argparse.Namespace, file_format) -> list[str]:
    """The output options given that the target's format does not take (`--cover` for a .pptx)."""
    takes = set(file_format.write_options)
    if file_format.embedder:
        takes |= {"embed", "embed_snapshots"}
    given = (("--page-size", "page_size", options.page_size is not None),
             ("--orientation", "orientation", options.orientation is not None),
             ("--fit", "fit", options.fit is not None), ("--scale", "scale", options.scale is not None),
             ("--margin", "margin", options.margin is not None), ("--cover", "cover", options.cover),
             ("--appendix", "appendix", options.appendix), ("--channels", "channels", options.channels),
             ("--slide-size", "slide_size", options.slide_size is not None),
             ("--no-embed", "embed", options.no_embed),
             ("--embed-snapshots", "embed_snapshots", options.embed_snapshots))
    return [flag for flag, name, present in given if present and name not in takes]


def _source_format(path: Path):  # -> FileFormat
    """The format that reads `path`; a folder or a missing file is named as such whatever its extension."""
    from app.io.formats import format_for

    try:
        return format_for(path, for_writing=False)
    except JourneyFileError:
        check_input_file(path)
        raise


def _read(path: Path | str, *, sheet: str | None = None, map_at: str | None = None, all_maps: bool = False,
          quiet: bool = False):  # -> ImportResult
    from app.io.formats import read_map

    if all_maps and map_at:
        raise CliError("choose one map (--map CELL) or all of them as personas (--all-maps), not both")
    takes = _source_format(Path(path)).read_options
    if all_maps and not takes >= {"all_maps"}:
        raise CliError(f"{Path(path).name}: --all-maps reads several maps of a sheet; use it with .xlsx or .csv files")
    given = (("--sheet", "sheet", sheet is not None), ("--map", "map_at", map_at is not None))
    ignored = [flag for flag, name, present in given if present and name not in takes]
    if ignored:
        print(f"warning: {' and '.join(ignored)} {'does' if len(ignored) == 1 else 'do'} not apply to "
              f"{Path(path).suffix.lower() or 'these'} files; {'it was' if len(ignored) == 1 else 'they were'} ignored",
              file=sys.stderr)
    result = read_map(Path(path), sheet=sheet, map_at=map_at, all_maps=all_maps or None)
    if not quiet or result.report:
        from app.io.sheet_import.report import as_text_lines

        for line in as_text_lines(result.report):
            print(f"import: {line}", file=sys.stderr)
    return result


def _load_native(path: Path | str):  # -> JourneyMap
    """A map that can hold snapshots: only .journey (and its .json twin) files."""
    from app.io.formats import format_for
    from app.io.journey.file import load_journey

    if format_for(path, for_writing=False).name != "journey":
        raise CliError(f"{Path(path).name}: snapshots live only in .journey files; convert it to .journey first")
    return load_journey(path)


def _locked_native(path: Path | str):  # -> contextlib manager of LockedUpdate
    """A .journey file opened for read-modify-write under an OS lock (no lost update)."""
    from app.io.formats import format_for
    from app.io.journey.lock import locked_update

    if format_for(path, for_writing=False).name != "journey":
        raise CliError(f"{Path(path).name}: snapshots live only in .journey files; convert it to .journey first")
    return locked_update(path)


def _print_notes(notes: list[str]) -> None:
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)


def _cmd_snapshot(options: argparse.Namespace) -> int:
    from app.model.snapshots import SnapshotError, take_snapshot

    with _locked_native(options.file) as update:
        try:
            journey = take_snapshot(update.journey, options.name, options.author)
        except SnapshotError as exc:
            raise CliError(f"{Path(options.file).name}: {exc}") from exc
        _print_notes(update.save(journey))
    print(f"took snapshot {journey.snapshots[-1].name!r} of {options.file} ({len(journey.snapshots)} in all)")
    return EXIT_OK


def _cmd_snapshots(options: argparse.Namespace) -> int:
    from app.model.snapshots import snapshot_infos

    infos = snapshot_infos(_load_native(options.file))
    if options.json:
        print(json.dumps([info.to_json() for info in infos], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not infos:
        print(f"{options.file} has no snapshots", file=sys.stderr)
    for info in infos:
        when = info.created.strftime("%Y-%m-%d %H:%M")
        counts = f"{info.stages} stages, {info.lanes} lanes, {info.cards} cards, {info.emotions} emotion points"
        print(f"{info.name}\t{when}\t{info.author or '-'}\t{counts}")
    return EXIT_OK


def _cmd_restore(options: argparse.Namespace) -> int:
    with _locked_native(options.file) as update:
        snapshot, journey = _restored(update.journey, options)
        _print_notes(update.save(journey))
    print(f"restored snapshot {snapshot.name!r} in {options.file}")
    return EXIT_OK


def _restored(journey, options: argparse.Namespace):  # -> tuple[Snapshot, JourneyMap]
    from app.model.diff import diff_contents
    from app.model.snapshots import SnapshotError, find_snapshot, restore_snapshot, take_snapshot

    try:
        snapshot = find_snapshot(journey, options.name)
        kept = any(diff_contents(s.content, journey).is_empty for s in journey.snapshots)
        if options.keep_current:
            journey = take_snapshot(journey, options.keep_current)
        elif not kept and not options.force:
            raise CliError(f"{Path(options.file).name}: the current map is in no snapshot; pass --keep-current NAME "
                           "to keep it as one, or --force to discard it")
        journey = restore_snapshot(journey, snapshot.id)
    except SnapshotError as exc:
        raise CliError(f"{Path(options.file).name}: {exc}") from exc
    return snapshot, journey


def _version(spec: str):  # -> JourneyContent
    """FILE (any readable format), FILE@NAME (a snapshot in a .journey file) or FILE@ (its latest)."""
    from app.model.snapshots import SnapshotError, find_snapshot, latest_snapshot

    if Path(spec).exists() or "@" not in spec:
        return _read(spec, quiet=True).journey
    for at in (i for i, char in enumerate(spec) if char == "@"):
        path, name = spec[:at], spec[at + 1:]
        if Path(path).is_file():
            journey = _load_native(path)
            try:
                return (find_snapshot(journey, name) if name else latest_snapshot(journey)).content
            except SnapshotError as exc:
                raise CliError(f"{Path(path).name}: {exc}") from exc
    raise CliError(f"{spec}: does not exist (as a file, or as FILE@SNAPSHOT)")


def _cmd_diff(options: argparse.Namespace) -> int:
    from app.model.diff import diff_contents
    from app.model.diff_text import matching_note

    old, new = _version(options.old), _version(options.new)
    diff = diff_contents(old, new)
    if options.pdf:
        from app.io.pdf.compare import write_comparison_pdf

        if Path(options.pdf).suffix.lower() != ".pdf":
            raise CliError(f"{options.pdf}: the comparison is written as PDF; give a name ending in .pdf")
        labels = {"old_label": Path(options.old).name, "new_label": Path(options.new).name}
        for warning in write_comparison_pdf(old, new, diff, options.pdf, **labels):
            print(f"warning: {warning}", file=sys.stderr)
        print(f"wrote {options.pdf}", file=sys.stderr)
    if options.json:
        print(json.dumps(diff.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    note = matching_note(diff)
    if note:
        print(f"note: {note}", file=sys.stderr)
    print("\n".join(diff.summary()) if not diff.is_empty else "no differences")
    return EXIT_OK


def _cmd_check(options: argparse.Namespace) -> int:
    from app.check import check_map, has_warnings

    journey = _read(options.file, quiet=options.json).journey
    findings = check_map(journey)
    if options.json:
        print(json.dumps({"findings": [f.to_json() for f in findings],
                          "warnings": sum(f.severity == "warning" for f in findings),
                          "infos": sum(f.severity == "info" for f in findings)}, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        if not findings:
            print("no findings")
    return EXIT_CHECK_WARNINGS if has_warnings(findings) else EXIT_OK


def _merge_input(spec: str):  # -> JourneyContent
    """A merge input: FILE, FILE@SNAPSHOT, or a file of any name holding a map (git's temporary
    %O %A %B files have no extension); an empty file is an empty map (git's base when there is none)."""
    from app.io.formats import format_for
    from app.io.journey.file import load_journey
    from app.model.journey import JourneyContent

    path = Path(spec)
    if path.is_file() and path.stat().st_size == 0:
        return JourneyContent()
    try:
        format_for(path, for_writing=False)
    except JourneyFileError:
        if path.is_file():
            return load_journey(path)
    return _version(spec)


@contextlib.contextmanager
def _copy_named(name: str | None, role: str):  # -> Iterator[None]
    """With --name (git's %P), an unreadable input is named by the map's path and its role, not by git's
    temporary file ('.merge_file_Riq869: is nested too deeply' said neither which map nor which copy)."""
    try:
        yield
    except JourneyFileError as exc:
        if not name:
            raise
        raise JourneyFileError(None, f"{name} ({role}): {exc.problem}") from exc


def _cmd_merge(options: argparse.Namespace) -> int:
    from app.io.formats import format_for, write_map
    from app.io.journey.file import save_journey
    from app.io.journey.lock import locked_update
    from app.model.merge import MergeError, merge_maps

    def merged(ours):  # -> MergeResult
        try:
            return merge_maps(base, ours, theirs, prefer=options.prefer)
        except MergeError as exc:
            raise CliError(str(exc)) from exc

    with _copy_named(options.name, "the common ancestor"):
        base = _merge_input(options.base)
    with _copy_named(options.name, "their copy"):
        theirs = _merge_input(options.theirs)
    out, ours_path = Path(options.output), Path(options.ours)
    try:
        native = format_for(out, for_writing=True).name == "journey"
    except JourneyFileError:
        native = True  # git's %A has no extension: write the map as .journey JSON
    if native and out.exists() and ours_path.exists() and out.resolve() == ours_path.resolve():
        with _copy_named(options.name, "our copy"), locked_update(ours_path) as update:  # read, merge, replace
            result = merged(update.journey)
            _print_notes(update.save(result.journey))
    else:
        with _copy_named(options.name, "our copy"):
            ours = _merge_input(options.ours)
        result = merged(ours)
        _print_notes(save_journey(result.journey, out) if native else write_map(result.journey, out))
    if options.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for conflict in result.conflicts:
            print(conflict)
        count = len(result.conflicts)
        print(f"merged into {out}" + (f": {count} conflict{'s' * (count != 1)} resolved by keeping "
                                       f"{options.prefer} (listed above)" if count else ", no conflicts"),
              file=sys.stderr)
    return EXIT_CHECK_WARNINGS if result.conflicts else EXIT_OK


def _cmd_git_setup(options: argparse.Namespace) -> int:
    from app.io.journey.git_setup import GitSetupError, git_setup

    try:
        for line in git_setup(Path(options.repo) if options.repo else None, global_config=options.global_config):
            print(line)
    except GitSetupError as exc:
        raise CliError(str(exc)) from exc
    return EXIT_OK


def _cmd_git_resolve(options: argparse.Namespace) -> int:
    """Merge by ids the versions an unfinished git merge holds of FILE, and write FILE. Edits made to FILE
    since git's merge (the driver's result, opened and changed) are kept; a file of git's conflict markers is
    replaced. git's index is left as it is: `git add FILE` says the conflict is resolved."""
    from app.io.journey.file import load_journey, save_journey
    from app.io.journey.git_merge import read_versions, unmerged_map
    from app.model.journey import JourneyContent
    from app.model.merge import MergeError, merge_maps

    path = Path(options.file)
    check_input_file(path)
    unmerged = unmerged_map(path)
    if unmerged is None:
        raise CliError(f"{path.name}: git holds no unfinished merge of it (nothing to resolve)")
    base, ours, theirs = read_versions(unmerged)
    base = base if base is not None else JourneyContent()
    try:
        current = load_journey(path)
    except JourneyFileError:
        current = None  # git's conflict markers
    try:
        result = merge_maps(base, ours, theirs, prefer=options.prefer)
        if current is not None:  # what a merge keeping ours gave, edited since: keep those edits
            kept_ours = result if options.prefer == "ours" else merge_maps(base, ours, theirs)
            merged = merge_maps(kept_ours.journey.content(), current, result.journey).journey
        else:
            merged = result.journey
    except MergeError as exc:
        raise CliError(f"{path.name}: {exc}") from exc
    changed = current is None or merged != current
    if changed:
        _print_notes(save_journey(merged, path))
    if options.json:
        print(json.dumps({**result.to_json(), "written": changed}, ensure_ascii=False, indent=2))
    else:
        for conflict in result.conflicts:
            print(conflict)
        count = len(result.conflicts)
        kept = (f": {count} conflict{'s' * (count != 1)} resolved by keeping {options.prefer} (listed above)"
                if count else ", no conflicts")
        done = "merged" if changed else "already holds the merge of"
        print(f"{path.name} {done} the two versions from the git merge ({unmerged.their_side}){kept}; check it, "
              f"then 'git add {path.name}'", file=sys.stderr)
    return EXIT_CHECK_WARNINGS if result.conflicts else EXIT_OK


def _cmd_show_text(options: argparse.Namespace) -> int:
    """Never fails on a file git hands it: an unreadable one is printed as it is, after a note."""
    from app.model.text_dump import map_as_text

    try:
        journey = _merge_input(options.file)
    except (CliError, JourneyFileError) as exc:
        sys.stdout.write(f"(not a readable map: {exc})\n")
        try:
            sys.stdout.write(Path(options.file).read_bytes().decode("utf-8", errors="replace"))
        except OSError:
            return EXIT_FAILURE
        return EXIT_OK
    sys.stdout.write(map_as_text(journey))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _cmd_new,
    "templates": _cmd_templates,
    "info": _cmd_info,
    "convert": _cmd_convert,
    "snapshot": _cmd_snapshot,
    "snapshots": _cmd_snapshots,
    "restore": _cmd_restore,
    "diff": _cmd_diff,
    "check": _cmd_check,
    "merge": _cmd_merge,
    "git-resolve": _cmd_git_resolve,
    "git-setup": _cmd_git_setup,
    "show-text": _cmd_show_text,
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
    parser.add_argument("input")
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
                        help="show only this persona's cards and curves (repeat for several)")
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
