"""The import report as a list a user can act on: what was found, what was guessed, what was left out (why).

Report lines stay plain strings (`ImportResult.report` is a list of lines everywhere); a line made
with `guessed()` or `left_out()` carries its group, other lines are placed by what they say. The CLI
and the import dialog print the groups in the order of `GROUPS`, each under a heading.
"""

from __future__ import annotations

FOUND, GUESSED, LEFT_OUT = "found", "guessed", "left out"
GROUPS = (FOUND, GUESSED, LEFT_OUT)
HEADINGS = {
    FOUND: "Found",
    GUESSED: "Guessed (check these first)",
    LEFT_OUT: "Left out (and why)",
}


class ReportLine(str):
    """A report line that knows its group."""

    group: str

    def __new__(cls, text: str, group: str) -> ReportLine:
        line = super().__new__(cls, text)
        line.group = group
        return line

    def __reduce__(self):  # noqa: ANN204 - keep the group when a line is copied or pickled
        return (ReportLine, (str(self), self.group))


def found(text: str) -> ReportLine:
    return ReportLine(text, FOUND)


def guessed(text: str) -> ReportLine:
    return ReportLine(text, GUESSED)


def left_out(text: str) -> ReportLine:
    return ReportLine(text, LEFT_OUT)


_LEFT_OUT_SIGNS = (" not part of the map (", "' skipped (", '" skipped (', " not read", " left out", "were shortened",
                   " were cut", " was cut", "not imported", "not part of the persona", "is hidden in the workbook")
_GUESSED_SIGNS = ("holds only numbers", "are named Step", " scale", " averaged to ", "the most journey-map-like",
                  "kept as ", "guess", "is named like")


def group_of(line: str) -> str:
    """The group of a line: its own when it has one, else what its words say."""
    group = getattr(line, "group", None)
    if group in GROUPS:
        return group
    if any(sign in line for sign in _LEFT_OUT_SIGNS):
        return LEFT_OUT
    if any(sign in line for sign in _GUESSED_SIGNS):
        return GUESSED
    return FOUND


def grouped(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(group, its lines in report order) for each group that has lines, in the order of GROUPS."""
    by_group: dict[str, list[str]] = {group: [] for group in GROUPS}
    for line in lines:
        by_group[group_of(line)].append(line)
    return [(group, items) for group, items in by_group.items() if items]


def as_text_lines(lines: list[str]) -> list[str]:
    """The report for a terminal: a heading with a count before each group's lines."""
    out: list[str] = []
    for group, items in grouped(lines):
        out.append(f"== {HEADINGS[group]}: {len(items)} ==")
        out.extend(items)
    return out
