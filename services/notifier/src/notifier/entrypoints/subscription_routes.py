"""``/subscriptions``: other systems register webhooks, see and cancel them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.problems import problem_responses
from notifier.domain.subscription import Subscription
from notifier.entrypoints.deps import NotifierCommand, NotifierDep, SettingsDep
from notifier.entrypoints.schemas import (
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionPublic,
)

router = APIRouter(prefix="/subscriptions", tags=["webhooks"])


@router.post("", status_code=201, response_model=SubscriptionCreated,
             summary="Đăng ký webhook — register a signed webhook")
def register(body: SubscriptionCreate, settings: SettingsDep, command: NotifierCommand
             ) -> JSONResponse:
    def use_case() -> Subscription:
        return command.app.register_subscription(
            command.principal, url=str(body.url), event_types=body.event_types,
            secret=body.secret, audience=body.audience, unit=body.unit,
            description=body.description, allow_http=settings.http_webhooks_allowed,
            allow_private=settings.internal_webhooks_allowed,
        )

    def render(subscription: Subscription) -> dict[str, Any]:
        return {**subscription.summary(), "secret": command.app.sealer.open(subscription.secret)}

    # The idempotency record keeps the response without the secret; a replay (same caller,
    # same key, same request) reads it back from the subscription, where it is sealed.
    def withheld(created: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in created.items() if name != "secret"}

    def replayed(kept: dict[str, Any]) -> dict[str, Any]:
        return {**kept, "secret": command.app.webhook_secret(UUID(kept["id"]))}

    return command.run("register_subscription", use_case, render, body=body, status_code=201,
                       withheld=withheld, replayed=replayed)


@router.get("", response_model=list[SubscriptionPublic], summary="Your webhooks")
def list_subscriptions(notifier: NotifierDep, principal: CurrentPrincipal) -> Any:
    return notifier.subscriptions_seen_by(principal)


@router.get("/{subscription_id}", response_model=SubscriptionPublic, summary="One webhook",
            responses=problem_responses(404))
def get_subscription(subscription_id: UUID, notifier: NotifierDep,
                     principal: CurrentPrincipal) -> Any:
    return notifier.subscription_seen_by(principal, subscription_id)


@router.delete("/{subscription_id}", response_model=SubscriptionPublic,
               summary="Cancel a webhook (pending deliveries to it are cancelled)",
               responses=problem_responses(404, 409))
def cancel(subscription_id: UUID, command: NotifierCommand) -> JSONResponse:
    return command.run(
        "cancel_subscription",
        lambda: command.app.cancel_subscription(command.principal, subscription_id),
        lambda subscription: subscription.summary(),
    )
