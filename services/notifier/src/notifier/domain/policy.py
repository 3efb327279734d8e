"""Who may do what in the notifier (decision 6: each command checks who asks).

Pure rules on the caller; the application calls them before it acts, the routes only
authenticate.
"""

from __future__ import annotations

from collections.abc import Iterable

from kernel.actor import Actor, is_operator
from notifier.domain.errors import InvalidRecipientError, NotPermittedError
from notifier.domain.recipients import Recipient


def owner_filter(principal: Actor) -> str | None:
    """Whose records a listing shows: every one to an operator (None), else its agency's."""
    return None if is_operator(principal) else principal.agency.value


def check_operator(principal: Actor, what: str) -> None:
    if not is_operator(principal):
        raise NotPermittedError(f"only an operator (role admin or system) may {what}")


def check_owner_or_operator(principal: Actor, owner_agency: str | None, what: str) -> None:
    if is_operator(principal) or (owner_agency is not None
                                  and principal.agency.value == owner_agency):
        return
    raise NotPermittedError(f"only {owner_agency or 'an operator'} or an operator may {what}")


def may_manage_contact(principal: Actor, recipient: Recipient) -> bool:
    """An agency manages (and sees) its own addresses and its roles'; a person their own;
    an operator every one."""
    return (is_operator(principal)
            or (recipient.kind in ("agency", "role") and recipient.agency == principal.agency)
            or recipient.names(principal.subject))


def check_may_manage_contact(principal: Actor, recipient: Recipient) -> None:
    if not may_manage_contact(principal, recipient):
        raise NotPermittedError(f"you act for {principal.agency.value}: you may not manage "
                               f"the contacts of {recipient.key}")


def may_see_contact(principal: Actor, recipient_key: str) -> bool:
    """Who sees a stored contact: who may manage it."""
    try:
        return may_manage_contact(principal, Recipient.parse(recipient_key))
    except InvalidRecipientError:
        return is_operator(principal)


def may_read_notifications_of(principal: Actor, recipient_key: str) -> bool:
    """What is told to someone is theirs: a notification (and a reminder) is read by its
    recipient (the agency, any of its staff for an item to one of its units, the unit
    itself, the role, the person), by operators, and by anyone when it is public. Units
    and persons are compared as the listing filters them (``Recipient.canonical_key``:
    ``identifier_key``), so a key written in another form, case or spacing is neither
    refused to its recipient nor opened to a unit whose name differs only by an accent."""
    if is_operator(principal):
        return True
    try:
        recipient = Recipient.parse(recipient_key)
    except InvalidRecipientError:
        return False
    return recipient.is_public or recipient.reaches(principal)


def check_may_read_notifications_of(principal: Actor, recipient_key: str | None) -> None:
    """Listing notifications: an operator lists all; anyone else names a recipient they
    may read (their inbox, ``/inbox``, is the list of what reaches them)."""
    if is_operator(principal):
        return
    if recipient_key is None:
        raise NotPermittedError(
            "only an operator lists every notification: name the recipient you read for "
            "(?recipient=agency:<code>[/<unit>], role:<code>/<role> or person:<name>), "
            "or read /inbox"
        )
    Recipient.parse(recipient_key)  # a malformed recipient is a 422, not a 403
    if not may_read_notifications_of(principal, recipient_key):
        raise NotPermittedError(
            f"you act for {principal.agency.value}: the notifications of {recipient_key} "
            "are read only by that recipient or an operator"
        )


def may_read_reminder(principal: Actor, recipient_keys: Iterable[str]) -> bool:
    """A reminder is read by operators and by any recipient it is sent to."""
    return is_operator(principal) or any(
        may_read_notifications_of(principal, key) for key in recipient_keys)
