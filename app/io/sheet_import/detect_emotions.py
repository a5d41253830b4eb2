"""Read emotion scores from cells: numbers in any scale, feeling words, emoji faces and pictures.

Words and emoji carry a value on -1 (worst) .. +1 (best) and are placed on the map's scale;
numbers keep their own scale (1-5 stays 1-5, 0-100 stays 0-100).
"""

from __future__ import annotations

import functools
import re

from app.io.sheet_import.date_format import ShownDate
from app.io.sheet_import.detect_cjk import FEELINGS, has_cjk
from app.io.sheet_import.detect_lane_kinds import KeywordTable, fold
from app.io.sheet_import.grid import Value
from app.io.sheet_import.number_format import ShownNumber

# value on -1..+1 for words (folded, matched as word prefixes) in EN, PT, ES, FR, DE, IT, RU
_WORDS: dict[float, tuple[str, ...]] = {
    1.0: ("delighted", "very happy", "thrilled", "excited", "ecstatic", "love", "amazed", "encantad", "empolgad",
          "emocionad", "ravi", "enchante", "begeistert", "entusiast", "entzuckt", "восторг", "в восторге", "dolblij",
          "enthousiast",
          # Hebrew, Arabic
          "נלהב", "מאושר", "מתלהב", "متحمس", "مبتهج",
          # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
          "zachwycon", "bayıl", "begeistret", "ihastu", "nadšen", "senang sekali", "rất vui"),
    0.5: ("happy", "satisfied", "pleased", "glad", "optimistic", "hopeful", "hoping", "eager",
          "relieved", "confident", "motivated",
          "curious", "interested", "positive", "good", "great", "content", "feliz", "satisfeit", "otimista",
          "esperancos", "contento", "satisfecho", "optimista", "ilusionad", "heureux", "heureuse", "satisfait",
          "optimiste", "glucklich", "zufrieden", "froh", "optimistisch", "felice", "soddisfatt", "ottimista",
          "счастлив", "доволен", "довольн", "рад", "оптимист", "интерес", "мотивир",
          "curios", "alegre", "animad", "confiad", "ilusion", "sorprendid", "curieu", "soulag", "confiant",
          "neugierig", "gespannt", "erleichtert", "sollevat", "fiducios", "blij", "tevreden", "nieuwsgierig",
          "opgelucht", "любопыт", "aliviad", "esperanzad", "agradecid",
          "orgullos", "tranquilizad", "grateful", "proud", "dankbar", "reassured", "positiv", "positif",
          "positief",
          # Hebrew, Arabic
          "שמח", "שמחה", "מרוצה", "סקרן", "סקרנית", "אופטימי", "רגוע", "מרגיש טוב",
          "سعيد", "سعيدة", "راض", "راضي", "راضية", "مسرور", "فضولي", "مرتاح", "متفائل", "واثق",
          "impressed", "amused", "trusting", "encouraged", "empowered", "comfortable", "valued", "appreciated",
          "impressionn", "rassure", "serein", "beeindruckt", "impresionad", "impressionad",
          # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
          "szczęśliw", "zadowolon", "ciekaw", "nyfik", "nysgjerrig", "nysgerrig", "zvedav", "utelias", "kivancsi",
          "penasaran", "to mo",
          "mutlu", "memnun", "merakl", "nojd", "tilfreds", "fornøjet", "stastn",
          "spokojen", "iloinen", "tyytyvai", "boldog", "elegedett", "щаслив", "задоволен", "χαρουμεν",
          "ικανοποιημεν", "senang", "puas", "vui", "hai long"),
    0.0: ("neutral", "ok", "okay", "indifferent", "calm", "neutro", "neutra", "tranquil", "neutre", "calme",
          "neutral", "ruhig", "нейтрал", "спокоин", "нормально", "neutraal", "rustig", "normal",
          # Hebrew, Arabic
          "ניטרלי", "אדיש", "בסדר", "محايد", "عادي",
          "meh", "so so", "ambivalent", "pensive", "mitigad", "mitige", "gemischt",
          # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
          "neutraln", "nøytral", "neutrální", "semleges", "нейтральн", "ουδετερ", "biasa", "bình thuong"),
    -0.5: ("confused", "nervous", "worried", "anxious", "concerned", "uncertain", "unsure", "bored", "dilemma",
           "disappointed", "sad", "bad", "poor",
           "unhappy", "negative", "scared", "stressed", "impatient", "annoyed", "confus", "preocupad", "nervos",
           "ansios", "triste", "decepcionad", "inquiet", "decu", "verwirrt", "besorgt", "nervos", "traurig",
           "enttauscht", "preoccupat", "deluso", "растерян", "волну", "беспоко", "трев", "грус", "разочаров",
           "сомнева", "скучн",
           "aburrid", "perdid", "insegur", "cansad", "agobiad", "perdu", "incertain", "unsicher", "verunsichert",
           "gelangweilt", "annoiat", "incert", "verward", "teleurgesteld", "bezorgd", "onzeker", "verveeld",
           "confundid",
           "asustad", "estresad", "overwhelmed", "lost", "abrumad", "uberfordert", "gestresst", "negativ", "negatif",
           "negatief", "dissatisfied", "unsatisfied", "insatisfeit", "insatisfech", "insatisfait", "mecontent",
           "unzufrieden", "ontevreden", "insoddisfatt",
          # Hebrew, Arabic
          "מבולבל", "מבולבלת", "מודאג", "דואג", "עצוב", "מאוכזב", "לחוץ", "חושש", "משועמם",
          "محتار", "مرتبك", "قلق", "حزين", "خائف", "متوتر", "منزعج", "ملل",
          "hesit", "skeptic", "sceptic", "sceptique", "esceptic", "skeptisch", "dudos", "indecis",
          "zogerlich", "doubt", "suspicious", "mefian", "mefiant", "desconfiad", "misstrauisch", "zweifel",
          "dubbios", "embarrass", "ashamed", "lonely", "tired", "exhausted", "stuck", "helpless", "vulnerable",
          "uncomfortable", "insecure", "hesitant", "cansad", "fatigue", "inseguro", "rushed", "hurried",
          # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
          "zdezorientowan", "zaniepokojon", "rozczarowan", "endiseli", "kafası karış", "hayal kırık", "forvirr",
          "orolig", "bekymr", "zmaten", "zklaman", "hammentyn", "pettyny", "zavart", "csalodott", "розчарован",
          "μπερδεμεν", "απογοητευμεν", "bingung", "kecewa", "khó chiu", "boi roi", "that vong", "lo lang"),
    -1.0: ("frustrated", "angry", "furious", "hate", "desperate", "terrible", "awful", "upset", "frustrad",
           "irritad", "raiva", "enojad", "furios", "frustre", "en colere", "frustriert", "wutend", "verargert",
           "arrabbiat", "злост", "злой", "зол", "раздраж", "фрустр", "в ярости",
           "enfadad", "molest", "enojo", "enerve", "agace", "genervt", "argerlich", "gefrustreerd", "boos",
           "geergerd", "woedend",
          # Hebrew, Arabic
          "מתוסכל", "מתוסכלת", "כועס", "כועסת", "עצבני", "זועם", "محبط", "غاضب", "غاضبة", "مستاء", "غضب",
          "irritated", "exasperat", "outraged", "disgusted", "panic", "betrayed", "furieu", "emporte",
          # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
          "zły", "arg", "wściekł", "sfrustrowan", "kızgın", "sinirli", "frustrer", "vred", "nastvan", "frustrovan",
          "vihainen", "turhautu", "duhos", "frusztral", "злий", "θυμωμεν", "marah", "frustrasi", "tuc gian"),
}

