"""Who may do what in the notifier (decision 6: each command checks who asks)."""

from __future__ import annotations

from chassis.web.auth import Principal
from chassis.web.problems import ForbiddenProblem
from notifier.domain.recipients import Recipient, slug

OPERATOR_ROLES = ("admin", "system")


def is_operator(principal: Principal) -> bool:
    return principal.role in OPERATOR_ROLES


def check_operator(principal: Principal, what: str) -> None:
    if not is_operator(principal):
        raise ForbiddenProblem(f"only an operator (role admin or system) may {what}")


def check_owner_or_operator(principal: Principal, owner_agency: str | None, what: str) -> None:
    if is_operator(principal) or (owner_agency is not None
                                  and principal.agency.value == owner_agency):
        return
    raise ForbiddenProblem(f"only {owner_agency or 'an operator'} or an operator may {what}")


def check_may_manage_contact(principal: Principal, recipient: Recipient) -> None:
    """An agency manages its own addresses (and its roles'); a person their own."""
    if is_operator(principal):
        return
    if recipient.kind in ("agency", "role") and recipient.agency == principal.agency:
        return
    if recipient.kind == "person" and slug(recipient.person or "") == slug(principal.subject):
        return
    raise ForbiddenProblem(f"you act for {principal.agency.value}: you may not manage "
                           f"the contacts of {recipient.key}")
