"""The Jinja2 environment of the pages: templates, the ``t`` translation function, status
chips and number formatting, and ``render`` which fills in what every page needs."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates

from policyledger.web.i18n import body_name, translate

_FOLDER = str(resources.files("policyledger.web") / "templates")
templates = Jinja2Templates(directory=_FOLDER)
_RELATIONS = {">=": "≥", "<=": "≤", "≈": "≈", "=": "="}


def number(value: float | int | None) -> str:
    """7154.2, 0.71542, 14 — no trailing zeros, no scientific notation."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}" if abs(value) >= 10000 else str(int(value))
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:,.2f}"


def goal(target: Any, lang: str) -> str:
    """A target's goal in words: "下降 14%", "≥ 1万亿元", "每年 ≥ 10场"."""
    amount = f"{number(target.value)}{target.unit}"
    words = {"decrease": ("下降", "down"), "increase": ("增长", "up")}.get(target.change or "")
    if words and target.per_year:
        return f"年均{words[0]} {amount}" if lang == "zh" else f"{words[1]} {amount} a year"
    if words:
        return f"{words[0]} {amount}" if lang == "zh" else f"{words[1]} {amount}"
    text = f"{_RELATIONS.get(target.relation, target.relation)} {amount}"
    if target.per_year:
        return f"每年 {text}" if lang == "zh" else f"{text} a year"
    return text


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


templates.env.filters["number"] = number
templates.env.filters["date"] = date_text
templates.env.globals["goal"] = goal


def switch_language_url(request: Request, lang: str) -> str:
    """This page in the other language, keeping its other query parameters."""
    other = "en" if lang == "zh" else "zh"
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return f"{request.url.path}?{urlencode([*params, ('lang', other)])}"


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200):
    """Render a page with the language, the ``t`` function and the navigation filled in."""
    lang = request.state.lang
    return templates.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "t": lambda key: translate(key, lang),
            "name_of": lambda body: body_name(body, lang),
            "path": request.url.path,
            "switch_url": switch_language_url(request, lang),
            **context,
        },
        status_code=status_code,
    )
