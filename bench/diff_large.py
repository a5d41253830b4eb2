"""Time `journey-canvas diff` and `check` on a 2,400-card map, beside `info` (reading alone) as the baseline.

    python bench/diff_large.py

Prints seconds per whole process and the ratio to the baseline, for: diff by id, diff of a
re-imported copy (every id fresh: matching by name and text), and check (which lays the map out).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.io.journey.file import save_journey  # noqa: E402
from app.model import Card, JourneyMap, Lane, LaneKind, Stage, new_id  # noqa: E402

WORDS = ["customer", "plan", "price", "bill", "coverage", "signal", "app", "store", "support", "chat", "order",
         "number", "transfer", "review"]


def big_map(stages: int = 12, lanes: int = 10, cards: int = 2400, seed: int = 1) -> JourneyMap:
    rng = random.Random(seed)
    stage_list = [Stage(name=f"Stage {i}") for i in range(stages)]
    kinds = list(LaneKind)
    lane_list = [Lane(name=f"Lane {i}", kind=kinds[i % len(kinds)] if kinds[i % len(kinds)] != LaneKind.EMOTIONS
                      else LaneKind.TEXT) for i in range(lanes)]
    card_list = [Card(stage_id=rng.choice(stage_list).id, lane_id=rng.choice(lane_list).id,
                      text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))) for _ in range(cards)]
    return JourneyMap(stages=stage_list, lanes=lane_list, cards=card_list)


def edited(journey: JourneyMap, fresh_ids: bool) -> JourneyMap:
    data = journey.model_dump(mode="json")
    rng = random.Random(2)
    for card in rng.sample(data["cards"], 40):
        card["text"] += " (edited)"
    del data["cards"][::100]
    text = json.dumps(data)
    if fresh_ids:
        for item in [*journey.stages, *journey.lanes, *journey.cards]:
            text = text.replace(f'"{item.id}"', f'"{new_id()}"')
    return JourneyMap.model_validate_json(text)


def timed(*args: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base, same_ids, fresh = (Path(folder) / name for name in ("a.journey", "b.journey", "c.journey"))
        journey = big_map()
        save_journey(journey, base)
        save_journey(edited(journey, False), same_ids)
        save_journey(edited(journey, True), fresh)
        baseline = timed("info", str(base))
        print(f"{'info (baseline)':28} {baseline:6.2f} s  1.00x")
        for label, args in (("diff, ids kept", ("diff", str(base), str(same_ids))),
                            ("diff, fresh ids (by text)", ("diff", str(base), str(fresh))),
                            ("check", ("check", str(base)))):
            seconds = timed(*args)
            print(f"{label:28} {seconds:6.2f} s  {seconds / baseline:4.2f}x")


if __name__ == "__main__":
    main()
