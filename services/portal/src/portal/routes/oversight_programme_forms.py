"""Creating a supervision programme with its first topic, and adding topics to one: the
forms of HĐND's bodies and MTTQ (each its own programmes; the service decides)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from contracts.vocabulary import Agency
from portal.labels import LABELS
from portal.pages import form_of, render, staff
from portal.routes.oversight import programmes_page
from portal.routes.oversight_forms import Field, checked, send
from portal.viewer import Viewer

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
PLANNERS = frozenset({Agency.HDND, Agency.MTTQ})
TOPIC_FIELDS = (
    Field("topic", required=True), Field("field", "choice", True, tuple(LABELS["field"])),
    Field("units", "lines", required=True), Field("window_start", "day", required=True),
    Field("window_end", "day", required=True),
)
PROGRAMME_FIELDS = (
    Field("year", "number", required=True, bounds=(2000, 2100)),
    Field("body", "choice", True, tuple(LABELS["supervising_body"])),
    Field("body_name"), Field("adopted_on", "day"),
)


@router.get("/giam-sat/chuong-trinh-moi", response_class=HTMLResponse)
async def new_programme(request: Request, viewer: Staff) -> Response:
    return _new_page(request, viewer)


def _new_page(request: Request, viewer: Viewer, status: int = 200, **shown: Any
              ) -> Response:
    bodies = {code: words for code, words in LABELS["supervising_body"].items()
              if (code == "mttq") == (viewer.agency is Agency.MTTQ)}
    return render(request, "oversight_programme_new.html", status=status,
                  plans=viewer.agency in PLANNERS, bodies=list(bodies), **shown)


@router.post("/giam-sat/chuong-trinh-moi")
async def adopt_programme(request: Request, viewer: Staff) -> Response:
    form = await form_of(request)
    body, wrong = checked(form, PROGRAMME_FIELDS)
    topic, topic_wrong = checked(form, TOPIC_FIELDS)

    async def again(request: Request, viewer: Viewer, **shown: Any) -> Response:
        return _new_page(request, viewer, **shown)
    return await send(
        request, viewer, path="/programmes", body={**body, "topics": [topic]},
        wrong=wrong | topic_wrong, form=form, failed="new", rerender=again,
        done=lambda made: f"/giam-sat?nam={made['year']}#p-{made['id']}")


@router.post("/giam-sat/chuong-trinh/{programme_id}/chuyen-de")
async def add_topic(request: Request, programme_id: UUID, viewer: Staff) -> Response:
    form = await form_of(request)
    topic, wrong = checked(form, TOPIC_FIELDS)
    year = int(form["year"]) if form.get("year", "").isdigit() else None

    async def again(request: Request, viewer: Viewer, **shown: Any) -> Response:
        return await programmes_page(request, viewer, year=year, **shown)
    return await send(
        request, viewer, path=f"/programmes/{programme_id}/topics", body=topic, wrong=wrong,
        form=form, failed=str(programme_id), rerender=again,
        done=f"/giam-sat{f'?nam={year}' if year else ''}#p-{programme_id}")
