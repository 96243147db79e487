"""The whole site: the web pages at ``/``, the REST API at ``/api`` (OpenAPI at ``/api/docs``;
``/docs`` redirects there), and the vendored static files. Nothing is fetched from the
internet at run time.

Sessions are signed cookies (Starlette's ``SessionMiddleware``): HttpOnly, SameSite=Lax, for 8
hours, ``Secure`` when ``POLICYLEDGER_SECURE_COOKIES=1``. They hold only the user id with its
session version and a CSRF token. The signing key is the ``secret_key`` argument, else
``POLICYLEDGER_SECRET_KEY``; without either a random key is made per process, so every session
ends when the server restarts (and several server processes would not share sessions).

Every page needs a signed-in user with the ``read`` permission except ``/login``, ``/public``
and the static files; an anonymous visitor is sent to ``/login?next=…``. The API keeps its own
rules (tokens, or the same session cookie)."""

from __future__ import annotations

import os
import secrets
from importlib import resources
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from policyledger.api import create_app
from policyledger.storage.db import Database
from policyledger.web.auth import BadCredentials, Forbidden, LoginRequired, Reader
from policyledger.web.i18n import COOKIE, language_of, translate
from policyledger.web.routes import OPEN_ROUTERS, ROUTERS
from policyledger.web.templating import render

SECRET_ENV = "POLICYLEDGER_SECRET_KEY"
SECURE_ENV = "POLICYLEDGER_SECURE_COOKIES"
SESSION_COOKIE = "policyledger_session"
SESSION_SECONDS = 8 * 3600
# on every response: no framing (the approve buttons cannot be clickjacked), no MIME sniffing,
# no full URL sent to the sites a source link leads to
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def forbidden_message(request: Request, error: Forbidden) -> str:
    """The one line a 403 page says, in the page's language."""
    lang = request.state.lang
    principal = getattr(request.state, "principal", None)
    return translate(error.key, lang).format(
        user=principal.username if principal else "",
        role=translate(f"role_{principal.role}", lang) if principal else "",
        what=translate(f"perm_{error.what}", lang) if error.what else "",
        detail=error.detail,
    )


def _error_page(request: Request, status: int, key: str, message: str):
    return render(request, "error.html", {"title_key": key, "message": message}, status_code=status)


def create_site(database: Database, secret_key: str | None = None) -> FastAPI:
    """The web pages and the API over ``database``; sessions signed with ``secret_key`` (else
    ``POLICYLEDGER_SECRET_KEY``, else a random key for this process)."""
    site = FastAPI(title="policyledger", docs_url=None, redoc_url=None, openapi_url=None)
    site.state.database = database
    static = str(resources.files("policyledger.web") / "static")
    site.mount("/static", StaticFiles(directory=static), name="static")
    site.mount("/api", create_app(database), name="api")

    @site.middleware("http")
    async def language_and_headers(request: Request, call_next):
        request.state.lang = language_of(
            request.query_params.get("lang"), request.cookies.get(COOKIE)
        )
        response = await call_next(request)
        if request.query_params.get("lang") == request.state.lang:
            response.set_cookie(COOKIE, request.state.lang, max_age=365 * 24 * 3600, samesite="lax")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith(("/static/", "/api/")):
            response.headers.setdefault("Cache-Control", "no-store")  # pages may be private
        return response

    # added last: the outermost layer, so the pages and the mounted API both see the session
    site.add_middleware(
        SessionMiddleware,
        secret_key=secret_key or os.environ.get(SECRET_ENV) or secrets.token_urlsafe(48),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_SECONDS,
        same_site="lax",
        https_only=os.environ.get(SECURE_ENV) == "1",
    )

    @site.exception_handler(LoginRequired)
    async def login_required(request: Request, error: LoginRequired):
        return RedirectResponse(f"/login?next={quote(error.wanted, safe='/')}", status_code=303)

    @site.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden):
        return _error_page(request, 403, "au_forbidden_title", forbidden_message(request, error))

    @site.exception_handler(BadCredentials)
    async def bad_credentials(request: Request, error: BadCredentials):
        response = _error_page(request, 401, "au_unauthorized_title", str(error))
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @site.get("/docs", include_in_schema=False)
    def docs() -> RedirectResponse:
        return RedirectResponse("/api/docs")

    for router in OPEN_ROUTERS:
        site.include_router(router)
    for router in ROUTERS:  # every other page: signed in, with the "read" permission
        site.include_router(router, dependencies=[Reader])
    return site


def serve(database: Database, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the site at http://host:port until interrupted."""
    import uvicorn

    uvicorn.run(create_site(database), host=host, port=port, reload=False, log_level="info")
