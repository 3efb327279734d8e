"""Pages anyone may open: the home page, the petition search, the language switch."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from portal.clients import Services
from portal.pages import render, services_of
from portal.viewer import keep_language, local_path, settings_of

router = APIRouter()
PAGE_SIZE = 20


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    return render(request, "home.html")


@router.get("/tra-cuu", response_class=HTMLResponse)
async def search(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    trang: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """Petitions whose wording has the words (with or without accents), newest first."""
    found: dict[str, Any] = await services_of(request).get("petitions", "/petitions", params={
        "q": q.strip(), "limit": PAGE_SIZE, "offset": (trang - 1) * PAGE_SIZE})
    pages = max(1, -(-found["total"] // PAGE_SIZE))
    answers = await published_answers(services_of(request), found["items"])
    return render(request, "search.html", q=q, found=found, page=trang, pages=pages,
                  answers=answers)


async def published_answers(services: Services, rows: list[dict[str, Any]]
                            ) -> dict[str, str]:
    """The answer of each published petition among the rows (the list has no answers)."""
    published = [row["id"] for row in rows if row.get("published_on")]
    petitions = await asyncio.gather(*(services.get("petitions", f"/petitions/{petition_id}")
                                       for petition_id in published))
    return {petition["id"]: petition["answer"]["text"] for petition in petitions
            if petition.get("answer")}


# Public documents of the services, relayed so that readers need only the portal's address:
# the portal's path -> (service, the service's path).
RELAYED_DOCUMENTS = {
    "/ban-tin.atom": ("notifier", "/feed.atom"),  # published answers, passed resolutions
    "/du-lieu-mo/popolo.json": ("sessions", "/open-data/popolo"),  # sessions, votes
    "/lich-hop.ics": ("sessions", "/calendar.ics"),  # the council's meetings calendar
    "/hoi-nghi-txct.ics": ("petitions", "/voter-contacts.ics"),  # voter-contact meetings
}


def _relay(service: str, path: str) -> Callable[[Request], Awaitable[Response]]:
    async def relayed(request: Request) -> Response:
        content, media_type = await services_of(request).get_document(service, path)
        return Response(content, media_type=media_type)
    return relayed


for _portal_path, (_service, _service_path) in RELAYED_DOCUMENTS.items():
    router.add_api_route(_portal_path, _relay(_service, _service_path), methods=["GET"])


# The services' open data files (CSV, JSON and the data card naming them), relayed under one
# folder per service so that the card's relative paths still name its files.
OPEN_DATA_FOLDERS = {"kien-nghi": "petitions", "ky-hop": "sessions"}
OPEN_DATA_FILE = re.compile(r"^[a-z0-9-]+\.(csv|json)$")


@router.get("/du-lieu-mo/{folder}/{file_name}")
async def open_data_file(request: Request, folder: str, file_name: str) -> Response:
    if folder not in OPEN_DATA_FOLDERS or not OPEN_DATA_FILE.match(file_name):
        raise StarletteHTTPException(404)
    content, media_type = await services_of(request).get_document(
        OPEN_DATA_FOLDERS[folder], f"/open-data/{file_name}")
    return Response(content, media_type=media_type)


@router.get("/ngon-ngu/{language}")
async def switch_language(request: Request, language: str, next: str = "/") -> Response:
    response = RedirectResponse(local_path(next), status_code=303)
    keep_language(response, settings_of(request), language)
    return response
