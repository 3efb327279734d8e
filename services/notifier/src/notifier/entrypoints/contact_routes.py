"""``/contacts``: the e-mail addresses notifications are sent to."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from chassis.web.auth import CurrentPrincipal
from chassis.web.problems import problem_responses
from notifier.domain.recipients import Recipient
from notifier.entrypoints.deps import NotifierCommand, NotifierDep
from notifier.entrypoints.schemas import ContactCreate, ContactPublic

router = APIRouter(prefix="/contacts", tags=["contacts"])


@router.post("", status_code=201, response_model=ContactPublic,
             summary="Thêm địa chỉ nhận thư — add an e-mail address for a recipient",
             responses=problem_responses(409))
def add_contact(body: ContactCreate, command: NotifierCommand) -> JSONResponse:
    recipient = Recipient.parse(body.recipient)
    return command.run(
        "add_contact",
        lambda: command.app.add_contact(command.principal, recipient, body.email, body.name),
        lambda contact: contact.summary(), body=body, status_code=201,
    )


@router.get("", response_model=list[ContactPublic],
            summary="Active contacts (your agency's; every one for operators)")
def list_contacts(notifier: NotifierDep, principal: CurrentPrincipal) -> Any:
    return notifier.contacts_seen_by(principal)


@router.delete("/{contact_id}", response_model=ContactPublic, summary="Remove a contact",
               responses=problem_responses(404, 409))
def remove_contact(contact_id: UUID, command: NotifierCommand) -> JSONResponse:
    return command.run(
        "remove_contact", lambda: command.app.remove_contact(command.principal, contact_id),
        lambda contact: contact.summary(),
    )
