"""Idempotent commands: a repeat with the same ``Idempotency-Key`` gets the first response.

One mechanism for every service. The first response to a keyed command is stored as an
``IdempotencyRecord`` aggregate whose id is derived from who asked and the key, and it is
saved in the same ``save`` (one transaction) as the command's own events: either both are
stored or neither. A repeat with the same request gets the stored response and stores
nothing; the same key with a different request is refused (422, as the IETF draft on the
header says). When two same-key requests race, both run the command, but only one save can
create the record (its version 1 exists already for the other), so the loser's events are
not stored and it answers with the winner's response.

To use it, an Application mixes in ``IdempotentCommands`` (its ``save`` can then be held
back while a command runs) and a route calls ``execute_idempotently``. A command run this
way must not read back what it saved: its saves happen only after it has returned.

A response may hold what must never be stored in the clear, such as a signing secret shown
once to the caller. Its route then passes ``withheld``, the body as it is stored (the
secret left out), and ``replayed``, the answer a repeat gets, made from that stored body
(the route may read the secret back from where it is kept sealed).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from uuid import UUID, uuid5

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate, DomainEventProtocol, MutableOrImmutableAggregate
from eventsourcing.persistence import IntegrityError, Recording
from eventsourcing.utils import register_topic
from fastapi import Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from chassis.web.problems import Problem
from kernel.errors import Wording
from kernel.text import nfc

NAMESPACE = UUID("3d0f1a6e-52c4-5b8e-9a57-6c1f0e2d7b44")
BodyForm = Callable[[Any], Any]  # a JSON response body -> another one
MAX_KEY_LENGTH = 255
REPLAYED_HEADER = "Idempotent-Replayed"
T = TypeVar("T")


class InvalidIdempotencyKeyProblem(Problem):
    status, type_slug = 400, "invalid-idempotency-key"
    title = Wording("Invalid Idempotency-Key", "Idempotency-Key không hợp lệ")


class IdempotencyKeyReusedProblem(Problem):
    status, type_slug = 422, "idempotency-key-reused"
    title = Wording("Idempotency-Key reused", "Idempotency-Key đã được dùng")


class IdempotencyRecord(Aggregate):
    """The first response to one keyed command, and a fingerprint of its request."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        fingerprint: str
        status_code: int
        body: str

    class Stored(Aggregate.Created):
        fingerprint: str
        status_code: int
        body: str  # the response body as JSON text, replayed byte for byte

        def apply(self, record: IdempotencyRecord) -> None:
            record.fingerprint = self.fingerprint
            record.status_code = self.status_code
            record.body = self.body


@dataclass(frozen=True)
class IdempotentRequest:
    """A keyed command: who sent it (``scope``), the key, and a fingerprint of the request."""

    scope: str
    key: str
    fingerprint: str

    @property
    def record_id(self) -> UUID:
        return uuid5(NAMESPACE, f"{self.scope}\n{self.key}")

    @classmethod
    def of(cls, *, scope: str, key: str, method: str, path: str, body: Any) -> IdempotentRequest:
        if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
            raise InvalidIdempotencyKeyProblem(Wording(
                f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable ASCII characters",
                f"Idempotency-Key phải gồm 1 đến {MAX_KEY_LENGTH} ký tự ASCII in được",
            ))
        canonical = json.dumps(
            {"method": method.upper(), "path": path, "body": body},
            sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        )
        # The same text typed in NFD is the same request (request bodies are in NFC
        # already: chassis.web.request_body; this covers the path and any other body).
        return cls(scope, key, hashlib.sha256(nfc(canonical).encode("utf-8")).hexdigest())


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: Any  # a JSON value
    replayed: bool


@dataclass
class _Deferral:
    app: Application[UUID]
    objects: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)


_deferral: ContextVar[_Deferral | None] = ContextVar("phoihop_idempotency_deferral", default=None)


class IdempotentCommands(Application[UUID]):
    """Mix into an Application (before its base) so keyed commands save atomically."""

    def save(
        self,
        *objs: MutableOrImmutableAggregate[UUID] | DomainEventProtocol[UUID] | None,
        **kwargs: Any,
    ) -> list[Recording[UUID]]:
        deferral = _deferral.get()
        if deferral is not None and deferral.app is self:
            deferral.objects.extend(objs)
            deferral.kwargs.update(kwargs)
            return []
        return super().save(*objs, **kwargs)


