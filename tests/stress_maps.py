"""Stress maps for the deliverables tests: long texts, crowded cells, wide and tall maps, many scripts,
an empty map and a persona-only map. Small enough to export quickly, made to break layouts."""

from __future__ import annotations

from app.model import Card, EmotionPoint, JourneyMap, Lane, LaneKind, Stage
from app.model.journey import Metadata, Persona

WORDS = ("customer", "waits", "for", "the", "confirmation", "email", "while", "the", "support", "line", "keeps",
         "them", "on", "hold", "and", "the", "website", "shows", "an", "error", "about", "the", "payment", "that",
         "nobody", "explains", "clearly", "enough")

SCRIPTS = {
    "greek": "Ο πελάτης περιμένει επιβεβαίωση",
    "cyrillic": "Клиент ждёт подтверждения заказа",
    "japanese": "お客様は注文の確認を待っています",
    "arabic": "العميل ينتظر تأكيد الطلب",
    "hebrew": "הלקוח מחכה לאישור ההזמנה",
    "emoji": "Happy 😀 then sad 😢",
}


def long_text(words: int, start: int = 0) -> str:
    """`words` words; each word is unique (w17-...) so a test can find every one of them."""
    return " ".join(f"{WORDS[(start + i) % len(WORDS)]}{start + i}" for i in range(words))


def _frame(stages: int, lanes: int, kinds: tuple[LaneKind, ...] = ()) -> tuple[list[Stage], list[Lane]]:
    stage_list = [Stage(id=f"s{i}", name=f"Stage {i + 1}") for i in range(stages)]
    lane_list = [Lane(id=f"l{i}", name=f"Lane {i + 1}", kind=kinds[i] if i < len(kinds) else LaneKind.ACTIONS)
                 for i in range(lanes)]
    return stage_list, lane_list


def long_texts() -> JourneyMap:
    """Three 300-word cards, a long lane name, stage name and emotion label."""
    stages, lanes = _frame(3, 3, (LaneKind.ACTIONS, LaneKind.EMOTIONS, LaneKind.THOUGHTS))
    stages[1] = stages[1].model_copy(update={"name": "A stage name that goes on " + long_text(12, 500)})
    lanes[2] = lanes[2].model_copy(update={"name": "Thoughts and feelings " + long_text(14, 600)})
    cards = [Card(id=f"c{i}", stage_id=f"s{i}", lane_id="l0", text=long_text(300, 1000 * (i + 1))) for i in range(3)]
    cards.append(Card(id="short", stage_id="s0", lane_id="l2", text="short card"))
    emotions = [EmotionPoint(stage_id="s0", lane_id="l1", value=-1, label="Worried " + long_text(20, 700)),
                EmotionPoint(stage_id="s1", lane_id="l1", value=1, label="Relieved")]
    return JourneyMap(metadata=Metadata(title="Long texts"), stages=stages, lanes=lanes, cards=cards,
                      emotions=emotions)


def crowded_cell() -> JourneyMap:
    stages, lanes = _frame(2, 2)
    cards = [Card(id=f"c{i}", stage_id="s0", lane_id="l0", text=long_text(8, 100 * i)) for i in range(12)]
    return JourneyMap(metadata=Metadata(title="Twelve cards in a cell"), stages=stages, lanes=lanes, cards=cards)


def wide(stages: int = 30, lanes: int = 4) -> JourneyMap:
    stage_list, lane_list = _frame(stages, lanes)
    cards = [Card(id=f"c{s}-{lane}", stage_id=f"s{s}", lane_id=f"l{lane}", text=long_text(6, 10 * s + lane))
             for s in range(stages) for lane in range(lanes)]
    return JourneyMap(metadata=Metadata(title=f"{stages} stages"), stages=stage_list, lanes=lane_list, cards=cards)


def tall() -> JourneyMap:
    return wide(4, 15).model_copy(update={"metadata": Metadata(title="15 lanes")})


def scripts() -> JourneyMap:
    stages, lanes = _frame(len(SCRIPTS), 2, (LaneKind.ACTIONS, LaneKind.EMOTIONS))
    stages = [stage.model_copy(update={"name": name}) for stage, name in zip(stages, SCRIPTS, strict=True)]
    cards = [Card(id=f"c{i}", stage_id=f"s{i}", lane_id="l0", text=text) for i, text in enumerate(SCRIPTS.values())]
    emotions = [EmotionPoint(stage_id="s3", lane_id="l1", value=-1, label="قلق"),
                EmotionPoint(stage_id="s4", lane_id="l1", value=1, label="שמח")]
    return JourneyMap(metadata=Metadata(title="Scripts"), stages=stages, lanes=lanes, cards=cards, emotions=emotions)


def empty() -> JourneyMap:
    return JourneyMap(metadata=Metadata(title="Empty map"))


def persona_only() -> JourneyMap:
    persona = Persona(name="Dana Levi", role="Small business owner", quote="I just want it to work.",
                      goals=["Pay suppliers on time"], frustrations=["Hold music"])
    return JourneyMap(metadata=Metadata(title="Persona only"), personas=[persona])


ALL = {"long_texts": long_texts, "crowded_cell": crowded_cell, "wide": wide, "tall": tall, "scripts": scripts,
       "empty": empty, "persona_only": persona_only}
