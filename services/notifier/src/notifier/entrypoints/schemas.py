"""HTTP request and response shapes (OpenAPI documents them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AnyHttpUrl, BaseModel, Field

from chassis.web.request_body import RequestBody
from notifier.domain.subscription import Audience

Text = dict[str, str]
NAME_MAX = 200
EventType = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]


class SubscriptionCreate(RequestBody):
    """Đăng ký webhook — register a webhook endpoint."""

    url: AnyHttpUrl = Field(description="Where to POST signed notifications (https).")
    event_types: list[EventType] = Field(
        min_length=1, max_length=100,
        description="Notification types: a CloudEvents type such as "
        "vn.phoihop.petitions.PetitionForwarded.v1, reminder.overdue, or a prefix ending "
        "in * (vn.phoihop.petitions.*, reminder.*, *).",
        examples=[["vn.phoihop.petitions.PetitionForwarded.v1", "reminder.*"]],
    )
    secret: str | None = Field(
        default=None, max_length=NAME_MAX,
        description="whsec_ followed by base64 of 24 to 64 random bytes; "
        "generated and returned once when omitted.",
    )
    audience: Audience = Field(
        default="agency", description="agency: what is addressed to your agency (or your "
        "unit) and public items; public: public items only; all: everything (operators).",
    )
    unit: str | None = Field(default=None, min_length=1, max_length=NAME_MAX,
                             description="Only this unit's items (and the agency-wide "
                             "ones); default: your token's unit, if any.")
    description: str | None = Field(default=None, max_length=500)


class SubscriptionPublic(BaseModel):
    id: UUID
    url: str
    event_types: list[str]
    audience: str
    owner_agency: str
    owner_unit: str | None
    owner_subject: str
    description: str | None
    active: bool
    created_at: datetime


class SubscriptionCreated(SubscriptionPublic):
    secret: str = Field(description="The signing secret: shown in this response and in its "
                        "replays under the same Idempotency-Key, never in a listing.")


class ContactCreate(RequestBody):
    """Địa chỉ thư điện tử nhận thông báo — an e-mail address for a recipient."""

    recipient: str = Field(
        min_length=1, max_length=2 * NAME_MAX,
        description="agency:<code>[/<unit>], role:<code>/<role> or person:<name>",
        examples=["agency:ubnd/Sở Xây dựng", "role:hdnd/deputy", "person:Nguyễn Văn An"],
    )
    email: str = Field(max_length=320, examples=["vanphong@soxaydung.tiengiang.gov.vn"])
    name: str | None = Field(default=None, max_length=NAME_MAX)


class ContactPublic(BaseModel):
    id: UUID
    recipient: str
    email: str
    name: str | None
    added_by: str
    active: bool
    created_at: datetime


class NotificationPublic(BaseModel):
    id: UUID
    type: str = Field(description="CloudEvents type of the cause, or reminder.<stage>.")
    rule_id: str
    recipient: str
    subject_id: str = Field(description="The record it is about, e.g. the petition id.")
    cause: str = Field(description="Upstream CloudEvent id, or the reminder stage.")
    occurred_at: datetime
    created_at: datetime
    title: Text = Field(description="{'vi': ..., 'en': ...}")
    body: Text
    channels: list[str]
    position: int | None = Field(default=None, description="Place in the notifier's log "
                                 "(the SSE event id).")


class Attempt(BaseModel):
    number: int
    at: datetime
    outcome: Literal["succeeded", "failed"]
    status_code: int | None = None
    duration_ms: int
    error: str | None = None


class DeliveryPublic(BaseModel):
    id: UUID
    notification_id: UUID
    channel: str
    target: str
    subscription_id: UUID | None
    owner_agency: str | None
    message_id: str = Field(description="webhook-id or Message-ID: the same on every attempt.")
    status: Literal["pending", "delivered", "dead", "cancelled"]
    attempt_count: int
    attempts: list[Attempt]
    next_attempt_at: datetime | None
    note: str | None
    scheduled_at: datetime


class ReminderPublic(BaseModel):
    id: UUID
    rule_id: str
    subject_id: str
    due_date: date
    started_on: date
    recipients: list[str]
    active: bool
    sent: list[str] = Field(description="Stages sent for the current due date.")
    stopped_by: str | None
