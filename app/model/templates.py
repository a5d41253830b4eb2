"""Starting points for a new map: named stage sets with the default lanes."""

from __future__ import annotations

from typing import NamedTuple

from app.model.enums import LaneKind, LaneRole
from app.model.journey import EmotionScale, JourneyMap, Lane, Metadata, Stage, utc_now


class Template(NamedTuple):
    """A starting map: its stages and lanes."""

    name: str
    title: str
    description: str
    stages: tuple[str, ...]
    lanes: tuple[tuple[str, LaneKind, LaneRole | None], ...] | None = None  # None: DEFAULT_LANES


TEMPLATES: tuple[Template, ...] = (
    Template(
        "five-stage",
        "Five-stage journey",
        "Awareness, Consideration, Decision, Retention, Advocacy",
        ("Awareness", "Consideration", "Decision", "Retention", "Advocacy"),
    ),
    Template(
        "seven-phase",
        "Seven-phase journey",
        "Awareness to Repeat purchase, for products bought again",
        ("Awareness", "Interest", "Comparison", "Purchase", "Usage", "Feedback", "Repeat"),
    ),
    Template(
        "four-stage",
        "Four-stage journey",
        "Awareness, Consideration, Acquisition, Retention",
        ("Awareness", "Consideration", "Acquisition", "Retention"),
    ),
    Template(
        "lifecycle",
        "Three-phase lifecycle",
        "Acquisition, Commitment, Keep: the customer lifecycle",
        ("Acquisition", "Commitment", "Keep"),
    ),
    Template(
        "buying-process",
        "Buying-process stations",
        "How a business buyer gets from a problem to a purchase",
        ("Research the problem", "Explore solutions", "Choose a solution", "Purchase"),
    ),
    Template(
        "service-blueprint",
        "Service blueprint",
        "The five layers of a service blueprint, with the customer's thoughts, emotions and pain points",
        ("Discover", "Book", "Arrive", "Use", "Leave"),
        (
            ("Physical evidence", LaneKind.TEXT, LaneRole.EVIDENCE),
            ("Customer actions", LaneKind.ACTIONS, LaneRole.CUSTOMER),
            ("Thoughts", LaneKind.THOUGHTS, None),
            ("Emotions", LaneKind.EMOTIONS, None),
            ("Pain points", LaneKind.PAIN_POINTS, None),
            ("Frontstage", LaneKind.TOUCHPOINTS, LaneRole.FRONTSTAGE),
            ("Backstage", LaneKind.TEXT, LaneRole.BACKSTAGE),
            ("Support processes", LaneKind.TEXT, LaneRole.SUPPORT),
        ),
    ),
    Template(
        "blank",
        "Blank map",
        "Three empty stages to name yourself, with the usual lanes",
        ("Stage 1", "Stage 2", "Stage 3"),
    ),
)

DEFAULT_TEMPLATE = "five-stage"

DEFAULT_LANES: tuple[tuple[str, LaneKind], ...] = (
    ("Customer actions", LaneKind.ACTIONS),
    ("Touchpoints", LaneKind.TOUCHPOINTS),
    ("Thoughts", LaneKind.THOUGHTS),
    ("Emotions", LaneKind.EMOTIONS),
    ("Pain points", LaneKind.PAIN_POINTS),
    ("Opportunities", LaneKind.OPPORTUNITIES),
)


def template_names() -> list[str]:
    return [t.name for t in TEMPLATES]


def get_template(name: str) -> Template:
    for template in TEMPLATES:
        if template.name == name:
            return template
    raise KeyError(f"no template named {name!r}; choose one of: {', '.join(template_names())}")


def map_from_template(name: str = DEFAULT_TEMPLATE, title: str | None = None) -> JourneyMap:
    """A new, empty map with the template's stages and the default lanes."""
    template = get_template(name)
    now = utc_now()
    return JourneyMap(
        metadata=Metadata(title=title or template.title, created=now, modified=now),
        emotion_scale=EmotionScale(),
        stages=[Stage(name=stage) for stage in template.stages],
        lanes=[Lane(name=lane_name, kind=kind, role=role)
               for lane_name, kind, role in template.lanes or [(n, k, None) for n, k in DEFAULT_LANES]],
    )
