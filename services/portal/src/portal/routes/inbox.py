"""The inbox of the viewer's agency, unit, role and name: the notifier's ``/inbox``, kept
live by relaying its Server-Sent Events (the browser cannot send the bearer token to the
notifier itself: the token stays in the portal's HttpOnly cookie)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from portal.formats import moment
from portal.pages import TEMPLATES, form_of, render, services_of, staff
from portal.problems import ServiceProblem, ServiceUnavailable
from portal.viewer import Viewer, language_of

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
SHOWN = 50


CADENCES = ("immediate", "daily", "weekly")


def own_recipient(viewer: Viewer) -> str:
    """The viewer's agency, or their unit of it: whose e-mail the inbox page sets."""
    return f"agency:{viewer.agency.value}" + (f"/{viewer.unit}" if viewer.unit else "")


@router.get("/hop-thu", response_class=HTMLResponse)
async def inbox_page(request: Request, viewer: Staff, da_luu: bool = False) -> Response:
    services = services_of(request)
    items = await services.get("notifier", "/inbox", viewer.token, params={"limit": SHOWN})
    chosen = await services.get("notifier", "/preferences", viewer.token,
                                params={"recipient": own_recipient(viewer)})
    newest = max((item.get("position") or 0 for item in items), default=0)
    return render(request, "inbox.html", items=items, after=newest,
                  cadence=chosen["cadence"], saved=da_luu)


@router.post("/hop-thu/tan-suat")
async def choose_cadence(request: Request, viewer: Staff) -> Response:
    """Each e-mail at once, or a digest a day or a week; the inbox keeps every item."""
    form = await form_of(request)
    await services_of(request).put("notifier", "/preferences", viewer.token, {
        "recipient": own_recipient(viewer), "cadence": form.get("cadence", "")})
    return RedirectResponse("/hop-thu?da_luu=true#tan-suat", status_code=303)


@router.get("/hop-thu/truc-tiep")
async def inbox_live(
    request: Request, viewer: Staff,
    after: Annotated[int, Query(ge=0)] = 0,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> Response:
    """Each new notification as an event whose data is its list item, ready to insert."""
    if last_event_id is not None and last_event_id.isdigit():
        after = int(last_event_id)
    return StreamingResponse(_relay(request, viewer, after), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store"})


async def _relay(request: Request, viewer: Viewer, after: int) -> AsyncIterator[str]:
    language = language_of(request)
    yield "retry: 3000\n\n"
    try:
        async with services_of(request).stream("notifier", "/inbox/stream", viewer.token,
                                               params={"after": after}) as stream:
            async for event in _events(stream.aiter_lines()):
                if event.get("event") != "notification" or "data" not in event:
                    continue
                item = json.loads(event["data"])
                html = _item_html(item, language)
                yield f"event: notification\nid: {event.get('id', '')}\n"
                yield "".join(f"data: {line}\n" for line in html.splitlines()) + "\n"
    except (ServiceProblem, ServiceUnavailable):
        return  # the browser reconnects after `retry` and resumes from its Last-Event-ID


async def _events(lines: AsyncIterator[str]) -> AsyncIterator[dict[str, str]]:
    """Server-Sent Events, field by field (multi-line data joined with newlines)."""
    event: dict[str, str] = {}
    async for line in lines:
        if not line:
            if event:
                yield event
            event = {}
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        event[name] = f"{event[name]}\n{value}" if name == "data" and name in event else value


def _item_html(item: dict[str, Any], language: str) -> str:
    template = TEMPLATES.get_template("_notification.html")
    return template.render(item=item, lang=language,
                           moment=lambda value: moment(value, "en" if language == "en"
                                                       else "vi"))
