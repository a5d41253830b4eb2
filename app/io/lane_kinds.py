"""Guess what a lane holds from its label, and a touchpoint's channel from its text.

Keywords in English, Portuguese, Spanish, French, German, Italian and Russian are matched as
word prefixes on the label, lower-cased and without accents, so "Ações do usuário", "Doing (tasks)"
and "Барьеры" all find their kind. The first kind whose keyword appears earliest wins.
"""

from __future__ import annotations

import re
import unicodedata

from app.model.enums import Channel, LaneKind

_LANE_KEYWORDS: dict[LaneKind, tuple[str, ...]] = {
    LaneKind.PAIN_POINTS: (
        "pain", "painpoint", "problem", "frustrat", "barrier", "obstacle", "issue", "friction", "challenge",
        "dor", "dores", "barreira", "problema", "dificuldad", "dificuldade", "obstaculo", "frustracao",
        "frustracion", "punto de dolor", "puntos de dolor", "point de douleur", "points de douleur", "irritant",
        "frein", "schmerz", "hindernis", "barriere", "punti di dolore", "punto dolente", "punti dolenti",
        "criticita", "барьер", "боль", "боли", "проблем", "трудност", "препятств",
    ),
    LaneKind.OPPORTUNITIES: (
        "opportunit", "improvement", "idea", "solution", "recommendation", "future state", "insight", "fix",
        "oportunidad", "oportunidade", "melhoria", "mejora", "solucao", "solucion", "insumo",
        "opportunite", "amelioration", "chance", "verbesserung", "losung", "moglichkeit", "opportunita",
        "miglioramento", "soluzion", "возможност", "решени", "улучшени", "идеи",
    ),
    LaneKind.EMOTIONS: (
        "emotion", "feeling", "feel", "mood", "sentiment", "satisfaction", "experience score", "score",
        "emocao", "emocoes", "emocion", "sentimento", "sentimiento", "humor", "estado de animo", "satisfacao",
        "satisfaccion", "ressenti", "gefuhl", "stimmung", "zufriedenheit", "emozion", "sentiment", "umore",
        "soddisfazione", "эмоци", "чувств", "настроени", "удовлетвор", "ощущени",
    ),
    LaneKind.THOUGHTS: (
        "thought", "thinking", "think", "saying", "says", "quote", "mind", "question", "expectation",
        "pensamento", "pensando", "pensamiento", "piensa", "pensa", "dizendo", "diciendo", "cita",
        "pensee", "pense", "citation", "gedanke", "denkt", "denken", "zitat", "pensier", "pensa", "dice",
        "мысл", "думает", "цитат", "вопрос", "говорит",
    ),
    LaneKind.TOUCHPOINTS: (
        "touchpoint", "touch point", "touch-point", "channel", "contact", "interaction point", "device",
        "ponto de contato", "pontos de contato", "canal", "canais", "punto de contacto", "puntos de contacto",
        "point de contact", "points de contact", "kontaktpunkt", "beruhrungspunkt", "kanal", "kanale",
        "punto di contatto", "punti di contatto", "canale", "canali", "точк", "канал", "контакт",
    ),
    LaneKind.KPIS: (
        "kpi", "metric", "measure", "indicator", "importance", "metrica", "indicador", "importancia",
        "indicateur", "mesure", "kennzahl", "metrik", "indicatore", "misura", "метрик", "показател", "важност",
    ),
    LaneKind.ACTIONS: (
        "action", "doing", "does", "task", "activit", "step", "behavio", "process", "goal", "objective", "need",
        "acao", "acoes", "tarefa", "atividade", "fazendo", "accion", "tarea", "actividad", "haciendo", "hace",
        "objetivo", "tache", "activite", "aktion", "aufgabe", "tatigkeit", "handlung", "macht", "tut",
        "azion", "compito", "attivita", "fa", "obiettiv", "действи", "задач", "процесс", "делает", "шаг",
        "цель",
    ),
}

_STAGE_KEYWORDS = (
    "stage", "stages", "phase", "step", "steps", "journey", "jurney", "title_block", "etapa", "etapas", "fase",
    "fases", "passo", "estagio", "paso", "pasos", "etape", "etapes", "phasen", "schritt", "stufe", "tappa",
    "tappe", "passo", "этап", "этапы", "стади", "фаза", "шаг",
)
_STAGE_NAME_WORDS = (
    "awareness", "consideration", "purchase", "decision", "retention", "loyalty", "advocacy", "onboarding",
    "discover", "research", "evaluation", "acquisition", "usage", "use", "support", "renewal", "start",
    "finish", "end", "sign up", "checkout", "delivery", "feedback", "aware", "join", "leave", "interest",
    "conhecimento", "consideracao", "compra", "decisao", "fidelizacao", "descubrimiento", "consideracion",
    "decouverte", "achat", "fidelisation", "bewusstsein", "kauf", "consapevolezza", "acquisto",
    "осведомленност", "покупк", "выбор", "поиск",
)


