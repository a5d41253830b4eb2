"""The quick way to open a well-formed, current `.journey` file: pydantic validates the bytes in one pass
(its Rust JSON parser), without first building the whole map as Python dicts and lists.

It returns None whenever it cannot vouch for the result, and the careful path in `file.py` (Python's
`json` with hooks, migrations, blobs) then reads the file and names any problem; so every file it refuses
gets exactly the error it always got. What the careful path refuses and pydantic alone would accept is
checked here, exactly:

- a key given twice in one object (pydantic keeps the last value): every JSON object of a map becomes a
  model, every key of it a field that model was given (extra keys are refused), so a file without a
  duplicate has as many keys as its models were given fields. The keys are counted, from above, as the
  quotes followed by a colon once whitespace is taken out (a quote and colon inside a text can only add
  to the count, which sends the file to the careful path);
- an integer of more than 30 digits (pydantic would read it as a float): no run of 31 digits may remain
  once whitespace is taken out (digits in a text can only send the file to the careful path);
- a file without a `schema_version` (the model's default would fill it in).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable

from pydantic import BaseModel, ValidationError

from app.model.journey import JourneyContent, JourneyMap

_WHITESPACE = b" \t\r\n"
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_FIELDS_SET = operator.attrgetter("__pydantic_fields_set__")
_PHOTO = operator.attrgetter("photo")
_KPIS = operator.attrgetter("kpis")
_EVIDENCE = operator.attrgetter("evidence")


def load_fast(data: bytes | str, max_int_digits: int) -> JourneyMap | None:
    """The map, or None when the careful path must read the file (to refuse it or to upgrade it)."""
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the careful path decides
            return None
    try:
        journey = JourneyMap.model_validate_json(data)
    except (ValidationError, ValueError, RecursionError):
        return None
    if "schema_version" not in journey.model_fields_set:
        return None
    squeezed = data.translate(_DIGITS_AS_ZERO, _WHITESPACE)  # one pass at C speed
    if b"0" * (max_int_digits + 1) in squeezed or squeezed.count(b'":') != fields_given(journey):
        return None
    return journey


def fields_given(journey: JourneyMap) -> int:
    """How many fields the file gave the map's models: one for every key of a file without duplicates."""
    total = len(journey.model_fields_set) + _content_fields(journey)
    for snapshot in journey.snapshots:
        content = snapshot.content
        total += len(snapshot.model_fields_set) + len(content.model_fields_set) + _content_fields(content)
    return total


def _content_fields(content: JourneyContent) -> int:
    """The fields given to the models inside one map content (not counting the content's own)."""
    total = len(content.metadata.model_fields_set) + len(content.emotion_scale.model_fields_set)
    for items in (content.personas, content.phases, content.stages, content.lane_groups, content.lanes,
                  content.cards, content.emotions):
        total += _given(items)
    total += _given(filter(None, map(_PHOTO, content.personas)))
    total += _given(itertools.chain.from_iterable(map(_KPIS, content.stages)))
    total += _given(filter(None, map(_EVIDENCE, content.cards)))
    return total


def _given(models: Iterable[BaseModel]) -> int:
    return sum(map(len, map(_FIELDS_SET, models)))
