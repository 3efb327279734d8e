"""MTTQ's social criticism of drafts (phản biện xã hội) and the comments on draft laws
(góp ý dự thảo luật) the delegation and MTTQ collect: the lists, and the forms of each
step to the viewer the service would accept it from (MTTQ criticises; the drafting body or
MTTQ records the reply; the collector that opened a draft law collects and sends)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from contracts.vocabulary import Agency
from kernel.text import same_identifier
from portal.labels import LABELS
from portal.pages import form_of, render, services_of, staff
from portal.routes.oversight_forms import Field, checked, send
from portal.viewer import Viewer

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
CRITICISMS, DRAFT_LAWS = "/giam-sat/phan-bien", "/giam-sat/gop-y-du-thao-luat"
COLLECTORS = frozenset({Agency.DBQH, Agency.MTTQ})
RECEIVE = (Field("draft_title", required=True),
           Field("drafting_agency", "choice", True, tuple(a.value for a in Agency)),
           Field("drafting_unit"), Field("received_on", "day"))
# step in the address → (the service's path, the fields, the stage it follows)
STEPS: dict[str, tuple[str, tuple[Field, ...], str]] = {
    "hoi-nghi": ("conference", (Field("participants", "number", True, bounds=(1, 10_000)),
                                Field("summary", "long", True), Field("held_on", "day")),
                 "received"),
    "gui": ("criticism", (Field("content", "long", True), Field("document_number"),
                          Field("sent_on", "day")), "conference_held"),
    "phan-hoi": ("reply", (Field("uptake", "choice", True, tuple(LABELS["uptake"])),
                           Field("reply", "long", True), Field("replied_on", "day")), "sent"),
}
OPEN_LAW = (Field("law_title", required=True), Field("opened_on", "day"))
COMMENT = (Field("source", "choice", True, tuple(LABELS["comment_source"])),
           Field("source_name", required=True), Field("content", "long", True),
           Field("received_on", "day"))
SEND_ON = (Field("sent_to", required=True), Field("summary", "long", True),
           Field("sent_on", "day"))


def next_step(criticism: dict[str, Any], viewer: Viewer) -> str | None:
    """The step form this viewer may fill in for this draft (the service's policy)."""
    stage = criticism["stage"]
    if stage in ("received", "conference_held"):
        return ("hoi-nghi" if stage == "received" else "gui") \
            if viewer.agency is Agency.MTTQ else None
    if stage != "sent":
        return None
    unit = criticism.get("drafting_unit")
    drafter = viewer.agency.value == criticism["drafting_agency"] and (
        unit is None or viewer.unit is None or same_identifier(viewer.unit, unit))
    return "phan-hoi" if viewer.agency is Agency.MTTQ or drafter else None


@router.get(CRITICISMS, response_class=HTMLResponse)
async def criticisms(request: Request, viewer: Staff) -> Response:
    return await _criticisms(request, viewer)


async def _criticisms(request: Request, viewer: Viewer, *, status: int = 200, **shown: Any
                      ) -> Response:
    found = await services_of(request).get("oversight", "/social-criticisms")
    steps = {c["id"]: next_step(c, viewer) for c in found}
    return render(request, "oversight_criticisms.html", status=status, criticisms=found,
                  steps=steps, receives=viewer.agency is Agency.MTTQ, **shown)


@router.post(CRITICISMS)
async def receive_draft(request: Request, viewer: Staff) -> Response:
    form = await form_of(request)
    body, wrong = checked(form, RECEIVE)
    return await send(request, viewer, path="/social-criticisms", body=body, wrong=wrong,
                      form=form, failed="new", rerender=_criticisms,
                      done=lambda made: f"{CRITICISMS}#c-{made['id']}")


@router.post(CRITICISMS + "/{criticism_id}/{step}")
async def criticism_step(request: Request, criticism_id: UUID, step: str, viewer: Staff
                         ) -> Response:
    if step not in STEPS:
        raise HTTPException(404)
    path, fields, _ = STEPS[step]
    form = await form_of(request)
    body, wrong = checked(form, fields)
    return await send(request, viewer, path=f"/social-criticisms/{criticism_id}/{path}",
                      body=body, wrong=wrong, form=form, failed=str(criticism_id),
                      rerender=_criticisms, done=f"{CRITICISMS}#c-{criticism_id}")


@router.get(DRAFT_LAWS, response_class=HTMLResponse)
async def draft_laws(request: Request, viewer: Staff) -> Response:
    return await _draft_laws(request, viewer)


async def _draft_laws(request: Request, viewer: Viewer, *, status: int = 200, **shown: Any
                      ) -> Response:
    found = await services_of(request).get("oversight", "/draft-laws")
    collects = {d["id"] for d in found
                if d["collector"] == viewer.agency.value and d["sending"] is None}
    return render(request, "oversight_draft_laws.html", status=status, laws=found,
                  collects=collects, opens=viewer.agency in COLLECTORS, **shown)


@router.post(DRAFT_LAWS)
async def open_consultation(request: Request, viewer: Staff) -> Response:
    form = await form_of(request)
    body, wrong = checked(form, OPEN_LAW)
    return await send(request, viewer, path="/draft-laws", body=body, wrong=wrong, form=form,
                      failed="new", rerender=_draft_laws,
                      done=lambda made: f"{DRAFT_LAWS}#d-{made['id']}")


@router.post(DRAFT_LAWS + "/{consultation_id}/{step}")
async def consultation_step(request: Request, consultation_id: UUID, step: str,
                            viewer: Staff) -> Response:
    if step not in ("y-kien", "gui"):
        raise HTTPException(404)
    form = await form_of(request)
    fields, path = (COMMENT, "comments") if step == "y-kien" else (SEND_ON, "send")
    body, wrong = checked(form, fields)
    return await send(request, viewer, path=f"/draft-laws/{consultation_id}/{path}",
                      body=body, wrong=wrong, form=form,
                      failed=f"{consultation_id}-{step}", rerender=_draft_laws,
                      done=f"{DRAFT_LAWS}#d-{consultation_id}")
