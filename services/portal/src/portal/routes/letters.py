"""Citizens' letters (đơn thư) for the clerks of the body handling them: the list with its
filters, a letter's page (limits, timeline) with the forms of the acts its state allows
(accept, forward, guide; extend, decide; withdraw; a second complaint), and the form
recording a letter received.

A denouncer's identity goes from the record form to the letters service's vault and never
comes back: no page shows it (the service answers only whether the vault holds one), a
refused form is shown again without it, and it is never in a URL (forms post, and the
redirect names the letter by id). Revealing it is not a portal page: the entitled leader
uses the API (``POST /letters/{id}/denouncer/reveal``), whose every use the vault records.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from kernel.clock import SystemClock, today_in_vietnam
from kernel.rulebook import RuleNotFoundError, default_rulebook
from portal.labels import LABELS
from portal.pages import form_of, render, services_of, shown_problem, staff
from portal.problems import ServiceProblem, ServiceUnavailable, status_of
from portal.viewer import Viewer, language_of

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]

DUE_SOON_DAYS = 5  # "sắp đến hạn": a limit within this many days from today
DUE_FILTERS = ("sap-den-han", "qua-han")  # due soon, overdue
DENOUNCER_FIELDS = ("name", "identity_number", "address", "phone", "email")
INTAKE_FIELDS = ("kind", "channel", "received_on", "summary", "sender_name")
INTAKE_FLAGS = ("remote", "complex_case", "several_places")
# What a clerk may choose when recording: anonymous denunciations are the service's call.
RECORDED_KINDS = ("complaint", "denunciation", "petition", "reflection")


@router.get("/don-thu", response_class=HTMLResponse)
async def letters_page(request: Request, viewer: Staff, loai: str | None = None,
                       trang_thai: str | None = None, han: str | None = None) -> Response:
    """The letters the viewer's body handles, by kind, state and due soon or overdue."""
    chosen = {"loai": loai or "", "trang_thai": trang_thai or "", "han": han or ""}
    bad = [name for name, value, allowed in (
        ("loai", loai, LABELS["letter_kind"]), ("trang_thai", trang_thai,
                                                LABELS["letter_status"]),
        ("han", han, DUE_FILTERS)) if value and value not in allowed]
    if bad:
        return render(request, "letters.html", status=422, letters=[], chosen=chosen,
                      bad_filters=bad, due_filters=DUE_FILTERS)
    found = await services_of(request).get(
        "letters", "/letters", viewer.token,
        params={"kind": loai, "status": trang_thai, "handler": viewer.agency.value})
    today = today_in_vietnam(SystemClock())
    items = [dict(letter, due=_next_due(letter)) for letter in found["items"]]
    if han:
        items = [letter for letter in items if _due_state(letter["due"], today) == han]
    items.sort(key=lambda letter: (letter["due"] or {}).get("due_on") or "9999")
    return render(request, "letters.html", letters=items, chosen=chosen, bad_filters=[],
                  due_filters=DUE_FILTERS, today=today.isoformat())


def _next_due(letter: dict[str, Any]) -> dict[str, Any] | None:
    """The limit the handling body works to now: handling (accept, forward, guide) while
    the letter waits, then resolving it; none once it is done."""
    if letter["status"] in ("received", "forwarded"):
        return letter.get("handling_due")
    if letter["status"] == "accepted":
        return letter.get("resolve_due")
    return None


def _due_state(due: dict[str, Any] | None, today: date) -> str | None:
    if due is None:
        return None
    if due["overdue"]:
        return "qua-han"
    if date.fromisoformat(due["due_on"]) <= today + timedelta(days=DUE_SOON_DAYS):
        return "sap-den-han"
    return None


@router.get("/don-thu/moi", response_class=HTMLResponse)
async def new_letter_page(request: Request, viewer: Staff) -> Response:
    return _new_form(request, {"received_on": today_in_vietnam(SystemClock()).isoformat()})


def _new_form(request: Request, values: dict[str, Any], status: int = 200,
              problem: dict[str, Any] | None = None) -> Response:
    return render(request, "letter_new.html", status=status, values=values, problem=problem,
                  kinds=RECORDED_KINDS)


