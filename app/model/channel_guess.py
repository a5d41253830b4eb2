"""Which channel a touchpoint's text names ("Mobile app", "Calls the hotline", "Reads the newsletter").

A pure function: the document calls it when a touchpoint card is typed without a channel, the
spreadsheet importer when it builds cards. The result is a suggestion: callers never use it to
replace a channel someone set.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from app.model.enums import Channel

# Keywords per channel (the spreadsheet importer's words for channels, and a few more). A keyword of four
# letters or more also matches words it begins ("call" -> "calls", "called"); shorter ones match whole words
# only ("app", not "apply"). Phrases match whole words.
CHANNEL_WORDS: dict[Channel, tuple[str, ...]] = {
    Channel.MOBILE_APP: ("app", "apps", "mobile", "smartphone", "ios", "android", "aplicativo", "aplicacion",
                         "applicazione", "application mobile", "приложени", "смартфон", "app store", "play store",
                         "google play", "магазин приложений", "tienda de aplicaciones", "loja de aplicativos",
                         "magasin d applications"),
    Channel.EMAIL: ("email", "e mail", "mail", "newsletter", "inbox", "correo", "почт", "письм"),
    Channel.CHAT: ("chat", "whatsapp", "messenger", "chatbot", "telegram", "sms", "text message", "чат", "смс"),
    Channel.PHONE: ("phone", "call", "calls", "telephone", "telefone", "telefono", "hotline", "call center",
                    "звон", "телефон", "колл"),
    Channel.SOCIAL_MEDIA: ("social", "instagram", "facebook", "twitter", "linkedin", "tiktok", "youtube", "imgur",
                           "redes sociais", "redes sociales", "reseaux sociaux", "социальн", "соцсет"),
    Channel.SEARCH: ("search", "google", "seo", "busca", "busqueda", "recherche", "suche", "ricerca", "поиск"),
    Channel.ADVERTISING: ("ad", "ads", "advert", "banner", "campaign", "billboard", "anuncio", "publicidad",
                          "pubblicita", "publicite", "werbung", "реклам"),
    Channel.IN_STORE: ("store", "shop", "branch", "counter", "in person", "face to face", "tienda", "magasin",
                       "loja", "geschaft", "negozio", "магазин", "салон", "офис"),
    Channel.WORD_OF_MOUTH: ("word of mouth", "friend", "friends", "referral", "recommend", "boca a boca",
                            "bouche a oreille", "passaparola", "сарафан", "друз"),
    Channel.PRINT_MAIL: ("print", "letter", "flyer", "brochure", "leaflet", "catalogue", "catalog", "envelope",
                         "poster", "cardstock", "impresso", "carta", "courrier", "brief", "cartellon", "листовк"),
    Channel.EVENT: ("event", "conference", "webinar", "fair", "workshop", "evento", "evenement",
                    "veranstaltung", "мероприят"),
    Channel.WEBSITE: ("website", "web", "site", "online", "portal", "page", "webpage", "landing page",
                      "checkout", "sitio", "pagina", "webseite", "сайт", "интернет"),
}

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, accents off, punctuation as spaces: "E-Mail" -> "e mail"."""
    return " ".join(_fold_words(text))


def _fold_words(text: str) -> list[str]:
    """The words of `fold(text)`."""
    if text.isascii():  # nothing to decompose, no accents: casefold is lower case
        return _WORD.findall(text.lower())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(plain)


_SINGLE: list[tuple[str, Channel]] = []
_PHRASES: list[tuple[list[str], Channel]] = []
for _channel, _words in CHANNEL_WORDS.items():
    for _word in _words:
        _folded = fold(_word).split()
        if len(_folded) == 1:
            _SINGLE.append((_folded[0], _channel))
        else:
            _PHRASES.append((_folded, _channel))

# The same lists as lookups (a word is looked up, not compared with every keyword): a keyword's first place
# in `_SINGLE`, and the phrases by their first word, in `_PHRASES` order.
_KEYWORD_RANK: dict[str, tuple[int, Channel]] = {}
for _rank, (_word, _channel) in enumerate(_SINGLE):
    _KEYWORD_RANK.setdefault(_word, (_rank, _channel))
_PHRASES_BY_FIRST: dict[str, list[tuple[list[str], Channel]]] = {}
for _phrase, _channel in _PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _channel))
_PREFIX = 4  # keywords this long or longer also match words they begin


@lru_cache(maxsize=4096)
def _word_channel(word: str) -> Channel | None:
    """The channel of the first keyword in `_SINGLE` that matches `word` (itself, or a long keyword it begins with)."""
    best = _KEYWORD_RANK.get(word)
    for end in range(_PREFIX, len(word)):
        found = _KEYWORD_RANK.get(word[:end])
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    return best[1] if best is not None else None


def guess_channel(text: str) -> Channel | None:
    """The channel the text names first (by position in the text; a phrase beats a single word
    starting at the same place), or None when it names none."""
    words = _fold_words(text)
    for index, word in enumerate(words):
        for phrase, channel in _PHRASES_BY_FIRST.get(word, ()):
            if words[index:index + len(phrase)] == phrase:
                return channel
        channel = _word_channel(word)
        if channel is not None:
            return channel
    return None
