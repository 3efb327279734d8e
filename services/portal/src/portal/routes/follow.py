"""Following by e-mail without an account (the notifier keeps the followers): the form on
an item's page, the confirmation page, and the follower's page from the link in every
e-mail (what they follow, how often, unsubscribe, erase).

The pages that a link opens never act on a GET: a mail scanner that opens links must not
confirm or unsubscribe anyone. The button posts; the unsubscribe address also takes the
one-click POST of RFC 8058 that mail clients send (``List-Unsubscribe=One-Click``). The
address typed in the form goes to the notifier and never back into a page, a URL or a log.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from portal import words
from portal.pages import form_of, render, services_of, shown_problem
from portal.problems import ServiceProblem, ServiceUnavailable, status_of
from portal.viewer import language_of

router = APIRouter()
KINDS = {"petition": "kien-nghi", "resolution": "nghi-quyet", "session": "ky-hop"}


def item_page(kind: str, item_id: str) -> str:
    """The portal page of a followed item; a supervision topic is on the programmes' page
    (it has no page of its own, as the notifier's links say too)."""
    if kind == "topic":
        return "/giam-sat"
    return f"/{KINDS.get(kind, 'kien-nghi')}/{item_id}"


@router.post("/theo-doi")
async def follow(request: Request) -> Response:
    """The form on an item's page: the notifier sends the confirmation."""
    form = await form_of(request)
    kind, item_id = form.get("kind", ""), form.get("item_id", "")
    body = {"email": form.get("email", ""), "kind": kind, "item_id": item_id,
            "language": form.get("language", "vi")}
    try:
        await services_of(request).post("notifier", "/follows", None, body)
    except (ServiceProblem, ServiceUnavailable) as error:
        # Shown again without the address: it is never written back into a page.
        return _page(request, "form", status=status_of(error),
                     problem=shown_problem(request, error), kind=kind, item_id=item_id)
    return _page(request, "sent", back=item_page(kind, item_id))


@router.get("/theo-doi/xac-nhan/{follow_id}", response_class=HTMLResponse)
async def confirm_page(request: Request, follow_id: UUID, t: str = "") -> Response:
    return _page(request, "confirm", action=f"/theo-doi/xac-nhan/{follow_id}?t={t}")


@router.post("/theo-doi/xac-nhan/{follow_id}")
async def confirm(request: Request, follow_id: UUID, t: str = "") -> Response:
    try:
        confirmed = await services_of(request).post(
            "notifier", f"/follows/{follow_id}/confirm", None, {"token": t})
    except ServiceProblem as error:
        return _page(request, "bad_link", status=status_of(error),
                     problem=shown_problem(request, error))
    kind, _, item_id = confirmed["item"].partition(":")
    return _page(request, "confirmed", back=item_page(kind, item_id))


@router.get("/theo-doi/huy/{follower_id}", response_class=HTMLResponse)
async def follower_page(request: Request, follower_id: UUID, t: str = "",
                        da_luu: bool = False) -> Response:
    """What the follower follows, how often, and the buttons to stop or erase."""
    try:
        follower = await services_of(request).get(
            "notifier", f"/followers/{follower_id}", params={"token": t})
    except ServiceProblem as error:
        return _page(request, "bad_link", status=status_of(error),
                     problem=shown_problem(request, error))
    return _page(request, "manage", follower=follower, token=t, saved=da_luu,
                 base=f"/theo-doi/huy/{follower_id}",
                 follows=[{**f, "page": item_page(*f["item"].split(":", 1))}
                          for f in follower["follows"]])


@router.post("/theo-doi/huy/{follower_id}")
async def unsubscribe(request: Request, follower_id: UUID, t: str = "") -> Response:
    """The button, and a mail client's one-click POST (RFC 8058): the link alone."""
    return await _by_link(request, follower_id, t, "unsubscribe", "unsubscribed")


@router.post("/theo-doi/xoa/{follower_id}")
async def erase(request: Request, follower_id: UUID, t: str = "") -> Response:
    return await _by_link(request, follower_id, t, "erase", "erased")


@router.post("/theo-doi/cai-dat/{follower_id}")
async def preferences(request: Request, follower_id: UUID, t: str = "") -> Response:
    form = await form_of(request)
    body = {"token": t, "cadence": form.get("cadence"), "language": form.get("language")}
    try:
        await services_of(request).post("notifier", f"/followers/{follower_id}/preferences",
                                        None, body)
    except ServiceProblem as error:
        return _page(request, "bad_link", status=status_of(error),
                     problem=shown_problem(request, error))
    return RedirectResponse(f"/theo-doi/huy/{follower_id}?t={t}&da_luu=true#cai-dat",
                            status_code=303)


async def _by_link(request: Request, follower_id: UUID, token: str, action: str,
                   state: str) -> Response:
    try:
        await services_of(request).post("notifier", f"/followers/{follower_id}/{action}",
                                        None, {"token": token})
    except ServiceProblem as error:
        return _page(request, "bad_link", status=status_of(error),
                     problem=shown_problem(request, error))
    return _page(request, state)


def _page(request: Request, state: str, status: int = 200, **context: Any) -> HTMLResponse:
    return render(request, "follow.html", status=status, state=state, **context)


async def offer_at_meeting(request: Request, form: dict[str, str], petition_id: str,
                           token: str) -> dict[str, Any] | None:
    """A clerk recording a petition offered the voter the follow: registered with the
    clerk's consent record (the voter still confirms). The problem to show, if any."""
    if not form.get("follow_email"):
        return None
    language = language_of(request)
    if form.get("follow_consent") != "yes":
        return {"message": words.text("follow_offer_consent_missing", language),
                "fields": {"follow_consent": words.text("follow_consent", language)},
                "detail": ""}
    body = {"email": form["follow_email"], "kind": "petition", "item_id": petition_id,
            "language": form.get("follow_language", "vi")}
    try:
        await services_of(request).post("notifier", "/follows/offered", token, body)
    except (ServiceProblem, ServiceUnavailable) as error:
        shown = shown_problem(request, error)
        shown["message"] = f"{words.text('follow_offer_failed', language)}: {shown['message']}"
        shown["fields"] = {f"follow_{name}": words_ for name, words_ in shown["fields"].items()}
        return shown
    return None
