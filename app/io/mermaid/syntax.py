"""Mermaid `journey` diagrams (https://mermaid.js.org/syntax/userJourney.html), read and written.

    journey
        title Switching mobile plans
        section Awareness
          Opens a bill: 2: Maya, Partner

How a diagram maps onto a journey map, both ways:
- each `section` is a stage; each task is a card in an "Actions" lane (kind actions);
- a stage's emotion (an "Emotions" lane on a 1..5 scale) is the mean of its task scores;
  a task whose score differs from that mean keeps it as a card tag `score:N`;
- every actor is a persona (the most frequent first); a task is tied to its actors (to all personas
  when it names every one); each persona's curve at a stage is the mean score of the tasks it acts in;
  with several personas, `%% journey-canvas emotion STAGE VALUE PERSONA` comments carry the curves exactly.
On export a task's score is its `score:N` tag, else its first persona's emotion at the stage rescaled
to 1..5 and rounded; its actors are its `@` tags (maps imported before personas), else its personas,
else every persona. A map whose scale is not 1..5 gets a
`%% journey-canvas emotion-scale MIN MAX` comment (Mermaid ignores it) so that import
restores the scale. Mermaid cannot hold ':' in task or section names, nor '#' or ';' anywhere:
they are written as look-alikes (꞉ ＃ ；) that import turns back (others, named in a comment, for a map whose
own text holds those: `ALTERNATES`); a task starting like a keyword or comment
('title', 'section', '%%') is written after an invisible guard (`guard_task`).
"""

from __future__ import annotations

import re

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_SECTIONS = 500
MAX_TASKS = 10_000
SHORT = 500  # the model's ShortText limit
MERMAID_MIN, MERMAID_MAX = 1, 5
SCALE_COMMENT = "journey-canvas emotion-scale"

# Characters Mermaid's journey grammar cannot hold, and the look-alikes written instead.
LOOKALIKES = {":": "\ua789", "#": "\uff03", ";": "\uff1b", ",": "\u201a"}  # "," only in actor names
UNESCAPE = {v: k for k, v in LOOKALIKES.items()}
ALTERNATES = {":": "\u2236", "#": "\u266f", ";": "\ufe14", ",": "\u00b8"}
"""The look-alikes written instead when the map's own text holds one of LOOKALIKES (a Chinese '；', a Japanese '＃', a
German '‚'): import read those back as ';', '#', ','. A `%% journey-canvas look-alikes` comment names the set
used, and import then turns back only these."""
LOOKALIKE_COMMENT = "journey-canvas look-alikes"
LOOKALIKE_LINE = re.compile(rf"^%%\s*{LOOKALIKE_COMMENT}\s+(\S{{4}})\s*$", re.IGNORECASE)


def lookalikes_for(texts: list[str]) -> dict[str, str]:
    """The look-alikes to write for a map whose texts are `texts`: the usual ones, unless it holds one of them."""
    used = set(LOOKALIKES.values())
    return ALTERNATES if any(not used.isdisjoint(text) for text in texts) else LOOKALIKES


def unescape_table(lines: list[str]) -> dict[str, str]:
    """What import turns back into ': # ; ,': the set a look-alikes comment names, else the usual one."""
    for line in lines:
        match = LOOKALIKE_LINE.match(line.strip())
        if match:
            return dict(zip(match.group(1), ":#;,", strict=True))
    return UNESCAPE
KEYWORD_GUARD = "\u200b"
"""A zero-width space written before a task whose text would read as a keyword or a comment at a line's start
('title ...', 'section ...', '%% ...'): Mermaid and import took such a card for the diagram's title, a new
stage or a comment, and it was lost without a word. Invisible where the diagram is drawn; import removes it."""
_KEYWORD_START = re.compile(r"(?:title|section|journey)(?:\s|$)|acc(?:title|descr)|%%", re.IGNORECASE)


def guard_task(text: str) -> str:
    """A task's text as written: guarded when it starts like a keyword or a comment."""
    return KEYWORD_GUARD + text if _KEYWORD_START.match(text) else text


def unguard_task(name: str) -> str:
    """A task's text as read: the guard `guard_task` wrote taken off again."""
    return name[1:] if name.startswith(KEYWORD_GUARD) and _KEYWORD_START.match(name[1:]) else name


FENCE_OPEN = re.compile(r"(```|~~~)[ \t]*mermaid\b", re.IGNORECASE)  # a line opening a Mermaid block
CURVE_COMMENT = "journey-canvas emotion"
CURVE_LINE = re.compile(rf"^%%\s*{CURVE_COMMENT}\s+(\d+)\s+(-?[\d.e+-]+)\s+(\S.*?)\s*$", re.IGNORECASE)
"""`%% journey-canvas emotion STAGE VALUE PERSONA`: one point of a persona's curve (stage numbered from 1), written
for maps with several personas, whose curves one score per task cannot carry; import takes them as they are."""
SCALE_LINE = re.compile(rf"^%%\s*{SCALE_COMMENT}\s+(-?[\d.]+(?:e[+-]?\d+)?)\s+(-?[\d.]+(?:e[+-]?\d+)?)\s*$",
                        re.IGNORECASE)


