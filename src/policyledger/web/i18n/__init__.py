"""Chinese-first, English-second UI strings for the web pages (``strings.toml``), and the
language of a request: ``?lang=`` or the ``lang`` cookie, Chinese by default."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
COOKIE = "lang"


@cache
def strings() -> dict[str, dict[str, str]]:
    text = (resources.files("policyledger.web") / "i18n" / "strings.toml").read_text("utf-8")
    table = tomllib.loads(text)
    missing = set(table["zh"]) ^ set(table["en"])
    if missing:
        raise ValueError(f"strings.toml: keys not in both languages: {sorted(missing)}")
    return table


def translate(key: str, lang: str) -> str:
    """The UI string ``key`` in ``lang`` (the key itself if unknown, so a typo shows)."""
    return strings().get(lang, strings()[DEFAULT]).get(key, key)


def language_of(query_lang: str | None, cookie_lang: str | None) -> str:
    for candidate in (query_lang, cookie_lang):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT


def body_name(body, lang: str) -> str:
    """A body's name in the page's language: its English name when there is one."""
    if lang == "en" and getattr(body, "name_en", None):
        return body.name_en
    return body.name
