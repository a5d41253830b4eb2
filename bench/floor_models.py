"""The design's floor for opening a map: the same file validated into plain pydantic models.

`JourneyMap` is a tree of pydantic models (the design's document model). Its plain twin built here
has the same models, fields and nesting, so validating a file builds as many model instances as
opening it does, but none of what the real models add: no length limits, id spellings or colour
patterns, enums read as plain strings, no validators, no reference checks, no duplicate-key or
number checks. Nothing can open a map into pydantic models faster than its twin does, so its time
beside bare `json.loads` is the lowest ratio the load target could reach without leaving pydantic's
model per card (what `bench_scale` prints as "load floor").
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

_PLAIN = ConfigDict(extra="ignore")


def plain_type(annotation: Any) -> Any:
    """`annotation` with constraints dropped, enums as str and every model as its plain twin."""
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return plain_twin(annotation)
        return str if issubclass(annotation, enum.Enum) else annotation
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return plain_type(args[0])
    if origin is typing.Literal:
        return str
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(plain_type(arg) for arg in args)]  # noqa: UP007 - built from a tuple
    if origin is list:
        return list[plain_type(args[0])]
    return annotation


@functools.cache
def plain_twin(model: type[BaseModel]) -> type[BaseModel]:
    """A model with `model`'s field names, nesting and defaults, and nothing else."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        default = ... if info.is_required() else info.get_default(call_default_factory=True)
        fields[name] = (plain_type(info.annotation), default)
    return create_model(f"Plain{model.__name__}", __config__=_PLAIN, **fields)


def plain_map() -> type[BaseModel]:
    from app.model.journey import JourneyMap

    return plain_twin(JourneyMap)


def load_floor(data: bytes) -> BaseModel:
    """`data` validated into the plain twin, the collector paused as `loads_journey` pauses it."""
    from app.io.journey.file import gc_paused

    with gc_paused(keep=True):
        return plain_map().model_validate_json(data)
