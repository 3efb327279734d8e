"""Staff forms of a council session, on the session's page: HĐND plans it, holds the joint
meeting, convenes, records each vote and closes; UBND (or HĐND) submits documents. Each
form is one command of the sessions service; a refusal comes back in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from portal.labels import LABELS
from portal.pages import form_of, render, services_of, shown_problem, staff
from portal.problems import ServiceProblem, ServiceUnavailable, status_of
from portal.routes.sessions import session_view
from portal.viewer import Viewer

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
Body = Callable[[dict[str, str]], dict[str, Any]]


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _joint_meeting(form: dict[str, str]) -> dict[str, Any]:
    # One agenda line, one draft resolution prepared by UBND: the usual case; other kinds
    # and preparers are a later step of this form.
    return {
        "held_on": form.get("held_on"), "agreed_opening": form.get("agreed_opening"),
        "agreed_closing": form.get("agreed_closing"),
        "attending": [agency for agency in LABELS["agency"] if form.get(f"attending_{agency}")],
        "agenda": [{"title": title, "kind": "draft_resolution", "prepared_by": "ubnd"}
                   for title in _lines(form.get("agenda"))],
    }


def _picked(form: dict[str, str], *names: str) -> dict[str, Any]:
    return {name: form.get(name) for name in names}


# action (the portal's path) → the service's path, and the body from the form
COMMANDS: dict[str, tuple[str, Body]] = {
    "lien-tich": ("joint-meeting", _joint_meeting),
    "tai-lieu": ("documents", lambda f: _picked(f, "kind", "title", "field", "submitted_on")),
    "khai-mac": ("convene", lambda f: _picked(f, "present", "opened_on")),
    "bieu-quyet": ("votes", lambda f: _picked(f, "document_id", "yes", "no", "abstain",
                                               "absent", "number", "voted_on")),
    "be-mac": ("close", lambda f: _picked(f, "closed_on")),
}


@router.get("/ky-hop/moi", response_class=HTMLResponse)
async def new_session(request: Request, viewer: Staff) -> Response:
    return render(request, "session_new.html", values={"kind": "regular"})


@router.post("/ky-hop")
async def plan_session(request: Request, viewer: Staff) -> Response:
    form = await form_of(request)
    body = _picked(form, "number", "term", "title", "kind", "planned_opening",
                   "planned_closing", "place", "total_deputies")
    try:
        session = await services_of(request).post("sessions", "/sessions", viewer.token, body,
                                                  form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return render(request, "session_new.html", status=status_of(error), values=form,
                      problem=shown_problem(request, error))
    return RedirectResponse(f"/ky-hop/{session['id']}", status_code=303)


@router.post("/ky-hop/{session_id}/{action}")
async def session_command(request: Request, session_id: UUID, action: str, viewer: Staff
                          ) -> Response:
    if action not in COMMANDS:
        raise HTTPException(404)
    path, body_of = COMMANDS[action]
    form = await form_of(request)
    try:
        await services_of(request).post("sessions", f"/sessions/{session_id}/{path}",
                                        viewer.token, body_of(form),
                                        form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await session_view(request, session_id, status=status_of(error),
                                  problem=shown_problem(request, error), values=form,
                                  failed=action)
    return RedirectResponse(f"/ky-hop/{session_id}#h-votes" if action == "bieu-quyet"
                            else f"/ky-hop/{session_id}", status_code=303)
