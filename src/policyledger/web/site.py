"""The whole site: the web pages at ``/``, the REST API at ``/api`` (OpenAPI at ``/api/docs``;
``/docs`` redirects there), and the vendored static files. Nothing is fetched from the
internet at run time."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from policyledger.api import create_app
from policyledger.storage.db import Database
from policyledger.web.i18n import COOKIE, language_of
from policyledger.web.routes import ROUTERS


def create_site(database: Database) -> FastAPI:
    """The web pages and the API over ``database``."""
    site = FastAPI(title="policyledger", docs_url=None, redoc_url=None, openapi_url=None)
    site.state.database = database
    static = str(resources.files("policyledger.web") / "static")
    site.mount("/static", StaticFiles(directory=static), name="static")
    site.mount("/api", create_app(database), name="api")

    @site.middleware("http")
    async def language(request: Request, call_next):
        request.state.lang = language_of(
            request.query_params.get("lang"), request.cookies.get(COOKIE)
        )
        response = await call_next(request)
        if request.query_params.get("lang") == request.state.lang:
            response.set_cookie(COOKIE, request.state.lang, max_age=365 * 24 * 3600, samesite="lax")
        return response

    @site.get("/docs", include_in_schema=False)
    def docs() -> RedirectResponse:
        return RedirectResponse("/api/docs")

    for router in ROUTERS:
        site.include_router(router)
    return site


def serve(database: Database, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the site at http://host:port until interrupted."""
    import uvicorn

    uvicorn.run(create_site(database), host=host, port=port, reload=False, log_level="info")
