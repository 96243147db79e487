"""The REST API over the ledger (FastAPI): ``create_app(database)`` builds it, ``serve`` runs
it. Imports storage and assess only — never the command line or the web pages."""

from policyledger.api.app import create_app

__all__ = ["create_app"]
