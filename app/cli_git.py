"""The commands git runs or a user runs in a repository: git-setup, git-resolve, show-text."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli_support import EXIT_CHECK_WARNINGS, EXIT_FAILURE, EXIT_OK, CliError, merge_input, print_notes
from app.io.errors import JourneyFileError, check_input_file


def cmd_git_setup(options: argparse.Namespace) -> int:
    from app.io.journey.git_setup import GitSetupError, git_setup

    try:
        for line in git_setup(Path(options.repo) if options.repo else None, global_config=options.global_config):
            print(line)
    except GitSetupError as exc:
        raise CliError(str(exc)) from exc
    return EXIT_OK


def cmd_git_resolve(options: argparse.Namespace) -> int:
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
        print_notes(save_journey(merged, path))
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


def cmd_show_text(options: argparse.Namespace) -> int:
    """Never fails on a file git hands it: an unreadable one is printed as it is, after a note."""
    from app.model.text_dump import map_as_text

    try:
        journey = merge_input(options.file)
    except (CliError, JourneyFileError) as exc:
        sys.stdout.write(f"(not a readable map: {exc})\n")
        try:
            sys.stdout.write(Path(options.file).read_bytes().decode("utf-8", errors="replace"))
        except OSError:
            return EXIT_FAILURE
        return EXIT_OK
    sys.stdout.write(map_as_text(journey))
    return EXIT_OK