@router.post("/don-thu")
async def record_letter(request: Request, viewer: Staff) -> Response:
    """Record a letter received by the viewer's body; a denunciation's sender to the vault."""
    form = await form_of(request)
    body: dict[str, Any] = {name: form.get(name) for name in INTAKE_FIELDS}
    body.update({flag: flag in form for flag in INTAKE_FLAGS})
    denouncer = {name: form.get(f"denouncer_{name}") for name in DENOUNCER_FIELDS}
    if any(denouncer.values()):
        body["denouncer"] = denouncer
    # Shown again only without the denouncer: a refused form must not carry the identity
    # back to the browser (nor, for a denunciation, a name typed in the sender's field).
    shown_again = {name: value for name, value in form.items()
                   if not name.startswith("denouncer_")
                   and not (name == "sender_name" and form.get("kind") == "denunciation")}
    try:
        letter = await services_of(request).post("letters", "/letters", viewer.token, body,
                                                 form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return _new_form(request, shown_again, status_of(error),
                         shown_problem(request, error))
    return RedirectResponse(f"/don-thu/{letter['id']}#trang-thai", status_code=303)


@router.get("/don-thu/{letter_id}", response_class=HTMLResponse)
async def letter_page(request: Request, letter_id: UUID, viewer: Staff) -> Response:
    return await _page(request, letter_id, viewer)


async def _page(request: Request, letter_id: UUID, viewer: Viewer, status: int = 200,
                problem: dict[str, Any] | None = None, values: dict[str, Any] | None = None,
                failed: str | None = None) -> Response:
    services = services_of(request)
    letter, history = await asyncio.gather(
        services.get("letters", f"/letters/{letter_id}", viewer.token),
        services.get("letters", f"/letters/{letter_id}/history", viewer.token))
    others = {code: words for code, words in _agencies(request).items()
              if code != viewer.agency.value}
    return render(request, "letter.html", status=status, letter=letter,
                  events=history["events"], may=_acts_allowed(letter, viewer),
                  problem=problem, values=values or {}, failed=failed, others=others,
                  today=today_in_vietnam(SystemClock()).isoformat())


def _acts_allowed(letter: dict[str, Any], viewer: Viewer) -> set[str]:
    """The forms the letter's page offers the viewer: what its state and the law in force
    on the day it was received allow (the service decides; the page offers no form that
    could only be refused)."""
    status, handles = letter["status"], letter["handler"] == viewer.agency.value
    received_on = date.fromisoformat(letter["received_on"])
    acts: set[str] = set()
    if handles and status in ("received", "forwarded"):
        acts |= {"accept", "forward", "guide"}
    if handles and status == "accepted":
        acts.add("decide")
        if letter["treated_as"] == "denunciation" and letter["extensions"] < _rule_value(
                "denunciation.max_extensions", received_on):
            acts.add("extend")
    if (handles and letter["treated_as"] == "complaint"
            and status in ("received", "accepted", "forwarded")
            and _rule_value("complaint.withdrawal", received_on)):
        acts.add("withdraw")
    # A second complaint is received by the body it is made to, not the first one's.
    if (letter["treated_as"] == "complaint" and letter["instance"] == 1
            and letter["appealed_by"] is None
            and (status == "decided" or (status == "accepted" and letter["resolve_due"]
                                         and letter["resolve_due"]["overdue"]))):
        acts.add("appeal")
    return acts


def _rule_value(rule_id: str, on: date) -> float:
    """The rulebook's value in force on ``on``; 0 when no version is."""
    try:
        return default_rulebook().rule(rule_id, on).value
    except RuleNotFoundError:
        return 0


def _agencies(request: Request) -> dict[str, str]:
    language = language_of(request)
    return {code: (en if language == "en" else vi)
            for code, (vi, en) in LABELS["agency"].items()}


async def _act(request: Request, letter_id: UUID, viewer: Viewer, action: str,
               body: dict[str, Any], form: dict[str, str]) -> Response:
    """One command on the letter; back to its page, or the page again with the error."""
    try:
        await services_of(request).post("letters", f"/letters/{letter_id}/{action}",
                                        viewer.token, body, form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _page(request, letter_id, viewer, status_of(error),
                           shown_problem(request, error), form, failed=action)
    return RedirectResponse(f"/don-thu/{letter_id}#trang-thai", status_code=303)


@router.post("/don-thu/{letter_id}/khieu-nai-lan-hai")
async def appeal(request: Request, letter_id: UUID, viewer: Staff) -> Response:
    """A second complaint against the letter's result, received by the viewer's body: on to
    the second complaint's own page."""
    form = await form_of(request)
    body: dict[str, Any] = {name: form.get(name) for name in INTAKE_FIELDS}
    body.update({flag: flag in form for flag in INTAKE_FLAGS if flag != "several_places"})
    body["kind"] = "complaint"
    try:
        second = await services_of(request).post(
            "letters", f"/letters/{letter_id}/appeal", viewer.token, body,
            form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _page(request, letter_id, viewer, status_of(error),
                           shown_problem(request, error), form, failed="appeal")
    return RedirectResponse(f"/don-thu/{second['id']}#trang-thai", status_code=303)


# The acts on a letter that are one command each: the page's path -> (the letters API's
# action, the form fields it takes).
ACTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "thu-ly": ("accept", ("accepted_on",)),
    "chuyen": ("forward", ("to", "reason", "forwarded_on")),
    "huong-dan": ("guide", ("reason", "guided_on")),
    "gia-han": ("extend", ("reason", "extended_on")),
    "quyet-dinh": ("decide", ("outcome", "decided_on")),
    "rut-don": ("withdraw", ("reason", "withdrawn_on")),
}


@router.post("/don-thu/{letter_id}/{act}")
async def act(request: Request, letter_id: UUID, act: str, viewer: Staff) -> Response:
    """Accept, forward, guide, extend, decide or withdraw (``ACTS``)."""
    if act not in ACTS:
        raise StarletteHTTPException(404)
    action, fields = ACTS[act]
    form = await form_of(request)
    return await _act(request, letter_id, viewer, action,
                      {name: form.get(name) for name in fields}, form)
