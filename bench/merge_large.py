"""Time `journey-canvas merge` of two edited copies of a large map, beside `info` (reading alone).

    python bench/merge_large.py [--cards 2400] [--runs 3]

Both copies change 5 % of the cards (text on one side, votes and tags on the other), add 50 cards,
delete 20, move 30 to other cells; ours reorders the stages. Prints seconds per whole process (best
of N) and the ratio to reading the three files with `info`.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from diff_large import big_map  # noqa: E402

from app.io.journey.file import save_journey  # noqa: E402
from app.model import Card, JourneyMap  # noqa: E402


def edited(base: JourneyMap, side: str, seed: int) -> JourneyMap:
    rng = random.Random(seed)
    copy = base.model_copy(deep=True)
    for card in rng.sample(copy.cards, len(copy.cards) // 20):
        if side == "ours":
            card.text += " (workshop)"
        else:
            card.votes += 1
            card.tags = [*card.tags, "office"]
    for card in rng.sample(copy.cards, 30):
        card.stage_id = rng.choice(copy.stages).id
    gone = {c.id for c in rng.sample(copy.cards, 20)}
    copy.cards = [c for c in copy.cards if c.id not in gone]
    copy.cards += [Card(stage_id=rng.choice(copy.stages).id, lane_id=rng.choice(copy.lanes).id,
                        text=f"{side} idea {i}") for i in range(50)]
    if side == "ours":
        copy.stages = copy.stages[::-1]
    return JourneyMap.model_validate(copy.model_dump())


def best(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=2400)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = big_map(stages=12, cards=options.cards)
        paths = [Path(folder) / f"{name}.journey" for name in ("base", "ours", "theirs")]
        for journey, path in zip((base, edited(base, "ours", 1), edited(base, "theirs", 2)), paths, strict=True):
            save_journey(journey, path)
        merge = best(["merge", *map(str, paths), "-o", str(Path(folder) / "out.journey")], options.runs)
        info = sum(best(["info", str(path)], options.runs) for path in paths)
        print(f"{options.cards} cards: merge {merge:.2f} s, info x3 {info:.2f} s, ratio {merge / info:.2f}")


if __name__ == "__main__":
    main()
