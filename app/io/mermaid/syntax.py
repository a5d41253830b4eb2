"""Mermaid `journey` diagrams (https://mermaid.js.org/syntax/userJourney.html), read and written.

    journey
        title Switching mobile plans
        section Awareness
          Opens a bill: 2: Maya, Partner

How a diagram maps onto a journey map, both ways:
- each `section` is a stage; each task is a card in an "Actions" lane (kind actions);
- a stage's emotion (an "Emotions" lane on a 1..5 scale) is the mean of its task scores;
  a task whose score differs from that mean keeps it as a card tag `score:N`;
- the persona is the most frequent actor; a task's other actors are card tags `@Name`.
On export a task's score is its `score:N` tag, else its stage's emotion rescaled to 1..5 and
rounded; its actors are its `@` tags, else the persona. A map whose scale is not 1..5 gets a
`%% journey-canvas emotion-scale MIN MAX` comment (Mermaid ignores it) so that import
restores the scale. Mermaid cannot hold ':' in task or section names, nor '#' or ';' anywhere:
they are written as look-alikes (꞉ ＃ ；) that import turns back.
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
LOOKALIKES = {":": "\ua789", "#": "\uff03", ";": "\uff1b"}
UNESCAPE = {v: k for k, v in LOOKALIKES.items()}
FENCE_OPEN = re.compile(r"(```|~~~)[ \t]*mermaid\b", re.IGNORECASE)  # a line opening a Mermaid block
SCALE_LINE = re.compile(rf"^%%\s*{SCALE_COMMENT}\s+(-?[\d.]+(?:e[+-]?\d+)?)\s+(-?[\d.]+(?:e[+-]?\d+)?)\s*$",
                        re.IGNORECASE)


