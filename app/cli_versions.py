"""The commands on a map's versions: snapshot, snapshots, restore, diff, check, merge."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli_support import (
    EXIT_CHECK_WARNINGS,
    EXIT_OK,
    CliError,
    copy_named,
    load_native,
    locked_native,
    merge_input,
    print_notes,
    read_source,
    version,
)
from app.io.errors import JourneyFileError


def cmd_snapshot(options: argparse.Namespace) -> int:
    from app.model.snapshots import SnapshotError, take_snapshot

    with locked_native(options.file) as update:
        try:
            journey = take_snapshot(update.journey, options.name, options.author)
        except SnapshotError as exc:
            raise CliError(f"{Path(options.file).name}: {exc}") from exc
        print_notes(update.save(journey))
    print(f"took snapshot {journey.snapshots[-1].name!r} of {options.file} ({len(journey.snapshots)} in all)")
    return EXIT_OK


def cmd_snapshots(options: argparse.Namespace) -> int:
    from app.model.snapshots import snapshot_infos

    infos = snapshot_infos(load_native(options.file))
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


def cmd_restore(options: argparse.Namespace) -> int:
    with locked_native(options.file) as update:
        snapshot, journey = _restored(update.journey, options)
        print_notes(update.save(journey))
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


def cmd_diff(options: argparse.Namespace) -> int:
    from app.model.diff import diff_contents
    from app.model.diff_text import matching_note

    old, new = version(options.old), version(options.new)
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


def cmd_check(options: argparse.Namespace) -> int:
    from app.check import check_map, has_warnings

    journey = read_source(options.file, quiet=options.json).journey
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


def cmd_merge(options: argparse.Namespace) -> int:
    from app.io.formats import format_for, write_map
    from app.io.journey.file import save_journey
    from app.io.journey.lock import locked_update
    from app.model.merge import MergeError, merge_maps

    def merged(ours):  # -> MergeResult
        try:
            return merge_maps(base, ours, theirs, prefer=options.prefer)
        except MergeError as exc:
            raise CliError(str(exc)) from exc

    with copy_named(options.name, "the common ancestor"):
        base = merge_input(options.base)
    with copy_named(options.name, "their copy"):
        theirs = merge_input(options.theirs)
    out, ours_path = Path(options.output), Path(options.ours)
    try:
        native = format_for(out, for_writing=True).name == "journey"
    except JourneyFileError:
        native = True  # git's %A has no extension: write the map as .journey JSON
    if native and out.exists() and ours_path.exists() and out.resolve() == ours_path.resolve():
        with copy_named(options.name, "our copy"), locked_update(ours_path) as update:  # read, merge, replace
            result = merged(update.journey)
            print_notes(update.save(result.journey))
    else:
        with copy_named(options.name, "our copy"):
            ours = merge_input(options.ours)
        result = merged(ours)
        print_notes(save_journey(result.journey, out) if native else write_map(result.journey, out))
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


