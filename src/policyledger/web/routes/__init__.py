"""The page routes, one module per page or group of pages. ``OPEN_ROUTERS`` answer anyone
(signing in, the public view); every router in ``ROUTERS`` is included behind the ``read``
permission, and its write routes ask for more."""

from policyledger.web.routes import (
    audit,
    bodies,
    bulletin,
    energy,
    investors,
    login,
    mines,
    overview,
    packs,
    plans,
    public,
    rankings,
    report,
    review,
    search,
    targets,
    trade,
    upload,
)

OPEN_ROUTERS = [login.router, public.router, investors.router]

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
    energy.router,
    packs.router,
    mines.router,  # after packs: /packs/{pack_name}/upload comes first
    trade.router,
    review.router,
    audit.router,
]
