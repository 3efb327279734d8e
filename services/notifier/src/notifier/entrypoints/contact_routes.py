"""``/contacts``: the e-mail addresses notifications are sent to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.commands import run_command
from chassis.web.idempotency import IdempotencyKeyHeader
from chassis.web.problems import problem_responses
from notifier.domain.contact import Contact
from notifier.domain.policy import check_may_manage_contact, is_operator
from notifier.domain.recipients import Recipient
from notifier.entrypoints.deps import NotifierDep, actor
from notifier.entrypoints.schemas import ContactCreate, ContactPublic

router = APIRouter(prefix="/contacts", tags=["contacts"])


@router.post("", status_code=201, response_model=ContactPublic,
             summary="Thêm địa chỉ nhận thư — add an e-mail address for a recipient",
             responses=problem_responses(409))
def add_contact(body: ContactCreate, notifier: NotifierDep, principal: CurrentPrincipal,
                request: Request, key: IdempotencyKeyHeader = None) -> JSONResponse:
    recipient = Recipient.parse(body.recipient)
    check_may_manage_contact(principal, recipient)

    def command() -> Contact:
        return notifier.add_contact(recipient, body.email, body.name, actor(principal))

    return run_command("add_contact", notifier, principal, key, request, body, command,
                       lambda contact: contact.summary(), status_code=201)


@router.get("", response_model=list[ContactPublic],
            summary="Active contacts (your agency's; every one for operators)")
def list_contacts(notifier: NotifierDep, principal: CurrentPrincipal) -> Any:
    contacts = notifier.read_model.contacts()
    if is_operator(principal):
        return contacts
    mine = (f"agency:{principal.agency.value}", f"role:{principal.agency.value}/")
    return [c for c in contacts if c["recipient"].startswith(mine)
            or c["recipient"] == f"person:{principal.subject}"]


@router.delete("/{contact_id}", response_model=ContactPublic, summary="Remove a contact",
               responses=problem_responses(404, 409))
def remove_contact(contact_id: UUID, notifier: NotifierDep, principal: CurrentPrincipal,
                   request: Request, key: IdempotencyKeyHeader = None) -> JSONResponse:
    found = notifier.read_model.contact(contact_id)
    check_may_manage_contact(principal, Recipient.parse(found["recipient"]))
    return run_command("remove_contact", notifier, principal, key, request, None,
                       lambda: notifier.remove_contact(contact_id, actor(principal)),
                       lambda contact: contact.summary())