_EMOJI: dict[str, float] = {}
for _chars, _value in (
    ("😍🤩🥰😆😂🥳", 1.0),
    ("😀😃😄😁😊🙂☺👍😌😎🤗", 0.5),
    ("😐😶🤔😑", 0.0),
    ("😕🙁😟😬😳😧😨😰😢😔😞😒🤨😯🙄😥🤦", -0.5),
    ("☹😭😠😡🤬😤😩😫😖😣👎😱💔", -1.0),
):
    for _char in _chars:
        _EMOJI[_char] = _value

_NUMBER = re.compile(r"^[+\-−]?\d+(?:[.,]\d+)?\s*%?$")


def parse_number(value: Value) -> float | None:
    """4, '4', '9.0', '7,3', '-2', '+3', '80%' -> float; anything else None. A number cell counts as the sheet
    shows it: 0.8 shown as '80%' is 80, as the text '80%' is. A date is none, whatever digits it shows ('5', '2026')."""
    if isinstance(value, bool | ShownDate):
        return None
    if isinstance(value, ShownNumber):
        return value.displayed
    if isinstance(value, int | float):
        return float(value)
    text = value.strip()
    if len(text) > 20:  # no number is this long (a card's text usually is)
        return None
    text = text.replace("−", "-")
    if not _NUMBER.match(text):
        return None
    text = text.rstrip("%").strip().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def card_number(text: str, cell: Value | None) -> float | None:
    """A card's number: its cell's when the card is that number as the sheet shows it ('$1,200.00'), else its
    text read as one."""
    if isinstance(cell, ShownNumber) and cell.shown == text:
        return cell.displayed
    if isinstance(cell, ShownDate):  # '5' shown for the 5th of a month: a date, not a number
        return None
    return parse_number(text)


