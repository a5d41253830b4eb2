"""Naming a deck's new parts in constant time.

python-pptx names each new part (a slide's notes page, a chart, an embedded file) by walking every part of the
package to see which numbers are taken (`OpcPackage.next_partname`). A deck gains one notes page per slide, so a
deck of n slides with notes costs n² steps: 55 s for the 2,300 slides of a 22,400-card map. Here the names in use
are gathered once per name pattern and then kept up to date as parts are named, which holds as long as the deck
only gains parts (a deck being written never loses one).
"""

from __future__ import annotations

from typing import Any


def name_parts_quickly(presentation: Any) -> None:
    """Give `presentation`'s package a `next_partname` that walks the package once per name pattern."""
    from pptx.opc.packuri import PackURI

    package = presentation.part.package
    taken: dict[str, set[str]] = {}
    next_number: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        names = taken.get(template)
        if names is None:
            prefix = template[: (template % 42).find("42")]
            names = taken[template] = {str(part.partname) for part in package.iter_parts()
                                       if part.partname.startswith(prefix)}
        number = next_number.get(template, 1)
        while template % number in names:
            number += 1
        name = template % number
        names.add(name)
        next_number[template] = number + 1
        return PackURI(name)

    package.next_partname = next_partname
