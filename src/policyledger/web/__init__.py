"""The web pages (server-rendered with Jinja2, a little htmx, ECharts charts), Chinese by
default with English one click away. ``create_site`` composes them with the REST API."""

from policyledger.web.site import create_site, serve

__all__ = ["create_site", "serve"]
