"""Citizen reception (tiếp công dân) for the clerks of UBND and HĐND: the periods short of
the reception days the law asks, the days held, and the form recording one (in person, or
online from 2026-07-01), with the letters received at it.

The days name officials (the commune, the deputy, who received), never a citizen.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kernel.clock import SystemClock, today_in_vietnam
from portal.labels import LABELS
from portal.pages import render, services_of, shown_problem, staff
from portal.problems import ServiceProblem, ServiceUnavailable, status_of
from portal.viewer import Viewer, language_of

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]

RECEPTION_FIELDS = ("receiver", "holder", "held_on", "received_by", "place", "citizens")
LINKABLE_DAYS = 31  # letters received at a reception within this many days may be linked


@router.get("/tiep-cong-dan", response_class=HTMLResponse)
async def reception_page(request: Request, viewer: Staff) -> Response:
    today = today_in_vietnam(SystemClock())
    return await _page(request, viewer, {"held_on": today.isoformat()})


async def _page(request: Request, viewer: Viewer, values: dict[str, Any], status: int = 200,
                problem: dict[str, Any] | None = None, linked: tuple[str, ...] = ()
                ) -> Response:
    services = services_of(request)
    today = today_in_vietnam(SystemClock())
    days, missed, letters = await asyncio.gather(
        services.get("letters", "/receptions", viewer.token),
        services.get("letters", "/receptions/missed", viewer.token,
                     params={"from": date(today.year - 1, 1, 1).isoformat()}),
        services.get("letters", "/letters", viewer.token))
    since = (today - timedelta(days=LINKABLE_DAYS)).isoformat()
    linkable = [letter for letter in letters["items"]
                if letter["recipient"] == viewer.agency.value
                and letter["channel"] in ("reception", "online")
                and letter["received_on"] >= since]
    return render(request, "reception.html", status=status, days=days["items"][:100],
                  missed=sorted(missed["items"], key=lambda m: m["period_start"],
                                reverse=True),
                  receivers=_receivers(request, viewer), linkable=linkable, linked=linked,
                  values=values, problem=problem)


def _receivers(request: Request, viewer: Viewer) -> dict[str, str]:
    """The reception duties the viewer's body records (UBND its chairs, HĐND its own)."""
    english = language_of(request) == "en"
    prefix = "ubnd_" if viewer.agency.value == "ubnd" else "hdnd_"
    return {code: (en if english else vi) for code, (vi, en) in
            LABELS["reception_receiver"].items() if code.startswith(prefix)}


@router.post("/tiep-cong-dan")
async def record_reception(request: Request, viewer: Staff) -> Response:
    """A reception day held; back to the list, or the form again with the error."""
    form = await request.form()
    values = {name: value.strip() for name, value in form.items()
              if isinstance(value, str) and value.strip()}
    linked = tuple(str(v) for v in form.getlist("letter_ids") if isinstance(v, str))
    body: dict[str, Any] = {name: values.get(name) for name in RECEPTION_FIELDS}
    body["online"] = "online" in values
    body["letter_ids"] = list(linked)
    if body["citizens"] is not None and body["citizens"].isdigit():
        body["citizens"] = int(body["citizens"])
    try:
        await services_of(request).post("letters", "/receptions", viewer.token, body,
                                        values.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _page(request, viewer, values, status_of(error),
                           shown_problem(request, error), linked)
    return RedirectResponse("/tiep-cong-dan#ngay-tiep", status_code=303)