_RATING = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(?:/|out of|of|von|sur|de|su|из|van)\s*(\d+)$", re.IGNORECASE)
_STARS = "★⭐✩☆"


def _lone_marks(values: list[Value]) -> bool:
    """Every value one star ('★' under the stages that are moments of truth): marks, not ratings of one."""
    return all(isinstance(v, str) and len(v.strip()) == 1 for v in values)


def ratings(values: list[Value]) -> list[float] | None:
    """A row of ratings written as '2/5', '4 out of 5' or stars ('★★★☆☆') all out of the same number, as
    scores ('2/5' -> 2); None unless every value is one."""
    found: list[float] = []
    outs = set()
    if _lone_marks(values):
        return None
    for value in values:
        if isinstance(value, ShownDate):  # '1/5' shown for the 5th of January: a date, not one of five
            return None
        text = value.strip() if isinstance(value, str) else ""
        if text and all(ch in _STARS for ch in text.replace(" ", "")):
            full = sum(ch in "★⭐" for ch in text)
            found.append(float(full))
            outs.add(len(text.replace(" ", "")) if "☆" in text or "✩" in text else None)
            continue
        match = _RATING.match(text.replace("−", "-")) if len(text) <= 20 else None
        if match is None:
            return None
        number, out = float(match.group(1).replace(",", ".")), int(match.group(2))
        if not 0 <= number <= out or out < 2:
            return None
        found.append(number)
        outs.add(out)
    outs.discard(None)
    return found if len(found) >= 2 and len(outs) <= 1 else None


_SIGNS = re.compile(r"^(?:\+{1,3}|[-−–]{1,3}|0|o|±|\+/-|\+-)$")


def sign_scores(values: list[Value]) -> list[float] | None:
    """A row of feelings written as signs ('++', '+', '0', '-', '--'), on -1..+1 by the longest run of one sign
    ('++' is +1 beside '+' and '--'); None unless every value is one and both signs occur (a lone '-' or '--'
    elsewhere is a placeholder)."""
    texts = [(str(int(v)) if isinstance(v, int | float) and not isinstance(v, bool) and v == 0 else
              v.strip() if isinstance(v, str) else "") for v in values]
    if len(texts) < 2 or not all(_SIGNS.match(t) for t in texts):
        return None
    runs = [t.count("+") - sum(t.count(ch) for ch in "-−–") if t not in ("±", "+/-", "+-") else 0 for t in texts]
    if max(runs) <= 0 or min(runs) >= 0:
        return None
    longest = max(abs(n) for n in runs)
    return [n / longest for n in runs]


