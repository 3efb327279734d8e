"""Who may do what in oversight (decision 13): HĐND's bodies and MTTQ run their own
programmes and supervisions; only a recommendation's addressee answers it; the body that
issued it accepts the answer or reopens it; either side of an overlap resolves it."""

from __future__ import annotations

from contracts.vocabulary import Agency
from kernel.actor import Actor
from kernel.text import same_identifier
from oversight.domain.errors import NotPermittedError
from oversight.domain.values import NAMED_BODIES, SupervisingBody


def check_runs_body(actor: Actor, body: SupervisingBody, name: str, action: str) -> None:
    """The body's own agency; a person acting for one committee or deputy group (their
    token's unit) only for that one. The HĐND office (no unit) acts for every HĐND body."""
    if actor.agency != body.agency:
        raise NotPermittedError(
            f"only {body.agency.value} may {action} of {name}; you act for {actor.agency.value}")
    if body in NAMED_BODIES and actor.unit is not None and not same_identifier(actor.unit, name):
        raise NotPermittedError(f"{actor.unit} may not {action} of {name}")


def check_is_party(actor: Actor, agencies: frozenset[Agency], action: str) -> None:
    if actor.agency not in agencies:
        names = ", ".join(sorted(a.value for a in agencies))
        raise NotPermittedError(
            f"only {names} may {action}; you act for {actor.agency.value}")


def check_is_addressee(actor: Actor, agency: Agency, unit: str | None) -> None:
    """The agency the recommendation is addressed to, and its unit when one is named."""
    if actor.agency != agency:
        raise NotPermittedError(
            f"only the addressee ({agency.value}) answers this recommendation; "
            f"you act for {actor.agency.value}")
    if unit is not None and actor.unit is not None and not same_identifier(actor.unit, unit):
        raise NotPermittedError(f"this recommendation is addressed to {unit}, not {actor.unit}")
    if unit is not None and actor.unit is None:
        raise NotPermittedError(f"this recommendation is addressed to {unit}: answer as that unit")


# Social criticism (phản biện xã hội) is MTTQ's own task (Law on MTTQ 2015 art. 32-35,
# NQLT 403/2017); comments on draft laws are collected by the delegation and MTTQ.
CRITICS = frozenset({Agency.MTTQ})
DRAFT_LAW_COLLECTORS = frozenset({Agency.DBQH, Agency.MTTQ})


def check_runs_criticism(actor: Actor, action: str) -> None:
    """Only MTTQ receives drafts for social criticism, holds the conference and sends it."""
    check_is_party(actor, CRITICS, action)


def check_may_record_reply(actor: Actor, drafting_agency: Agency, drafting_unit: str | None
                           ) -> None:
    """The drafting body's reply is recorded by that body (its agency, and its unit when
    named) or by MTTQ, which received it (a reply that came on paper)."""
    if actor.agency in CRITICS:
        return
    if actor.agency != drafting_agency:
        raise NotPermittedError(
            f"only the drafting body ({drafting_agency.value}) or mttq records its reply; "
            f"you act for {actor.agency.value}")
    if drafting_unit is not None and actor.unit is not None \
            and not same_identifier(actor.unit, drafting_unit):
        raise NotPermittedError(f"the draft is {drafting_unit}'s, not {actor.unit}'s")


def check_collects_comments(actor: Actor, collector: Agency, action: str) -> None:
    """The delegation or MTTQ opens a collection of comments on a draft law; then only
    the one that opened it collects and sends them on."""
    check_is_party(actor, DRAFT_LAW_COLLECTORS, action)
    if actor.agency != collector:
        raise NotPermittedError(
            f"only {collector.value}, which collects these comments, may {action}; "
            f"you act for {actor.agency.value}")
