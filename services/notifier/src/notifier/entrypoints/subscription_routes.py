"""``/subscriptions``: other systems register webhooks, see and cancel them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.commands import run_command
from chassis.web.idempotency import IdempotencyKeyHeader
from chassis.web.problems import problem_responses
from notifier.domain.policy import check_operator, check_owner_or_operator, is_operator
from notifier.domain.subscription import Subscription
from notifier.entrypoints.deps import NotifierDep, SettingsDep, actor
from notifier.entrypoints.schemas import (
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionPublic,
)

router = APIRouter(prefix="/subscriptions", tags=["webhooks"])


@router.post("", status_code=201, response_model=SubscriptionCreated,
             summary="Đăng ký webhook — register a signed webhook")
def register(
    body: SubscriptionCreate, notifier: NotifierDep, settings: SettingsDep,
    principal: CurrentPrincipal, request: Request, key: IdempotencyKeyHeader = None,
) -> JSONResponse:
    if body.audience == "all":
        check_operator(principal, "subscribe to every notification")

    def command() -> Subscription:
        return notifier.register_subscription(
            url=str(body.url), event_types=body.event_types, secret=body.secret,
            audience=body.audience, owner_agency=principal.agency.value,
            owner_unit=body.unit or principal.unit, owner_subject=actor(principal),
            description=body.description, allow_http=settings.http_webhooks_allowed,
            allow_private=settings.internal_webhooks_allowed,
        )

    def render(subscription: Subscription) -> dict[str, Any]:
        return {**subscription.summary(), "secret": subscription.secret}

    return run_command("register_subscription", notifier, principal, key, request, body,
                       command, render, status_code=201)


@router.get("", response_model=list[SubscriptionPublic], summary="Your webhooks")
def list_subscriptions(notifier: NotifierDep, principal: CurrentPrincipal) -> Any:
    owner = None if is_operator(principal) else principal.agency.value
    return notifier.read_model.subscriptions(owner)


@router.get("/{subscription_id}", response_model=SubscriptionPublic, summary="One webhook",
            responses=problem_responses(404))
def get_subscription(subscription_id: UUID, notifier: NotifierDep,
                     principal: CurrentPrincipal) -> Any:
    found = notifier.read_model.subscription(subscription_id)
    check_owner_or_operator(principal, found["owner_agency"], "see this subscription")
    return found


@router.delete("/{subscription_id}", response_model=SubscriptionPublic,
               summary="Cancel a webhook (pending deliveries to it are cancelled)",
               responses=problem_responses(404, 409))
def cancel(subscription_id: UUID, notifier: NotifierDep, principal: CurrentPrincipal,
           request: Request, key: IdempotencyKeyHeader = None) -> JSONResponse:
    found = notifier.read_model.subscription(subscription_id)
    check_owner_or_operator(principal, found["owner_agency"], "cancel this subscription")
    return run_command(
        "cancel_subscription", notifier, principal, key, request, None,
        lambda: notifier.cancel_subscription(subscription_id, actor(principal)),
        lambda subscription: subscription.summary(),
    )
