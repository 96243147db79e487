"""The page routes, one module per page or group of pages."""

from policyledger.web.routes import (
    bodies,
    bulletin,
    overview,
    plans,
    rankings,
    report,
    search,
    targets,
    upload,
)

ROUTERS = [
    overview.router,
    plans.router,
    targets.router,
    search.router,
    bodies.router,
    rankings.router,
    report.router,
    upload.router,
    bulletin.router,
]