@functools.cache
def _one_number() -> re.Pattern[str]:
    return re.compile(r"(?<![\w.,/])[+\-−]?\d+(?:[.,]\d+)?(?![\w.,%/:]*\d)(?![\w%/])")


_LABEL_EDGES = " \t()[]{}:;,.-–—=|/"


def labelled_number(text: str) -> tuple[float, str] | None:
    """A score written with a label in one cell: 'Maya -1', '+2 relieved', '3 (happy)', '-1: worried'
    -> (number, label); None when the cell holds no number, several numbers, or the number sits inside
    the words ('Step 3 of the form')."""
    text = text.strip().replace("−", "-")
    if len(text) > 60 or "\n" in text:
        return None
    found = list(_one_number().finditer(text))
    digits = re.findall(r"\d+(?:[.,]\d+)?", text)
    if len(found) != 1 or len(digits) != 1:
        return None
    match = found[0]
    before, after = text[:match.start()].strip(_LABEL_EDGES), text[match.end():].strip(_LABEL_EDGES)
    if before and after:
        return None
    label = before or after
    if not label or not any(ch.isalpha() for ch in label) or len(label) > 40:
        return None
    number = parse_number(match.group())
    return None if number is None else (number, label)


_WORD_TABLE = KeywordTable(dict(_WORDS))  # type: ignore[arg-type]


_EMOTICONS: dict[str, float] = {face: value for faces, value in (
    ((":D", ":-D", "xD", "XD", "<3", "=D"), 1.0),
    ((":)", ":-)", "(:", "=)", ";)", ";-)", ":]", "^^", "^_^"), 0.5),
    ((":|", ":-|", "-_-", ":I"), 0.0),
    ((":(", ":-(", "):", "=(", ":/", ":-/", ":\\", ":S", ":s", ":[", ">_<"), -0.5),
    ((":'(", ":'-(", "D:", ">:(", ">:-(", ":@", "x(", "X("), -1.0),
) for face in faces}
"""Text faces typed in a cell ("Emotions | :) | :| | :D"), as the emoji they stand for."""


def word_value(text: str) -> float | None:
    """A feeling named in text (first one found wins), or an emoji or text face, on -1..+1; None if neither."""
    for char in text:
        if char in _EMOJI:
            return _EMOJI[char]
    for token in text.split():
        if token in _EMOTICONS:
            return _EMOTICONS[token]
    folded = fold(text)
    if not folded:
        return None
    value = _WORD_TABLE.first(folded)
    if value is None and has_cjk(folded):
        value = FEELINGS.first(folded)
    if value is None:
        return None
    if folded.startswith(("not ", "nao ", "no ", "pas ", "nicht ", "non ", "не ")):
        return -value
    if abs(value) == 0.5 and folded.startswith(_STRONGER):  # "very positive", "extremely annoyed"
        return value * 2
    return value


_STRONGER = ("very ", "extremely ", "really ", "super ", "highly ", "so ", "muito ", "muy ", "tres ", "sehr ",
             "molto ", "очень ", "zeer ", "erg ")


_LEVELS = {fold(word): value for words, value in (
    (("very high", "very good", "muy alto", "muy alta", "sehr hoch", "tres eleve", "очень высокий"), 1.0),
    (("high", "alto", "alta", "hoch", "eleve", "elevee", "elevato", "elevata", "hoog", "высокий", "высокая"), 0.5),
    (("medium", "moderate", "average", "medio", "media", "mittel", "moyen", "moyenne", "gemiddeld", "средний",
      "средняя"), 0.0),
    (("low", "bajo", "baja", "baixo", "baixa", "niedrig", "faible", "basso", "bassa", "laag", "низкий",
      "низкая"), -0.5),
    (("very low", "muy bajo", "muy baja", "sehr niedrig", "tres faible", "очень низкий"), -1.0),
) for word in words}
_NEGATIVE_MEASURES = ("frustrat", "anxiet", "stress", "pain", "effort", "fear", "worr", "anger", "friction",
                      "confusion", "difficult", "dolor", "angst", "ansied", "estres", "трев", "стресс")


