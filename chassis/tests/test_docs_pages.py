"""`/docs` and `/redoc` work offline: every asset they name is served by the service."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.web.app_factory import create_service_app

# What a page loads: src=, href= and spec-url= attributes, and Swagger UI's `url: '...'`.
ASSET = re.compile(
    r"""\b(?:src|href|spec-url)\s*=\s*["']([^"']+)["']|\burl\s*:\s*['"]([^'"]+)['"]"""
)
EXPECTED_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png",
                  ".json": "application/json"}


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_service_app(ServiceSettings(environment="test"), service="docs-test",
                             title="Thử tài liệu", description="d")
    with TestClient(app) as test_client:
        yield test_client


def named_urls(html: str) -> set[str]:
    return {first or second for first, second in ASSET.findall(html)}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_a_documentation_page_names_no_other_host(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    # No absolute URL (a CDN's script, a font, a favicon), with or without a scheme.
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", response.text), response.text


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_every_asset_a_page_names_is_served(client: TestClient, page: str) -> None:
    urls = named_urls(client.get(page).text)
    assert any(url.endswith(".js") for url in urls), urls
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        suffix = url[url.rfind("."):]
        assert asset.headers["content-type"].startswith(EXPECTED_TYPES[suffix]), url
        assert asset.content, url


def test_the_documentation_pages_stay_out_of_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path.startswith(("/docs", "/redoc"))]
