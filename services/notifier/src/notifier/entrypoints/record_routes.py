"""The records: ``/notifications``, ``/deliveries`` (with every attempt), ``/reminders``,
and the rule table ``/rules``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.history import HistoryPublic
from chassis.web.problems import problem_responses
from notifier.entrypoints.deps import NotifierCommand, NotifierDep
from notifier.entrypoints.schemas import DeliveryPublic, NotificationPublic, ReminderPublic

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]
UNKNOWN_ID = problem_responses(404)


@router.get("/notifications", response_model=list[NotificationPublic], tags=["records"],
            summary="Thông báo — notifications of one recipient you may read (every one "
            "for operators), newest first", responses=problem_responses(422))
def notifications(
    notifier: NotifierDep, principal: CurrentPrincipal, type: str | None = None,
    recipient: str | None = None, subject_id: str | None = None, rule_id: str | None = None,
    limit: Limit = 100, offset: Offset = 0,
) -> Any:
    return notifier.notifications_seen_by(
        principal, type=type, recipient=recipient, subject_id=subject_id, rule_id=rule_id,
        limit=limit, offset=offset,
    )


@router.get("/notifications/{notification_id}", response_model=NotificationPublic,
            tags=["records"], summary="One notification", responses=UNKNOWN_ID)
def notification(notification_id: UUID, notifier: NotifierDep,
                 principal: CurrentPrincipal) -> Any:
    return notifier.notification_seen_by(principal, notification_id)


@router.get("/notifications/{notification_id}/history", response_model=HistoryPublic,
            tags=["records"], summary="Its events", responses=UNKNOWN_ID)
def notification_history(notification_id: UUID, notifier: NotifierDep,
                         principal: CurrentPrincipal) -> Any:
    return HistoryPublic.of(notification_id,
                            notifier.notification_history(principal, notification_id))


@router.get("/deliveries", response_model=list[DeliveryPublic], tags=["records"],
            summary="Lần gửi — deliveries with every attempt (yours; all for operators)")
def deliveries(
    notifier: NotifierDep, principal: CurrentPrincipal,
    status: Literal["pending", "delivered", "dead", "cancelled"] | None = None,
    channel: Literal["webhook", "email"] | None = None, notification_id: UUID | None = None,
    limit: Limit = 100, offset: Offset = 0,
) -> Any:
    return notifier.deliveries_seen_by(
        principal, status=status, channel=channel, notification_id=notification_id,
        limit=limit, offset=offset,
    )


@router.get("/deliveries/{delivery_id}", response_model=DeliveryPublic, tags=["records"],
            summary="One delivery and its attempts", responses=UNKNOWN_ID)
def delivery(delivery_id: UUID, notifier: NotifierDep, principal: CurrentPrincipal) -> Any:
    return notifier.delivery_seen_by(principal, delivery_id)


@router.get("/deliveries/{delivery_id}/history", response_model=HistoryPublic,
            tags=["records"], summary="Its events: scheduled, each attempt, requeues",
            responses=UNKNOWN_ID)
def delivery_history(delivery_id: UUID, notifier: NotifierDep,
                     principal: CurrentPrincipal) -> Any:
    return HistoryPublic.of(delivery_id, notifier.delivery_history(principal, delivery_id))


@router.post("/deliveries/{delivery_id}/retry", response_model=DeliveryPublic,
             tags=["records"], summary="Gửi lại — send a dead delivery again",
             responses=problem_responses(404, 409))
def retry_delivery(delivery_id: UUID, command: NotifierCommand) -> JSONResponse:
    return command.run(
        "retry_delivery", lambda: command.app.requeue_delivery(command.principal, delivery_id),
        lambda delivery: delivery.summary(),
    )


@router.get("/reminders", response_model=list[ReminderPublic], tags=["records"],
            summary="Nhắc hạn — due dates being watched (yours; all for operators)")
def reminders(notifier: NotifierDep, principal: CurrentPrincipal,
              active: bool | None = None) -> Any:
    return notifier.reminders_seen_by(principal, active)


@router.get("/rules", tags=["rules"], summary="Quy tắc thông báo — the rule table (public)")
def rules(notifier: NotifierDep) -> dict[str, Any]:
    return {"rules": [asdict(rule) for rule in notifier.rules.rules],
            "reminders": [asdict(reminder) for reminder in notifier.rules.reminders]}
