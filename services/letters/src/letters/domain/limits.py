"""The statutory limits of a letter, from the rulebook: which rule applies to which case,
always under the version in force on the day the letter was received (the act's date), so
a letter received before Law 136/2025 took effect keeps the old text."""

from __future__ import annotations

from datetime import date

from kernel.rulebook import Deadline, Rulebook, RuleNotFoundError
from letters.domain.errors import RuleNotInForceError


def first_instance_rule(*, complex_case: bool, remote: bool) -> str:
    """Luật Khiếu nại 2011, Điều 28: 30 days (complex 45; remote 45, complex 60)."""
    if remote:
        return "complaint.first_instance.remote_complex" if complex_case \
            else "complaint.first_instance.remote"
    return "complaint.first_instance.complex" if complex_case else "complaint.first_instance"


def second_instance_rule(*, complex_case: bool, remote: bool) -> str:
    """Điều 37: 45 days (complex 60; remote 60, complex 70)."""
    if remote:
        return "complaint.second_instance.remote_complex" if complex_case \
            else "complaint.second_instance.remote"
    return "complaint.second_instance.complex" if complex_case else "complaint.second_instance"


def resolution_rule(*, denunciation: bool, instance: int, complex_case: bool,
                    remote: bool) -> str:
    if denunciation:
        return "denunciation.resolve"
    if instance == 2:
        return second_instance_rule(complex_case=complex_case, remote=remote)
    return first_instance_rule(complex_case=complex_case, remote=remote)


def initial_handling_rule(*, denunciation: bool, several_places: bool) -> str:
    """By when the body must accept the letter, forward it or guide the sender: complaints
    10 days (Điều 27), denunciations 7 working days or 10 at several places (Điều 29),
    petitions and reflections forwarded within 5 working days."""
    if denunciation:
        return ("denunciation.initial_handling.several_places" if several_places
                else "denunciation.initial_handling")
    return "complaint.accept"


class Limits:
    """The rulebook read for one letter: every date counted under the rules in force on
    ``received_on``."""

    def __init__(self, rulebook: Rulebook, received_on: date) -> None:
        self.rulebook = rulebook
        self.received_on = received_on

    def deadline(self, rule_id: str, start: date) -> Deadline:
        return self.rulebook.deadline(rule_id, start, in_force_on=self.received_on)

    def count(self, rule_id: str) -> int:
        return int(self.rulebook.rule(rule_id, self.received_on).value)

    def in_force(self, rule_id: str) -> bool:
        try:
            self.rulebook.rule(rule_id, self.received_on)
        except RuleNotFoundError:
            return False
        return True

    def require(self, rule_id: str, what: str) -> None:
        if not self.in_force(rule_id):
            raise RuleNotInForceError(
                f"{what} is not provided for by the law in force on "
                f"{self.received_on.isoformat()}, the day the letter was received")
