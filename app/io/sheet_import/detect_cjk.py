"""Keywords in Chinese, Japanese and Korean, matched anywhere in a label (these scripts run words together).

Latin and Cyrillic keywords are matched at word starts (`detect_lane_kinds.KeywordTable`); a CJK label
such as "顧客の行動" has no spaces to start a word at, so its keywords are found as substrings, the
earliest in the text first.
"""

from __future__ import annotations

import functools
import re
import unicodedata


@functools.cache
def _cjk() -> re.Pattern[str]:
    """Compiled on first use: the class spans some 40,000 code points, which costs re's compiler milliseconds."""
    return re.compile("[\u1100-\u11ff\u3130-\u318f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    """Whether a text holds any Chinese, Japanese (kana, kanji) or Korean (Hangul) character."""
    return not text.isascii() and _cjk().search(text) is not None


class SubstringTable:
    """Keywords found anywhere in a text: the one that starts earliest wins, then the longest, then table order."""

    def __init__(self, table: dict[object, tuple[str, ...]]) -> None:
        self.entries = [(unicodedata.normalize("NFKD", word), order, key)
                        for order, (key, words) in enumerate(table.items()) for word in words]
        self.entries.sort(key=lambda e: -len(e[0]))

    def first(self, text: str) -> object | None:
        """The key of the keyword found earliest in `text` (folded: NFKD, as `fold` leaves CJK text)."""
        best: tuple[int, int, int] | None = None
        found = None
        for word, order, key in self.entries:
            at = text.find(word)
            if at < 0:
                continue
            rank = (at, -len(word), order)
            if best is None or rank < best:
                best, found = rank, key
        return found


LANE_WORDS: dict[str, tuple[str, ...]] = {  # LaneKind values (no import: this module sits below the model's users)
    "pain_points": ("課題", "问题", "問題", "痛点", "痛點", "ペイン", "不満", "困りごと", "困った", "難点", "难点",
                    "페인", "문제", "불편", "고충", "어려움"),
    "opportunities": ("改善", "機会", "机会", "機會", "改进", "改進", "アイデア", "施策", "解決策", "解决方案", "对策",
                      "개선", "기회", "아이디어", "해결"),
    "emotions": ("感情", "気持ち", "情绪", "情緒", "感受", "心情", "満足度", "满意度", "滿意度", "感觉", "感覺",
                 "감정", "기분", "만족도", "느낌"),
    "thoughts": ("思考", "考え", "想法", "思って", "思い", "心の声", "想什么", "在想", "생각"),
    "touchpoints": ("タッチポイント", "接点", "接触点", "触点", "觸點", "渠道", "チャネル", "チャンネル", "터치포인트",
                    "접점", "채널"),
    "kpis": ("指標", "指标", "지표"),
    "actions": ("行動", "行为", "行為", "活動", "活动", "アクション", "動作", "做什么", "すること", "행동", "활동",
                "하는 일", "행위"),
}

STAGE_WORDS = ("ステージ", "段階", "フェーズ", "阶段", "階段", "단계", "스테이지", "ステップ", "步骤")

FEELING_WORDS: dict[float, tuple[str, ...]] = {
    1.0: ("大満足", "感動", "最高", "非常满意", "兴奋", "興奮", "매우 만족", "감동", "최고"),
    0.5: ("嬉しい", "うれしい", "楽しい", "満足", "期待", "安心", "わくわく", "ワクワク", "開心", "开心", "高兴",
          "高興", "满意", "滿意", "好奇", "기쁨", "기쁘", "만족", "기대", "안심", "행복", "즐거", "호기심"),
    0.0: ("普通", "ふつう", "一般", "平静", "보통", "무난"),
    -0.5: ("不安", "困惑", "迷う", "迷い", "面倒", "心配", "焦虑", "担心", "擔心", "失望", "迷茫", "困惑", "불안",
           "걱정", "혼란", "실망", "귀찮"),
    -1.0: ("不満", "怒り", "イライラ", "いらいら", "最悪", "愤怒", "憤怒", "生气", "沮丧", "沮喪", "烦躁", "짜증",
           "화남", "화가", "분노", "최악"),
}

LANES = SubstringTable(LANE_WORDS)  # type: ignore[arg-type]
STAGES = SubstringTable({True: STAGE_WORDS})
FEELINGS = SubstringTable(FEELING_WORDS)  # type: ignore[arg-type]
