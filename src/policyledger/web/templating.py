"""The Jinja2 environment of the pages: templates, the ``t`` translation function, status
chips and number formatting, the ``csrf_field()`` every POST form writes, and ``render`` which
fills in what every page needs (the language, who is signed in and what they may do)."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup, escape

from policyledger.web.auth import CSRF_FIELD, csrf_token
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


@pass_context
def csrf_field(context: Any) -> Markup:
    """The hidden field with the session's CSRF token: ``{{ csrf_field() }}`` in every form
    that posts."""
    token = csrf_token(context["request"])
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(token)}">')


@pass_context
def csrf_value(context: Any) -> str:
    """The session's CSRF token itself (for htmx's ``hx-headers``)."""
    return csrf_token(context["request"])


templates.env.filters["number"] = number
templates.env.filters["date"] = date_text
templates.env.globals["goal"] = goal
templates.env.globals["csrf_field"] = csrf_field
templates.env.globals["csrf_value"] = csrf_value


def switch_language_url(request: Request, lang: str) -> str:
    """This page in the other language, keeping its other query parameters."""
    other = "en" if lang == "zh" else "zh"
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return f"{request.url.path}?{urlencode([*params, ('lang', other)])}"


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200):
    """Render a page with the language, the ``t`` function, the navigation and the signed-in
    user (``principal``, ``may(permission)``) filled in."""
    lang = request.state.lang
    principal = getattr(request.state, "principal", None)
    return templates.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "t": lambda key: translate(key, lang),
            "name_of": lambda body: body_name(body, lang),
            "path": request.url.path,
            "switch_url": switch_language_url(request, lang),
            "principal": principal,
            "may": lambda permission: principal is not None and principal.may(permission),
            **context,
        },
        status_code=status_code,
    )
