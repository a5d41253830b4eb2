"""A small service-blueprint map with three personas, shared by the persona tests."""

from __future__ import annotations

from app.model.enums import LaneKind, LaneRole
from app.model.journey import Card, EmotionPoint, JourneyMap, Persona
from app.model.templates import map_from_template


def three_persona_blueprint() -> JourneyMap:
    """Maya, Kai and Jo on a service blueprint: shared cards, cards for one or two of them, a curve each."""
    journey = map_from_template("service-blueprint", "Clinic visit")
    maya, kai, jo = Persona(name="Maya"), Persona(name="Kai", color="#009e73"), Persona(name="Jo")
    journey.personas = [maya, kai, jo]
    lanes = {lane.role or lane.kind: lane for lane in journey.lanes}
    stages = journey.stages
    emotions = lanes[LaneKind.EMOTIONS]

    def card(stage: int, key, text: str, *who: Persona) -> Card:
        return Card(stage_id=stages[stage].id, lane_id=lanes[key].id, text=text, personas=[p.id for p in who])

    journey.cards = [
        card(0, LaneRole.CUSTOMER, "Searches for a clinic"),
        card(0, LaneRole.CUSTOMER, "Asks a friend", kai),
        card(1, LaneRole.CUSTOMER, "Books online", maya, jo),
        card(1, LaneRole.FRONTSTAGE, "Booking page"),
        card(1, LaneRole.BACKSTAGE, "Slot reserved in the calendar"),
        card(2, LaneRole.EVIDENCE, "Waiting room"),
        card(2, LaneRole.SUPPORT, "Patient records system", jo),
        card(3, LaneKind.PAIN_POINTS, "Long wait", kai),
        card(4, LaneRole.BACKSTAGE, "Invoice sent"),
    ]
    journey.emotions = [
        EmotionPoint(stage_id=stages[i].id, lane_id=emotions.id, persona_id=who.id, value=value, label=label)
        for who, values in ((maya, (0, 1, -1, 1, 2)), (kai, (-1, 0, -2, -1, 1)), (jo, (1, 1, 0, 2, 1)))
        for i, value in enumerate(values)
        for label in [{-2: "Anxious", -1: "Worried", 0: "Calm", 1: "Fine", 2: "Glad"}[value] if i == 2 else None]
    ]
    return JourneyMap.model_validate(journey.model_dump())