def fold(text: str) -> str:
    """Lower case, accents removed, separators turned into spaces: 'Ações-do Usuário' -> 'acoes do usuario'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ё", "е").replace("й", "и")
    return " ".join(re.sub(r"[_\-/|()\[\]:;,.?!\"'«»“”]+", " ", stripped).split())


_NUMBERED = re.compile(r"^(step|task|stage|phase|etapa|fase|passo|paso|etape|schritt|tappa|шаг|этап|задача)\s*\d+$")


def is_numbered_step(label: str) -> bool:
    """'Step 2', 'Task 10', 'Etapa 3': a generic stage name, never a lane label."""
    return bool(_NUMBERED.match(fold(label)))


def guess_lane_kind(label: str) -> LaneKind:
    """The lane kind a label names, else TEXT."""
    folded = fold(label)
    if not folded or _NUMBERED.match(folded):
        return LaneKind.TEXT
    found = _first(_LANE_PATTERN, _LANE_OWNER, folded)
    return found if found is not None else LaneKind.TEXT


def lane_keyword_score(label: str) -> int:
    """1 if a label names a lane kind (used to tell lane labels from stage names), else 0."""
    return int(guess_lane_kind(label) != LaneKind.TEXT)


def is_stage_label(label: str) -> bool:
    """Whether a header cell says 'the stages are here' (Stage, Journey Stage, Etapa/Fase, TITLE_BLOCK...)."""
    folded = fold(label)
    if not folded or len(folded) > 40:
        return False
    return _STAGE_PATTERN.search(folded) is not None


def stage_name_score(name: str) -> int:
    """1 if a name is a typical journey stage name (Awareness, Compra, Покупка...), else 0."""
    folded = fold(name)
    if not folded or len(folded) > 40:
        return 0
    if _NUMBERED.match(folded):
        return 1
    return int(_STAGE_NAME_PATTERN.search(folded) is not None)


_CHANNEL_KEYWORDS: dict[Channel, tuple[str, ...]] = {
    Channel.MOBILE_APP: ("app", "apps", "mobile", "aplicativo", "aplicacion", "applicazione", "application mobile",
                         "приложени", "смартфон", "ios", "android"),
    Channel.EMAIL: ("email", "e mail", "mail", "newsletter", "correo", "почт", "письм"),
    Channel.CHAT: ("chat", "whatsapp", "messenger", "chatbot", "telegram", "sms", "чат", "смс"),
    Channel.PHONE: ("phone", "call", "telephone", "telefone", "telefono", "hotline", "call center", "звон",
                    "телефон", "колл"),
    Channel.SOCIAL_MEDIA: ("social", "instagram", "facebook", "twitter", "linkedin", "tiktok", "youtube", "imgur",
                           "redes sociais", "redes sociales", "reseaux sociaux", "социальн", "соцсет"),
    Channel.SEARCH: ("search", "google", "seo", "busca", "busqueda", "recherche", "suche", "ricerca", "поиск"),
    Channel.ADVERTISING: ("ad", "ads", "advert", "banner", "campaign", "anuncio", "pubblicita", "publicidad",
                          "publicite", "werbung", "реклам"),
    Channel.IN_STORE: ("store", "shop", "branch", "counter", "loja", "tienda", "magasin", "geschaft", "negozio",
                       "face to face", "in person", "салон", "офис", "магазин"),
    Channel.WORD_OF_MOUTH: ("word of mouth", "friend", "referral", "recommend", "boca a boca", "bouche a oreille",
                            "passaparola", "сарафан", "друз"),
    Channel.PRINT_MAIL: ("print", "letter", "flyer", "brochure", "poster", "cardstock", "envelope", "impresso",
                         "carta", "courrier", "brief", "cartellon", "листовк"),
    Channel.EVENT: ("event", "conference", "webinar", "fair", "evento", "evenement", "veranstaltung",
                    "мероприят"),
    Channel.WEBSITE: ("website", "web", "site", "online", "portal", "page", "sitio", "pagina", "webseite",
                      "сайт", "интернет"),
}


def _prefold(words: tuple[str, ...]) -> tuple[str, ...]:
    """Fold keywords once at import, like the labels they are matched against."""
    return tuple(fold(w) for w in words)


def _alternation(words: list[str]) -> str:
    """Keywords that start a word; short ones (three letters or fewer) must be whole words."""
    parts = [re.escape(w) + ("(?![^\\W_])" if len(w.strip()) <= 3 else "") for w in words]
    return "(?<![^\\W_])(?:" + "|".join(parts) + ")"


def _table_pattern(table: dict) -> tuple[re.Pattern[str], dict[str, object]]:
    """One regex for a keyword table: the leftmost match wins, then the table's order."""
    owner: dict[str, object] = {}
    groups = []
    for n, (key, words) in enumerate(table.items()):
        name = f"k{n}"
        owner[name] = key
        groups.append(f"(?P<{name}>{_alternation(list(_prefold(words)))})")
    return re.compile("|".join(groups)), owner


def _first(pattern: re.Pattern[str], owner: dict[str, object], folded: str):  # noqa: ANN202
    match = pattern.search(folded)
    return owner[match.lastgroup] if match is not None and match.lastgroup else None


_LANE_PATTERN, _LANE_OWNER = _table_pattern(_LANE_KEYWORDS)
_CHANNEL_PATTERN, _CHANNEL_OWNER = _table_pattern(_CHANNEL_KEYWORDS)
_STAGE_PATTERN = re.compile(_alternation(list(_prefold(_STAGE_KEYWORDS))))
_STAGE_NAME_PATTERN = re.compile(_alternation(list(_prefold(_STAGE_NAME_WORDS))))


def guess_channel(text: str) -> Channel | None:
    """The channel a touchpoint's text names first (by position in the text), or None."""
    return _first(_CHANNEL_PATTERN, _CHANNEL_OWNER, fold(text))
