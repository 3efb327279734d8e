"""Who may do what in the notifier (decision 6: each command checks who asks).

Pure rules on the caller; the application calls them before it acts, the routes only
authenticate.
"""

from __future__ import annotations

from kernel.actor import Actor, is_operator
from notifier.domain.errors import NotPermittedError
from notifier.domain.recipients import Recipient, slug


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


def check_may_manage_contact(principal: Actor, recipient: Recipient) -> None:
    """An agency manages its own addresses (and its roles'); a person their own."""
    if is_operator(principal):
        return
    if recipient.kind in ("agency", "role") and recipient.agency == principal.agency:
        return
    if recipient.kind == "person" and slug(recipient.person or "") == slug(principal.subject):
        return
    raise NotPermittedError(f"you act for {principal.agency.value}: you may not manage "
                           f"the contacts of {recipient.key}")


def may_see_contact(principal: Actor, recipient_key: str) -> bool:
    """An operator sees every contact; others their agency's, its roles' and their own."""
    if is_operator(principal):
        return True
    agency = principal.agency.value
    return (recipient_key.startswith((f"agency:{agency}", f"role:{agency}/"))
            or recipient_key == f"person:{principal.subject}")
