"""``/inbox`` (per agency, unit, role and person; live over Server-Sent Events) and the
public Atom feed ``/feed.atom``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.sse import EventSourceResponse, ServerSentEvent

from chassis.web.auth import CurrentPrincipal
from notifier.application.readmodel import InboxScope
from notifier.application.signals import SaveSignal
from notifier.channels.feed import atom_feed
from notifier.entrypoints.deps import NotifierDep, SettingsDep
from notifier.entrypoints.schemas import NotificationPublic

router = APIRouter(tags=["inbox and feed"])
IDLE_CHECK_SECONDS = 5.0  # how often an idle stream checks that its client is still there
Scope = Annotated[InboxScope, Query(
    description="all; agency (items for your agency or unit); personal (for you by name or "
    "by role)")]


@router.get("/inbox", response_model=list[NotificationPublic],
            summary="Hộp thư — your inbox, newest first")
def inbox(
    notifier: NotifierDep, principal: CurrentPrincipal, scope: Scope = "all",
    after: Annotated[int, Query(ge=0, description="Only items after this position.")] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Any:
    return notifier.read_model.inbox(principal, scope, after, limit)


@router.get("/inbox/stream", response_class=EventSourceResponse,
            summary="Your inbox, live (Server-Sent Events; resumes from Last-Event-ID)")
async def inbox_stream(
    request: Request, notifier: NotifierDep, principal: CurrentPrincipal, scope: Scope = "all",
    after: Annotated[int | None, Query(ge=0, description="Start after this position "
                                       "(default: from now on).")] = None,
    # Checked before the stream starts: an id that is no position (5,000 digits, a byte
    # that is not ASCII) is a 422, not an error after the 200 that drops the connection.
    last_event_id: Annotated[str | None, Header(
        alias="Last-Event-ID", pattern=r"^[0-9]{1,18}$",
        description="The id of the last event received: a position (resumes after it).",
    )] = None,
) -> AsyncIterator[ServerSentEvent]:
    signal: SaveSignal = request.app.state.saves
    if last_event_id is not None:
        after = int(last_event_id)
    if after is None:
        after = await asyncio.to_thread(lambda: notifier.read_model.position)
    yield ServerSentEvent(comment="inbox", retry=2000)
    while not await request.is_disconnected():
        seen = signal.generation
        items = await asyncio.to_thread(notifier.read_model.inbox, principal, scope, after,
                                        100, True)
        for item in items:
            after = item["position"]
            yield ServerSentEvent(data=item, event="notification", id=str(after))
        if not items:
            await signal.wait(seen, IDLE_CHECK_SECONDS)


@router.get("/feed.atom", summary="Thông báo công khai — public Atom feed",
            response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}})
def feed(
    request: Request, notifier: NotifierDep, settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Response:
    document = atom_feed(notifier.read_model.feed(limit), jurisdiction=settings.jurisdiction,
                         self_url=str(request.url), now=notifier.clock.now())
    return Response(document, media_type="application/atom+xml; charset=utf-8")
