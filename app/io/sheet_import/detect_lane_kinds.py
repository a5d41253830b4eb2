"""Guess what a lane holds from its label, and a touchpoint's channel from its text.

Keywords in English, Portuguese, Spanish, French, German, Italian, Russian, Dutch, Hebrew, Arabic and a few words
of Polish, Turkish, the Scandinavian languages, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian and
Vietnamese are matched as word prefixes on the label, lower-cased and without accents, so "Ações do usuário",
"Doing (tasks)" and "Барьеры" all find their kind. The first kind whose keyword appears earliest wins.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from app.io.sheet_import import detect_cjk as cjk_words
from app.io.sheet_import.detect_cjk import has_cjk
from app.model.enums import Channel, LaneKind

_LANE_KEYWORDS: dict[LaneKind, tuple[str, ...]] = {
    LaneKind.PAIN_POINTS: (
        "pain", "painpoint", "problem", "frustrat", "barrier", "obstacle", "issue", "friction", "challenge",
        "dor", "dores", "barreira", "problema", "dificuldad", "dificuldade", "obstaculo", "frustracao",
        "frustracion", "punto de dolor", "puntos de dolor", "point de douleur", "points de douleur", "irritant",
        "frein", "schmerz", "hindernis", "barriere", "punti di dolore", "punto dolente", "punti dolenti",
        "criticita", "барьер", "боль", "боли", "проблем", "трудност", "препятств",
        "pijnpunt", "knelpunt", "ergernis", "schmerzpunkt", "hurde", "probleem", "problemen",
        # Hebrew, Arabic
        "נקודות כאב", "נקודת כאב", "כאב", "כאבים", "בעיות", "בעיה", "קשיים", "חסמים", "תסכול", "نقاط الألم",
        "نقطة الألم", "الألم", "ألم", "المشاكل", "مشاكل", "مشكلة", "المشكلات", "الصعوبات", "صعوبات", "العوائق",
        # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
        "bolaczk", "trudnosc", "sorun", "acı nokta", "smartpunkt", "smertepunkt", "ongelm", "kipupist",
        "fajdalompont", "προβλημ", "masalah", "kendala", "van đe",
    ),
    LaneKind.OPPORTUNITIES: (
        "opportunit", "improvement", "idea", "solution", "recommendation", "future state", "insight", "fix",
        "oportunidad", "oportunidade", "melhoria", "mejora", "solucao", "solucion", "insumo",
        "opportunite", "amelioration", "chance", "verbesserung", "losung", "moglichkeit", "opportunita",
        "miglioramento", "soluzion", "возможност", "решени", "улучшени", "идеи",
        "kansen", "verbeter", "ideeen", "ideen", "idee", "oplossing", "chancen", "massnahme",
        # Hebrew, Arabic
        "הזדמנו", "שיפור", "שיפורים", "רעיונות", "פתרונות", "الفرص", "فرص", "فرصة", "التحسين", "تحسين",
        "التحسينات", "الحلول", "حلول",
        # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
        "szans", "mozliwosc", "fırsat", "mojlighet", "forbattring", "mulighed", "mulighet", "prilezitost", "zlepsen",
        "mahdollisuu", "lehetoseg", "можливост", "ευκαιρ", "peluang", "co hoi",
    ),
    LaneKind.EMOTIONS: (
        "emotion", "feeling", "feel", "felt", "mood", "sentiment", "satisfaction", "experience score", "score",
        "emocao", "emocoes", "emocion", "sentimento", "sentimiento", "humor", "estado de animo", "satisfacao",
        "satisfaccion", "ressenti", "gefuhl", "stimmung", "zufriedenheit", "emozion", "sentiment", "umore",
        "soddisfazione", "эмоци", "чувств", "настроени", "удовлетвор", "ощущени",
        "gevoel", "emotie", "beleving", "estado emocional",
        # Hebrew, Arabic
        "רגש", "רגשות", "רגשי", "תחוש", "הרגשה", "שביעות רצון", "מצב רוח", "المشاعر", "مشاعر", "العواطف", "عواطف",
        "الشعور", "شعور", "الرضا", "رضا", "المزاج",
        # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
        "emocj", "uczuci", "odczuci", "duygu", "kansl", "følelse", "emoce", "pocit", "tunte", "tunne", "erzelm",
        "емоці", "почутт", "συναισθ", "emosi", "perasaan", "cam xuc",
    ),
    LaneKind.THOUGHTS: (
        "thought", "thinking", "think", "saying", "says", "quote", "mind", "question", "expectation",
        "pensamento", "pensando", "pensamiento", "piensa", "pensa", "dizendo", "diciendo", "cita",
        "pensee", "pense", "citation", "gedanke", "denkt", "denken", "zitat", "pensier", "pensa", "dice",
        "мысл", "думает", "цитат", "вопрос", "говорит",
        "gedachte", "gedachten", "erwartung", "verwachting", "expectativa", "aspettativ", "attente",
        "מחשבות", "מחשבה", "ציטוט", "ציטוטים", "الأفكار", "أفكار", "يفكر", "الاقتباس", "اقتباس",  # Hebrew, Arabic
        # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
        "mysl", "dusunce", "tanke", "tankar", "myslenk", "ajatu", "gondolat", "думк", "σκεψ", "pikiran", "suy nghi",
    ),
    LaneKind.TOUCHPOINTS: (
        "touchpoint", "touch point", "touch-point", "channel", "contact", "interaction point", "device",
        "ponto de contato", "pontos de contato", "canal", "canais", "punto de contacto", "puntos de contacto",
        "point de contact", "points de contact", "kontaktpunkt", "beruhrungspunkt", "kanal", "kanale",
        "punto di contatto", "punti di contatto", "canale", "canali", "точк", "канал", "контакт",
        "contactpunt", "contactmoment", "kanaal", "kanalen",
        # Hebrew, Arabic
        "נקודות מגע", "נקודת מגע", "נקודות המגע", "ערוצים", "ערוץ", "ממשק", "نقاط الاتصال", "نقطة الاتصال",
        "نقاط التواصل", "نقاط التفاعل", "القنوات", "قنوات", "قناة", "القناة",
        # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
        "punkty styku", "punkt styku", "punkty kontaktu", "kanał", "temas nokta", "berøringspunkt", "kontaktni bod",
        "kosketuspist", "kanav", "erintkezesi pont", "csatorn", "σημεια επαφης", "titik sentuh", "titik kontak",
        "saluran", "điem cham",
    ),
    LaneKind.KPIS: (
        "kpi", "kpis", "metric", "measure", "indicator", "importance", "metrica", "indicador", "importancia",
        "indicateur", "mesure", "kennzahl", "metrik", "indicatore", "misura", "метрик", "показател", "важност",
        "nps", "net promoter", "conversion rate", "churn rate", "bounce rate", "drop off rate",
        "abandonment rate", "completion rate", "success rate", "time on task", "tasa de conversion",
        "taux de conversion", "konversionsrate", "taxa de conversao",
        "מדדים", "מדד", "المؤشرات", "مؤشرات", "مؤشر", "المقاييس", "مقاييس",  # Hebrew, Arabic
        # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
        "wskaznik", "gosterge", "nyckeltal", "ukazatel", "mittari", "mutato", "показник", "δεικτ", "indikator",
        "chi so",
    ),
    LaneKind.ACTIONS: (
        "action", "doing", "does", "task", "activit", "step", "behavio", "process", "goal", "objective", "need",
        "acao", "acoes", "tarefa", "atividade", "fazendo", "accion", "tarea", "actividad", "haciendo", "hace",
        "objetivo", "tache", "activite", "aktion", "aufgabe", "tatigkeit", "handlung", "macht", "tut",
        "azion", "compito", "attivita", "fa", "obiettiv", "действи", "задач", "процесс", "делает", "шаг",
        "цель",
        "actie", "acties", "handeling", "handelingen", "activiteit", "aktivitat", "bedurfnis", "behoefte",
        "bisogn", "necesidad", "necessidade",
        # Hebrew, Arabic
        "פעולות", "פעולה", "פעילות", "משימות", "משימה", "מטרות", "מטרה", "الإجراءات", "إجراءات", "إجراء",
        "الأفعال", "أفعال", "الأنشطة", "أنشطة", "نشاط", "النشاط", "المهام", "مهام", "الأهداف", "أهداف", "هدف",
        # Polish, Turkish, Scandinavian, Czech, Finnish, Hungarian, Ukrainian, Greek, Indonesian, Vietnamese
        "działani", "czynnosc", "aktywnosc", "eylem", "aktivit", "faaliyet", "handlingar",
        "handlinger", "cinnost", "toimin", "tehtav", "tevekenyseg", "дії", "дія", "ενεργει", "tindakan", "aktivitas",
        "kegiatan", "hanh đong",
    ),
}

_STAGE_KEYWORDS = (
    "stage", "stages", "phase", "step", "steps", "journey", "jurney", "title_block", "etapa", "etapas", "fase",
    "fases", "passo", "estagio", "paso", "pasos", "etape", "etapes", "phasen", "schritt", "stufe", "tappa",
    "tappe", "passo", "этап", "этапы", "стади", "фаза", "шаг", "stap", "stappen", "fasen", "fasi",
    "etap", "etapy", "asama", "fas", "faser", "steg", "trin", "faze", "vaihe", "szakasz", "fazis", "етап", "етапи",
    "σταδιο", "φαση", "tahap", "tahapan", "giai đoan",
    "שלב", "שלבים", "השלב", "שלבי", "המסע", "المرحلة", "مرحلة", "المراحل", "مراحل", "الرحلة", "رحلة",
)
_STAGE_NAME_WORDS = (
    "awareness", "consideration", "purchase", "decision", "retention", "loyalty", "advocacy", "onboarding",
    "discover", "research", "evaluation", "acquisition", "usage", "use", "support", "renewal", "start",
    "finish", "end", "sign up", "checkout", "delivery", "feedback", "aware", "join", "leave", "interest",
    "conhecimento", "consideracao", "compra", "decisao", "fidelizacao", "descubrimiento", "consideracion",
    "decouverte", "achat", "fidelisation", "bewusstsein", "kauf", "consapevolezza", "acquisto",
    "осведомленност", "покупк", "выбор", "поиск",
)


# accents, and the vowel points and hamza marks of Hebrew and Arabic ('إجراء' and 'اجراء' are one word)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                        "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670]")
_SEPARATORS = re.compile(r"[_\-/|()\[\]:;,.?!\"'«»“”]+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, accents removed, separators turned into spaces: 'Ações-do Usuário' -> 'acoes do usuario'."""
    if text.isascii():
        return " ".join(_SEPARATORS.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = _COMBINING.sub("", decomposed)  # accents: NFKD splits them off as combining marks
    return " ".join(_SEPARATORS.sub(" ", stripped).split())


_NUMBERED = re.compile(r"^(step|task|stage|phase|etapa|fase|passo|paso|etape|schritt|tappa|шаг|этап|задача)\s*\d+$")


def is_numbered_step(label: str) -> bool:
    """'Step 2', 'Task 10', 'Etapa 3': a generic stage name, never a lane label."""
    return bool(_NUMBERED.match(fold(label)))


def guess_lane_kind(label: str) -> LaneKind:
    """The lane kind a label names, else TEXT: keywords at word starts, CJK terms anywhere, and the
    verb of a question ("¿Qué siente?", "What does the customer think?")."""
    folded = fold(label)
    if not folded or _NUMBERED.match(folded):
        return LaneKind.TEXT
    if is_question(label, folded):
        found = _QUESTION_TABLE.first(_without_auxiliaries(folded))
        if found is None:
            found = _LANE_TABLE.first(folded)
    else:
        found = _LANE_TABLE.first(folded)
    if found is None and has_cjk(folded):
        cjk = cjk_words.LANES.first(folded)
        found = LaneKind(cjk) if cjk is not None else None
    return found if found is not None else LaneKind.TEXT  # type: ignore[return-value]


_QUESTION_START = re.compile(r"^(what|how|which|why|where|who|que|o que|qu est ce|quoi|comment|como|was|wie|welche|"
                             r"cosa|che cosa|come|wat|hoe|что|как|какие|о чем)\b")
_AUXILIARIES = {"does", "do", "did", "is", "are", "was", "were", "the", "he", "she", "they", "il", "elle", "ils", "er",
                "sie", "hij", "zij", "el", "ella", "ele", "ela", "lui", "lei", "он", "она"}


def is_question(label: str, folded: str | None = None) -> bool:
    """'¿Qué siente?', 'What does the customer think?', 'Was denkt der Kunde'."""
    folded = fold(label) if folded is None else folded
    return label.rstrip().endswith(("?", "？", "¿")) or label.lstrip().startswith("¿") or bool(
        _QUESTION_START.match(folded))


def _without_auxiliaries(folded: str) -> str:
    """A question's words without 'does', 'is', 'the' ... (English 'does' would read as an action)."""
    words = folded.split()
    kept = [w for n, w in enumerate(words) if w not in _AUXILIARIES or n == len(words) - 1]
    return " ".join(kept or words)


_QUESTION_VERBS: dict[LaneKind, tuple[str, ...]] = {
    LaneKind.EMOTIONS: ("feel", "siente", "sienten", "sente", "sentem", "ressent", "fuhlt", "fuhlen", "voelt",
                        "voelen", "prova", "provano", "sent", "чувству", "ощуща"),
    LaneKind.THOUGHTS: ("think", "thinking", "say", "saying", "piensa", "piensan", "dice", "pensa", "pensam", "diz",
                        "pense", "pensent", "dit", "denkt", "denken", "sagt", "zegt", "думает", "говорит"),
    LaneKind.TOUCHPOINTS: ("where", "donde", "onde", "ou", "wo", "waar", "dove", "где", "channel", "canal"),
    LaneKind.ACTIONS: ("do", "does", "doing", "hace", "hacen", "faz", "fazem", "fait", "font", "macht", "machen",
                       "tut", "doet", "doen", "fa", "fanno", "делает", "делают"),
}


def lane_keyword_score(label: str) -> int:
    """1 if a label names a lane kind (used to tell lane labels from stage names), else 0."""
    return int(guess_lane_kind(label) != LaneKind.TEXT)


def is_stage_label(label: str) -> bool:
    """Whether a header cell says 'the stages are here' (Stage, Journey Stage, Etapa/Fase, TITLE_BLOCK...)."""
    folded = fold(label)
    if not folded or len(folded) > 40:
        return False
    return _STAGE_TABLE.first(folded) is not None or (has_cjk(folded) and cjk_words.STAGES.first(folded) is not None)


def stage_name_score(name: str) -> int:
    """1 if a name is a typical journey stage name (Awareness, Compra, Покупка...), else 0."""
    folded = fold(name)
    if not folded or len(folded) > 40:
        return 0
    if _NUMBERED.match(folded):
        return 1
    return int(_STAGE_NAME_TABLE.first(folded) is not None)


_CHANNEL_KEYWORDS: dict[Channel, tuple[str, ...]] = {
    Channel.MOBILE_APP: ("app", "apps", "mobile", "aplicativo", "aplicacion", "applicazione", "application mobile",
                         "приложени", "смартфон", "ios", "android", "play store", "google play", "магазин приложени",
                         "tienda de aplicaciones", "loja de aplicativos", "magasin d applications"),
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


_WORD = re.compile(r"[^\W_]+")


class KeywordTable:
    """Keywords matched at word starts of folded text: the earliest word wins, then the table's order.

    Long keywords match as prefixes ('frustrat' finds 'frustrated'); keywords of three letters or
    fewer must be whole words ('ad' finds 'ad' but not 'address'). Dictionary look-ups of each
    word's prefixes: nothing is compiled at import time and long card texts are scanned quickly.
    """

    def __init__(self, table: dict[object, tuple[str, ...]]) -> None:
        self.keys = list(table)
        self.short: dict[str, int] = {}
        self.long: dict[str, int] = {}
        self.multi: list[tuple[str, int]] = []
        for order, words in enumerate(table.values()):
            for word in _prefold(words):
                if " " in word:
                    self.multi.append((word, order))
                else:
                    target = self.short if len(word) <= 3 else self.long
                    target.setdefault(word, order)
        self.lengths = sorted({len(w) for w in self.long})
        self.multi_starts = {w.split(" ", 1)[0] for w, _ in self.multi}

    def first(self, folded: str) -> object | None:
        long, lengths = self.long, self.lengths
        for match in _WORD.finditer(folded):
            word = match.group()
            best = self.short.get(word)
            for length in lengths:
                if length > len(word):
                    break
                order = long.get(word[:length])
                if order is not None and (best is None or order < best):
                    best = order
            if self.multi and word in self.multi_starts:
                rest = folded[match.start():]
                for phrase, order in self.multi:
                    if rest.startswith(phrase) and (best is None or order < best):
                        best = order
            if best is not None:
                return self.keys[best]
        return None


_LANE_TABLE = KeywordTable(_LANE_KEYWORDS)  # type: ignore[arg-type]
_CHANNEL_TABLE = KeywordTable(_CHANNEL_KEYWORDS)  # type: ignore[arg-type]
_STAGE_TABLE = KeywordTable({True: _STAGE_KEYWORDS})
_STAGE_NAME_TABLE = KeywordTable({True: _STAGE_NAME_WORDS})
_QUESTION_TABLE = KeywordTable(_QUESTION_VERBS)  # type: ignore[arg-type]


def guess_channel(text: str) -> Channel | None:
    """The channel a touchpoint's text names first (by position in the text), or None."""
    return _CHANNEL_TABLE.first(fold(text))  # type: ignore[return-value]


_CHANNEL_SEPARATORS = re.compile(r"\s*[,;/+&]\s*|\s+(?:and|or|und|oder|et|ou|y|o|e)\s+", re.IGNORECASE)


def channel_list(text: str) -> tuple[str, ...] | None:
    """A touchpoint cell listing channels on one line ('Web / App / Email', 'Phone; Chat', 'Store and web'): each
    channel, when every part names one in a few words; None for anything else ('Reads reviews, compares')."""
    if len(text) > 120 or "\n" in text:
        return None
    parts = [" ".join(part.split()) for part in _CHANNEL_SEPARATORS.split(text)]
    if len(parts) < 2 or any(not part or len(part.split()) > 3 or guess_channel(part) is None for part in parts):
        return None
    return tuple(parts)
