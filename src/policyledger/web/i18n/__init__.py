"""Chinese-first, English-second UI strings for the web pages (every ``*.toml`` in this folder,
merged: ``strings.toml`` for the shared ones, one file per page for the rest), and the language of
a request: ``?lang=`` or the ``lang`` cookie, Chinese by default."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
COOKIE = "lang"


@cache
def strings() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    folder = resources.files("policyledger.web") / "i18n"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        part = tomllib.loads(entry.read_text("utf-8"))
        missing = set(part.get("zh", {})) ^ set(part.get("en", {}))
        if missing:
            raise ValueError(f"{entry.name}: keys not in both languages: {sorted(missing)}")
        for lang in ("zh", "en"):
            clash = set(part.get(lang, {})) & set(table[lang])
            if clash:
                raise ValueError(f"{entry.name}: keys already defined: {sorted(clash)}")
            table[lang].update(part.get(lang, {}))
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
