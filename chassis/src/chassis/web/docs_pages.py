"""The `/docs` (Swagger UI) and `/redoc` pages, with their assets served by the service.

FastAPI's own pages load their scripts, styles, fonts and favicon from CDNs, so on a
machine without internet they are blank. These are the same pages (FastAPI's
``get_swagger_ui_html`` and ``get_redoc_html``) pointed at copies vendored in this package
(``static/README.md`` gives their versions and licences).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

ASSETS_URL = "/docs/assets"
ASSETS_DIRECTORY = Path(__file__).parent / "static"


def add_documentation_pages(app: FastAPI) -> None:
    """Serve `/docs`, `/redoc` and their assets; the app is made with both URLs None."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIRECTORY), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{app.title} — Swagger UI",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/swagger-ui/favicon-32x32.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url, title=f"{app.title} — ReDoc",
            redoc_js_url=f"{ASSETS_URL}/redoc/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/swagger-ui/favicon-32x32.png",
            with_google_fonts=False,
        )
