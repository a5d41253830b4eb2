"""The commands that make, describe and convert maps: templates, new, info, convert."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli_support import EXIT_OK, CliError, read_source, source_format


def cmd_templates(options: argparse.Namespace) -> int:
    from app.model.templates import TEMPLATES

    for template in TEMPLATES:
        print(f"{template.name}\t{template.title}: {', '.join(template.stages)}")
    return EXIT_OK


def cmd_new(options: argparse.Namespace) -> int:
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


def cmd_info(options: argparse.Namespace) -> int:
    from app.model.summary import describe, summarize

    result = read_source(options.file, sheet=options.sheet, map_at=options.map, all_maps=options.all_maps,
                   quiet=options.json)
    if options.json:
        print(json.dumps(summarize(result.journey), ensure_ascii=False, indent=2))
    else:
        print(describe(result.journey))
    return EXIT_OK


def cmd_convert(options: argparse.Namespace) -> int:
    from app.io.formats import format_for, write_map
    from app.painters import defer_pil_image

    defer_pil_image()  # Pillow is loaded only if a picture is drawn

    source, target = Path(options.input), Path(options.output)
    source_format(source)
    ignored = _ignored_options(options, format_for(target, for_writing=True))
    if source.exists() and target.exists() and source.resolve() == target.resolve():
        raise CliError(f"{target} is the file being converted; choose another output name")
    result = read_source(source, sheet=options.sheet, map_at=options.map, all_maps=options.all_maps)
    journey = result.journey
    if options.persona:
        journey = _filter_personas(journey, options.persona, snapshots=bool(options.embed_snapshots))
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


def _filter_personas(journey, names: list[str], snapshots: bool):  # -> JourneyMap
    """The map for the personas `--persona` names (see `match_persona`), saying which persona a name that is not
    a persona's exact name was taken as; a blank, unknown or ambiguous name is a one-line error."""
    from app.model.personas import PersonaFilterError, filter_personas, match_personas

    try:
        matches = match_personas(journey, names)
    except PersonaFilterError as exc:
        raise CliError(f"--persona: {exc}") from exc
    for match in matches:
        if match.note:
            print(f"note: {match.note}", file=sys.stderr)
    # what the deliverable embeds is the filtered map too, its snapshots (when asked for) included
    return filter_personas(journey, [m.persona.id for m in matches], snapshots=snapshots)


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


