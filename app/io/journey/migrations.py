"""Upgrades of old `.journey` files, run on the raw JSON dict before validation.

Register a step with `@migration(from_version)`; it takes the dict of that version and
returns the dict of the next one. `migrate` runs the steps in order up to SCHEMA_VERSION.
Before any version step, photo data kept once in the file's `blobs` table is put back in place
(`blobs.inline_blobs`): that encoding is independent of the version, so it composes with every step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.io.journey.blobs import BlobError, inline_blobs
from app.model.journey import SCHEMA_VERSION

RawMap = dict[str, Any]
Migration = Callable[[RawMap], RawMap]

MIGRATIONS: dict[int, Migration] = {}
"""from_version -> function producing the dict of from_version + 1."""


class MigrationError(ValueError):
    """The file's version cannot be brought up to date."""


class NewerVersionError(MigrationError):
    """The file was written by a newer Journey Canvas."""


def migration(from_version: int) -> Callable[[Migration], Migration]:
    def register(function: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise RuntimeError(f"two migrations from schema {from_version}")
        MIGRATIONS[from_version] = function
        return function

    return register


def migrate(raw: RawMap, current: int = SCHEMA_VERSION) -> RawMap:
    """Bring a raw map dict up to `current`, or raise a MigrationError saying why not."""
    try:
        raw = inline_blobs(raw)
    except BlobError as exc:
        raise MigrationError(str(exc)) from exc
    version = raw.get("schema_version")
    if version is None:
        raise MigrationError("has no schema_version, so it is not a Journey Canvas map")
    if isinstance(version, bool) or not isinstance(version, int):
        raise MigrationError(f"schema_version must be a whole number, not {version!r}")
    if version > current:
        raise NewerVersionError(
            f"made by a newer version of Journey Canvas (schema {version}); this version reads up to {current}"
        )
    if version < 1:
        raise MigrationError(f"schema_version {version} is not a valid version")
    while version < current:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"no upgrade from schema {version} to {version + 1}")
        raw = step(dict(raw))
        version += 1
        raw["schema_version"] = version
    return raw