def level_value(text: str, label: str) -> float | None:
    """'High' / 'Medium' / 'Low' in an emotions lane, on -1..+1: high is good under 'Satisfaction' or 'Mood', bad
    under 'Frustration' or 'Stress' (what the label measures); None for any other text."""
    value = _LEVELS.get(fold(text).strip(" .!"))
    if value is None:
        return None
    return -value if any(word in fold(label) for word in _NEGATIVE_MEASURES) else value


# traffic lights, as the coloured fills of `detect_colour_emotions` read: a feeling only in a lane named for one
# (elsewhere they rate anything: a status, a risk)
_TRAFFIC = {"🟢": 1.0, "✅": 1.0, "🟡": 0.0, "🟠": -0.5, "🔴": -1.0, "❌": -1.0}


def feeling_value(text: str, label: str) -> float | None:
    """A cell of an emotions lane labelled `label`, on -1..+1: a feeling word or face, a traffic light, else a
    level word."""
    found = word_value(text)
    if found is None and (light := text.strip()[:1]) in _TRAFFIC:
        return _TRAFFIC[light]
    return found if found is not None else level_value(text, label)


def picture_value(name: str, descr: str) -> float | None:
    """A picture named or described as a face ('😊', 'happy face') has a value; 'Picture 1' has none."""
    for text in (descr, name):
        if text:
            found = word_value(text)
            if found is not None:
                return found
    return None


_RANGE = re.compile(r"(?<![\d.,])([+\-−]?\d{1,3})\s*(?:-|–|—|\.\.|to|bis|a|à|até|до)\s*([+\-−]?\d{1,3})(?![\d.,])",
                    re.IGNORECASE)
_ENDS = re.compile(r"(?<![\d.,])([+\-−]?\d{1,3})\s*=")


def scale_in_label(label: str) -> tuple[float, float] | None:
    """The scale an emotions lane's label names: 'Feeling (1-7)', 'Score 0 to 10', 'Emotion (-2..+2)',
    'Emotion (1 = bad, 7 = great)'; None when it names none."""
    text = label.replace("−", "-")
    found = _RANGE.search(text)
    ends = [float(n) for n in _ENDS.findall(text)]
    if found is not None:
        low, high = float(found.group(1)), float(found.group(2))
    elif len(ends) >= 2:
        low, high = min(ends), max(ends)
    else:
        return None
    return (low, high) if high - low >= 2 else None


def detect_scale(numbers: list[float]) -> tuple[float, float]:
    """The scale a set of scores was written on: 1-5, -3..+3, 0-10, 0-100, ... (never narrower than the data)."""
    low, high = min(numbers), max(numbers)
    if low < 0:
        bound = next((b for b in (1, 2, 3, 5, 10, 100) if max(-low, high) <= b), max(-low, high))
        return (-float(bound), float(bound))
    if high <= 1 and any(0 < n < 1 for n in numbers):
        return (0.0, 1.0)
    if high <= 5:
        return (1.0 if low >= 1 else 0.0, 5.0)
    if high <= 7 and low >= 1 and all(n.is_integer() for n in numbers):
        return (1.0, 7.0)
    if high <= 10:
        return (0.0, 10.0)
    if high <= 100:
        return (0.0, 100.0)
    return (low, high) if low < high else (low - 1, high + 1)


def place_on_scale(unit_value: float, scale: tuple[float, float]) -> float:
    """-1..+1 -> the scale's range."""
    low, high = scale
    return low + (unit_value + 1) / 2 * (high - low)
