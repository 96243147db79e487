"""The page routes, one module per page or group of pages."""

from policyledger.web.routes import overview

ROUTERS = [overview.router]
