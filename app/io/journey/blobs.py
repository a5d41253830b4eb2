"""Photos stored once: the `.journey` file's `blobs` table.

Every snapshot is a full copy of the map, persona photo included; 26 snapshots of a map with a
1.9 MB photo made a 68 MB file. So when a photo's data occurs more than once in the file, the
writer keeps it once in a top-level table and each photo refers to it by hash:

    "photo": {"mime_type": "image/png", "blob": "sha256:9f2c..."}
    ...
    "blobs": {"sha256:9f2c...": "iVBORw0KGgo..."}

A file whose photos each occur once has no table and looks exactly as before. Reading puts the
data back (`inline_blobs`, run by the migrations before any version step, so it composes with them)
and checks each hash. This is a file-level encoding: the model never sees it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

BLOBS_KEY = "blobs"
MIN_BLOB_CHARS = 1024
"""Shorter photo data is left inline: a table entry would save nothing."""


class BlobError(ValueError):
    """The blobs table is malformed or a photo refers to data the file does not hold."""


def blob_key(data: str) -> str:
    return "sha256:" + hashlib.sha256(data.encode("ascii", "surrogatepass")).hexdigest()


def share_blobs(raw: dict[str, Any]) -> dict[str, Any]:
    """`raw` (a dumped map) with every photo whose data occurs more than once moved to the table."""
    photos = list(_photos(raw))
    counts = Counter(photo["data"] for photo in photos if len(photo["data"]) >= MIN_BLOB_CHARS)
    shared = {data for data, count in counts.items() if count > 1}
    if not shared:
        return raw
    table: dict[str, str] = {}
    for photo in photos:
        data = photo.get("data")
        if data in shared:
            key = blob_key(data)
            table[key] = data
            del photo["data"]
            photo["blob"] = key
    raw[BLOBS_KEY] = table
    return raw


def inline_blobs(raw: dict[str, Any]) -> dict[str, Any]:
    """`raw` (a file's JSON) with the table removed and each photo's data put back."""
    if BLOBS_KEY not in raw:
        return raw
    table = raw.pop(BLOBS_KEY)
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise BlobError("has a 'blobs' table that is not a set of named texts")
    checked: set[str] = set()
    for photo in _photos(raw, key="blob"):
        key = photo.pop("blob")
        data = table.get(key) if isinstance(key, str) else None
        if data is None:
            raise BlobError(f"refers to photo data {str(key)[:20]!r}... that its 'blobs' table does not hold")
        if key not in checked:
            if blob_key(data) != key:
                raise BlobError(f"has photo data that does not match its hash {key[:20]}... (damaged file)")
            checked.add(key)
        photo["data"] = data
    return raw


PHOTO_PATH_KEYS = ("persona", "personas", "snapshots", "content", "photo")
"""The keys on the way from the file's root to a photo (format 1: persona.photo, snapshots[].content.persona.photo;
format 2: personas[].photo): only these are walked, so cards and emotions cost nothing."""


def _photos(value: Any, key: str = "data") -> list[dict[str, Any]]:
    """Every photo object (a dict with a mime_type and `key`) on the photo paths, found without recursion."""
    found: list[dict[str, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))
        elif isinstance(item, dict):
            if "mime_type" in item and isinstance(item.get(key), str):
                found.append(item)
                continue
            stack.extend(child for name in PHOTO_PATH_KEYS if isinstance(child := item.get(name), dict | list))
    found.reverse()
    return found
