"""Run the API with uvicorn (``policyledger serve``)."""

from __future__ import annotations

import os

from fastapi import FastAPI

from policyledger.storage.db import Database

_URL = "POLICYLEDGER_API_DATABASE_URL"


def serve(database: Database, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the API over ``database`` at http://host:port until interrupted (no reload).

    ``workers`` > 1 runs that many processes (one per CPU core is the most that helps); each
    opens the database itself, from its URL passed in the environment of the workers."""
    import uvicorn

    from policyledger.api.app import create_app

    if workers <= 1:
        uvicorn.run(create_app(database), host=host, port=port, reload=False, log_level="info")
        return
    os.environ[_URL] = database.engine.url.render_as_string(hide_password=False)
    uvicorn.run(
        "policyledger.api.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=False,
        log_level="info",
    )


def app_from_environment() -> FastAPI:
    """The app of one worker process (see ``serve``)."""
    from policyledger.api.app import create_app
    from policyledger.storage import open_database

    return create_app(open_database(os.environ[_URL], migrate=False))
