"""python-pptx's package bookkeeping in constant time per slide.

python-pptx does three things for each new slide that cost as much as the deck is long: it names a notes page by
walking every part of the package to see which numbers are taken (`OpcPackage.next_partname`), and it looks up the
presentation's relationships (to relate the slide, to find the notes master) by regrouping all of them by type
and scanning those of the slide type (`_Relationships`). A deck of n slides with notes cost n² steps: 55 s for the
2,263 slides of a 22,400-card map. Here the names in use are gathered once per name pattern, and the
presentation's relationships are kept grouped, and indexed by target, as they are added. Both give exactly the
names and ids python-pptx would (tests/test_pptx_part_names.py compares whole decks). Adding a slide, it also
reads every slide id to find the highest (`CT_SlideIdList._next_id`): `slide_adder` counts them instead.
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from typing import Any

MAX_SLIDE_ID = 2_147_483_647  # PowerPoint's largest slide id; past it python-pptx looks for a free one


def name_parts_quickly(presentation: Any) -> None:
    """Give `presentation`'s package a `next_partname` that walks the package once per name pattern, and its main
    part relationships that stay grouped by type (valid while the deck only gains parts, as one being written does:
    a relationship removed clears the groups, which are then made again)."""
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
    relationships = presentation.part.rels
    relationships.__class__ = _indexed_relationships_class(type(relationships))


_CLASSES: dict[type, type] = {}


def _indexed_relationships_class(base: type) -> type:
    """python-pptx's `_Relationships` with its groups by type and its targets kept as relationships are added."""
    if base in _CLASSES:
        return _CLASSES[base]

    class IndexedRelationships(base):  # type: ignore[misc, valid-type]
        def _groups(self) -> tuple[dict[str, list[Any]], dict[tuple[str, int], str]]:
            groups = self.__dict__.get("_indexed_groups")
            if groups is None:
                by_type: dict[str, list[Any]] = collections.defaultdict(list)
                by_target: dict[tuple[str, int], str] = {}
                for rel in self._rels.values():
                    by_type[rel.reltype].append(rel)
                    if not rel.is_external:
                        by_target.setdefault((rel.reltype, id(rel.target_part)), rel.rId)
                groups = self.__dict__["_indexed_groups"] = (by_type, by_target)
            return groups

        @property
        def _rels_by_reltype(self) -> dict[str, list[Any]]:
            return self._groups()[0]

        def get_or_add(self, reltype: str, target_part: Any) -> str:
            r_id = self._groups()[1].get((reltype, id(target_part)))
            rel = self._rels.get(r_id) if r_id is not None else None
            if rel is not None and not rel.is_external and rel.target_part is target_part:
                return r_id
            if r_id is None:  # every relationship is indexed: there is none to this part
                return self._add_relationship(reltype, target_part)
            return super().get_or_add(reltype, target_part)  # an id of a part long gone: look the slow way

        def _add_relationship(self, reltype: str, target: Any, is_external: bool = False) -> str:
            r_id = super()._add_relationship(reltype, target, is_external)
            groups = self.__dict__.get("_indexed_groups")
            if groups is not None:  # else they are made, with it, when first asked for
                groups[0][reltype].append(self._rels[r_id])
                if not is_external:
                    groups[1].setdefault((reltype, id(target)), r_id)
            return r_id

        @property
        def _next_rId(self) -> str:  # noqa: N802 - python-pptx's name
            number = self.__dict__.get("_indexed_next", 1)
            while f"rId{number}" in self._rels:
                number += 1
            self.__dict__["_indexed_next"] = number
            return f"rId{number}"

        def pop(self, r_id: str) -> Any:
            self._forget()
            return super().pop(r_id)

        def load_from_xml(self, *args: Any, **kwargs: Any) -> Any:
            self._forget()
            return super().load_from_xml(*args, **kwargs)

        def _forget(self) -> None:
            self.__dict__.pop("_indexed_groups", None)
            self.__dict__.pop("_indexed_next", None)  # the lowest free id may be lower now

    _CLASSES[base] = IndexedRelationships
    return IndexedRelationships


def slide_adder(presentation: Any) -> Callable[[Any], Any]:
    """`presentation.slides.add_slide`, with the new slide's part number and id counted rather than looked up among
    all the slides (python-pptx reads every id to find the highest: n² in the slides, 18 s for 4,000). The same
    steps as python-pptx's own (`Slides.add_slide`, `PresentationPart.add_slide`), the same names and ids; should a
    slide be added another way meanwhile, the count starts again from the deck."""
    from pptx.opc.constants import RELATIONSHIP_TYPE
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlidePart

    part = presentation.part
    id_list = part._element.get_or_add_sldIdLst()
    count = {"slides": -1, "next id": 0}

    def add_slide(layout: Any) -> Any:
        if len(id_list) != count["slides"]:  # the first slide, or one added another way: count from the deck
            ids = [int(value) for value in id_list.xpath("./p:sldId/@id")]
            count.update({"slides": len(id_list), "next id": max([255, *ids]) + 1})
        if count["next id"] > MAX_SLIDE_ID:
            return presentation.slides.add_slide(layout)
        slide_part = SlidePart.new(PackURI(f"/ppt/slides/slide{count['slides'] + 1}.xml"), part.package, layout.part)
        r_id = part.relate_to(slide_part, RELATIONSHIP_TYPE.SLIDE)
        slide = slide_part.slide
        slide.shapes.clone_layout_placeholders(layout)
        id_list._add_sldId(id=count["next id"], rId=r_id)
        count["slides"] += 1
        count["next id"] += 1
        return slide

    return add_slide