def execute_idempotently(
    app: IdempotentCommands,
    request: IdempotentRequest | None,
    command: Callable[[], T],
    render: Callable[[T], Any],
    *,
    status_code: int = 200,
    withheld: BodyForm = lambda body: body,
    replayed: BodyForm = lambda body: body,
) -> StoredResponse:
    """Run ``command`` once per request key; ``render`` makes its JSON response body.

    The record keeps ``withheld(body)``; a repeat is answered ``replayed(kept body)``.
    """
    if request is None:
        return StoredResponse(status_code, render(command()), replayed=False)
    stored = stored_response(app, request)
    if stored is not None:
        return _replay(stored, replayed)
    deferral = _Deferral(app)
    token = _deferral.set(deferral)
    try:
        result = command()
    finally:
        _deferral.reset(token)
    body = render(result)
    record = IdempotencyRecord._create(
        IdempotencyRecord.Stored, id=request.record_id, fingerprint=request.fingerprint,
        status_code=status_code, body=json.dumps(withheld(body), ensure_ascii=False),
    )
    try:
        app.save(*deferral.objects, record, **deferral.kwargs)
    except IntegrityError:
        # Either a same-key request won the race (answer as it did) or the command's own
        # aggregates changed meanwhile (a real conflict: let it propagate).
        stored = stored_response(app, request)
        if stored is None:
            raise
        return _replay(stored, replayed)
    return StoredResponse(status_code, body, replayed=False)


def _replay(stored: StoredResponse, replayed: BodyForm) -> StoredResponse:
    return StoredResponse(stored.status_code, replayed(stored.body), replayed=True)


def stored_response(app: Application[UUID], request: IdempotentRequest) -> StoredResponse | None:
    """The response stored for this key, if any; refuses a key reused for another request."""
    try:
        record: object = app.repository.get(request.record_id)
    except AggregateNotFoundError:
        return None
    if not isinstance(record, IdempotencyRecord):
        raise IdempotencyKeyReusedProblem(Wording(
            "this Idempotency-Key cannot be used", "không dùng được Idempotency-Key này"))
    if record.fingerprint != request.fingerprint:
        raise IdempotencyKeyReusedProblem(Wording(
            "this Idempotency-Key was already used for a different request",
            "Idempotency-Key này đã được dùng cho một yêu cầu khác",
        ))
    return StoredResponse(record.status_code, json.loads(record.body), replayed=True)


# -- FastAPI side ---------------------------------------------------------------------------

KEY_RULES = (
    "Makes the command safe to retry (khóa chống lặp lệnh). Optional. "
    f"1 to {MAX_KEY_LENGTH} printable ASCII characters (a new UUID for each command will "
    f"do), else 400 `{InvalidIdempotencyKeyProblem.type_slug}`. A key belongs to the caller "
    "who sent it. A repeat with the same key, method, path and body changes nothing: it gets "
    f"the first response again, same status and body, with `{REPLAYED_HEADER}: true`. The "
    "same key with a different body (or on another route) is refused with 422 "
    f"`{IdempotencyKeyReusedProblem.type_slug}`, and nothing is stored. Without a key, "
    "each request runs the command again."
)
"""The header's rules, as the OpenAPI documents give them on every command route."""

IdempotencyKeyHeader = Annotated[
    str | None, Header(alias="Idempotency-Key", description=KEY_RULES),
]


def idempotent_request(
    scope: str, key: str | None, request: Request, body: BaseModel | None
) -> IdempotentRequest | None:
    """The keyed request for a route, or None when the client sent no key."""
    if key is None:
        return None
    payload = body.model_dump(mode="json") if body is not None else None
    return IdempotentRequest.of(
        scope=scope, key=key, method=request.method, path=request.url.path, body=payload
    )


def json_response(stored: StoredResponse) -> JSONResponse:
    headers = {REPLAYED_HEADER: "true"} if stored.replayed else None
    return JSONResponse(stored.body, status_code=stored.status_code, headers=headers)


# Stores written before the chassis was grouped name this module's old place in their
# events' topics: they must keep loading (tests/test_stored_events.py).
register_topic("chassis.idempotency:IdempotencyRecord", IdempotencyRecord)
