"""``/follows``, ``/followers``, ``/preferences``: following without an account, and how
often each recipient is e-mailed.

The follower's routes need no token: the portal calls them for a visitor, and the links in
the follower's e-mails carry their own token (``application/following.py``). They are
plain routes, never idempotent commands: an idempotency record would keep a fingerprint of
a body holding the address (decision 15's pitfall). No answer says whether an address
follows already.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import Field

from chassis.web.auth import CurrentPrincipal
from chassis.web.problems import problem_responses
from chassis.web.request_body import RequestBody
from kernel.actor import actor_ref
from notifier.domain.follower import Cadence
from notifier.domain.recipients import Recipient
from notifier.entrypoints.deps import NotifierDep

router = APIRouter(tags=["followers"])
Kind = Literal["petition", "resolution", "session", "topic"]
Language = Literal["vi", "en"]
Token = Field(min_length=1, max_length=100, description="The token of the link in the e-mail.")


class FollowRequest(RequestBody):
    """Theo dõi — follow an item by e-mail (a confirmation is sent first)."""

    email: str = Field(min_length=3, max_length=254, description="The follower's address.")
    kind: Kind = Field(description="What is followed.")
    item_id: UUID = Field(description="The petition's, resolution's, session's or topic's id.")
    language: Language = Field(default="vi", description="vi, or en for English first.")


class LinkToken(RequestBody):
    token: str = Token


class FollowerChoice(RequestBody):
    token: str = Token
    cadence: Cadence | None = Field(default=None, description="immediate, daily or weekly.")
    language: Language | None = None


class CadenceChoice(RequestBody):
    recipient: str = Field(min_length=1, max_length=300,
                           description="agency:<code>[/<unit>], role:…, person:<name>.")
    cadence: Cadence


ACCEPTED = {"status": "confirmation-sent",
            "detail": {"vi": "Nếu địa chỉ đúng, một thư xác nhận đã được gửi đến đó.",
                       "en": "If the address is right, a confirmation was sent to it."}}


@router.post("/follows", status_code=202, summary="Theo dõi — follow by e-mail (double opt-in)",
             responses=problem_responses(422))
def follow(body: FollowRequest, notifier: NotifierDep) -> dict[str, Any]:
    notifier.following.follow(body.email, body.kind, body.item_id, language=body.language)
    return ACCEPTED


@router.post("/follows/offered", status_code=202,
             summary="A clerk records a voter's consent to follow (the voter still confirms)",
             responses=problem_responses(401, 422))
def follow_offered(body: FollowRequest, notifier: NotifierDep,
                   principal: CurrentPrincipal) -> dict[str, Any]:
    notifier.following.follow(body.email, body.kind, body.item_id, language=body.language,
                              clerk=actor_ref(principal))
    return ACCEPTED


@router.post("/follows/{follow_id}/confirm", summary="Xác nhận — confirm a follow by its link",
             responses=problem_responses(403, 404, 422))
def confirm(follow_id: UUID, body: LinkToken, notifier: NotifierDep) -> dict[str, Any]:
    return notifier.following.confirm(follow_id, body.token)


@router.get("/followers/{follower_id}", summary="What a follower follows (by its link)",
            responses=problem_responses(403, 404))
def follower_settings(follower_id: UUID, token: str, notifier: NotifierDep) -> dict[str, Any]:
    return notifier.following.settings(follower_id, token)


@router.post("/followers/{follower_id}/unsubscribe", status_code=204,
             summary="Hủy theo dõi — stop everything, by the link alone",
             responses=problem_responses(403, 404, 422))
def unsubscribe(follower_id: UUID, body: LinkToken, notifier: NotifierDep) -> None:
    notifier.following.unsubscribe(follower_id, body.token)


@router.post("/followers/{follower_id}/preferences", status_code=204,
             summary="Daily or weekly digest, or each at once; language",
             responses=problem_responses(403, 404, 422))
def choose(follower_id: UUID, body: FollowerChoice, notifier: NotifierDep) -> None:
    notifier.following.choose(follower_id, body.token, cadence=body.cadence,
                              language=body.language)


@router.post("/followers/{follower_id}/erase", status_code=204,
             summary="Xóa địa chỉ — erase the address for good (crypto-shredding)",
             responses=problem_responses(403, 404, 422))
def erase(follower_id: UUID, body: LinkToken, notifier: NotifierDep) -> None:
    notifier.following.erase(follower_id, body.token)


@router.get("/preferences", summary="How often a recipient you may manage is e-mailed",
            responses=problem_responses(403, 422))
def cadence_of(recipient: str, notifier: NotifierDep,
               principal: CurrentPrincipal) -> dict[str, Any]:
    chosen = Recipient.parse(recipient)
    return {"recipient": chosen.key, "cadence": notifier.cadence_of(principal, chosen)}


@router.put("/preferences", summary="How often a recipient is e-mailed: immediate, daily, "
            "weekly (its inbox keeps every item)", responses=problem_responses(403, 422))
def choose_cadence(body: CadenceChoice, notifier: NotifierDep,
                   principal: CurrentPrincipal) -> dict[str, Any]:
    recipient = Recipient.parse(body.recipient)
    return {"recipient": recipient.key,
            "cadence": notifier.choose_cadence(principal, recipient, body.cadence)}
