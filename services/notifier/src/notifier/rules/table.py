"""The rule table (rules.toml): who is told what, as data.

A ``[[rule]]`` maps an integration event type to recipients, a template and channels. A
``[[reminder]]`` names the event that starts watching a due date, the field holding it,
the events that stop it, and who is reminded. Recipients are small tables whose values are
literals or ``{field}`` references into the event's data:

    { agency = "{to_agency}", unit = "{to_unit}" }     the agency (and unit) forwarded to
    { agency = "hdnd", role = "deputy" }               every HĐND deputy
    { person = "{participants}" }                      one recipient per name in a list
    { each = "agenda", agency = "{prepared_by}" }      one per element of a list of objects
    { public = true }                                  the public feed

A reference that is exactly ``{field}`` takes the value as it is (a list expands into one
recipient per element; a missing value drops the recipient, or the unit).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from importlib import resources
from itertools import product
from typing import Any

from contracts import IntegrationEvent
from notifier.domain.notification import CHANNELS
from notifier.domain.recipients import Recipient

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
RECIPIENT_KEYS = {"agency", "unit", "role", "person", "public", "each"}


class RulesError(ValueError):
    """The rule table is not well formed."""


@dataclass(frozen=True)
class RecipientSpec:
    """One entry of a rule's ``recipients``."""

    values: dict[str, str]
    each: str | None = None
    public: bool = False

    def resolve(self, event: IntegrationEvent) -> list[Recipient]:
        if self.public:
            return [Recipient.public()]
        if self.each is None:
            return self._resolve_in([event])
        elements = getattr(event, self.each, None) or []
        return [r for element in elements for r in self._resolve_in([element, event])]

    def _resolve_in(self, scopes: list[Any]) -> list[Recipient]:
        names = sorted(self.values)
        choices = [_values(self.values[name], scopes) for name in names]
        found: list[Recipient] = []
        for combination in product(*choices):
            chosen = dict(zip(names, combination, strict=True))
            recipient = _recipient(chosen)
            if recipient is not None:
                found.append(recipient)
        return found


@dataclass(frozen=True)
class Rule:
    """An event type → recipients → template → channels."""

    id: str
    event: str
    recipients: tuple[RecipientSpec, ...]
    template: str
    channels: tuple[str, ...]
    where: dict[str, Any] = field(default_factory=dict)

    def applies_to(self, event: IntegrationEvent) -> bool:
        return event.cloudevent_type() == self.event and all(
            _plain(getattr(event, name, None)) == wanted for name, wanted in self.where.items()
        )

    def recipients_of(self, event: IntegrationEvent) -> list[Recipient]:
        return unique(r for spec in self.recipients for r in spec.resolve(event))


@dataclass(frozen=True)
class ReminderRule:
    """Watches a due date carried by ``start`` events until a ``stop`` event."""

    id: str
    start: str
    stop: tuple[str, ...]
    due: str
    started_on: str | None  # the field with the start date; else the event's time
    recipients: tuple[RecipientSpec, ...]
    overdue_also: tuple[RecipientSpec, ...]  # told too once it is overdue (đôn đốc)
    template: str
    channels: tuple[str, ...]
    before_due_rule: str = "reminder.before_due"
    overdue_every_rule: str = "reminder.overdue_every"
    # Events that move a watched due date to their own ``due`` field (a letter's extension):
    # the reminder keeps watching the same case, its stages start over from the move.
    moved_by: tuple[str, ...] = ()

    def recipients_of(self, event: IntegrationEvent) -> list[Recipient]:
        return unique(r for spec in self.recipients for r in spec.resolve(event))

    def overdue_recipients_of(self, event: IntegrationEvent) -> list[Recipient]:
        return unique(r for spec in self.overdue_also for r in spec.resolve(event))


@dataclass(frozen=True)
class FollowRule:
    """What the followers of an item are told of an event: ``item`` names the item
    (``petition:{petition_id}``), ``template`` the message (e-mail only)."""

    id: str
    event: str
    item: str
    template: str

    def item_of(self, event: IntegrationEvent) -> str:
        return str(_values(self.item, [event])[0])


@dataclass(frozen=True)
class RuleTable:
    rules: tuple[Rule, ...]
    reminders: tuple[ReminderRule, ...]
    follows: tuple[FollowRule, ...] = ()

    def follows_for(self, event: IntegrationEvent) -> list[FollowRule]:
        return [rule for rule in self.follows if rule.event == event.cloudevent_type()]

    def rules_for(self, event: IntegrationEvent) -> list[Rule]:
        return [rule for rule in self.rules if rule.applies_to(event)]

    def reminders_started_by(self, event_type: str) -> list[ReminderRule]:
        return [r for r in self.reminders if r.start == event_type]

    def reminders_moved_by(self, event_type: str) -> list[ReminderRule]:
        return [r for r in self.reminders if event_type in r.moved_by]

    def reminders_stopped_by(self, event_type: str) -> list[ReminderRule]:
        return [r for r in self.reminders if event_type in r.stop]

    def reminder(self, rule_id: str) -> ReminderRule:
        for reminder in self.reminders:
            if reminder.id == rule_id:
                return reminder
        raise RulesError(f"no reminder rule {rule_id!r}")

    def event_types(self) -> set[str]:
        types = {rule.event for rule in self.rules}
        for reminder in self.reminders:
            types |= {reminder.start, *reminder.stop, *reminder.moved_by}
        return types | {rule.event for rule in self.follows}

    def upstreams(self) -> list[str]:
        """The services whose streams the notifier must consume, e.g. petitions, sessions."""
        return sorted({event_type.split(".")[2] for event_type in self.event_types()})


def unique(recipients: Any) -> list[Recipient]:
    seen: dict[str, Recipient] = {}
    for recipient in recipients:
        seen.setdefault(recipient.key, recipient)
    return list(seen.values())


def load_rules(text: str) -> RuleTable:
    try:
        data = tomllib.loads(text)
        rules = tuple(_rule(entry) for entry in data.get("rule", []))
        reminders = tuple(_reminder(entry) for entry in data.get("reminder", []))
        follows = tuple(FollowRule(id=entry["id"], event=entry["event"], item=entry["item"],
                                   template=entry["template"])
                        for entry in data.get("follow", []))
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"rule table: {error!r}") from error
    ids = [r.id for r in rules] + [r.id for r in reminders] + [r.id for r in follows]
    if len(ids) != len(set(ids)):
        raise RulesError("two rules share an id")
    return RuleTable(rules, reminders, follows)


@cache
def default_rules() -> RuleTable:
    """The rule table shipped with the notifier (``notifier/rules/rules.toml``)."""
    return load_rules(resources.files("notifier.rules").joinpath("rules.toml").read_text("utf-8"))


def _rule(entry: dict[str, Any]) -> Rule:
    return Rule(
        id=entry["id"], event=entry["event"], recipients=_specs(entry["recipients"]),
        template=entry["template"],
        channels=_channels(entry["channels"]), where=dict(entry.get("where", {})),
    )


def _reminder(entry: dict[str, Any]) -> ReminderRule:
    return ReminderRule(
        id=entry["id"], start=entry["start"], stop=tuple(entry["stop"]), due=entry["due"],
        started_on=entry.get("started_on"), recipients=_specs(entry["recipients"]),
        overdue_also=_specs(entry.get("overdue_also", [])), template=entry["template"],
        channels=_channels(entry["channels"]),
        before_due_rule=entry.get("before_due_rule", "reminder.before_due"),
        overdue_every_rule=entry.get("overdue_every_rule", "reminder.overdue_every"),
        moved_by=tuple(entry.get("moved_by", [])),
    )


def _specs(entries: list[dict[str, Any]]) -> tuple[RecipientSpec, ...]:
    specs = []
    for entry in entries:
        unknown = set(entry) - RECIPIENT_KEYS
        if unknown:
            raise RulesError(f"unknown recipient keys {sorted(unknown)}")
        values = {k: str(v) for k, v in entry.items() if k not in ("each", "public")}
        specs.append(RecipientSpec(values, entry.get("each"), bool(entry.get("public"))))
    return tuple(specs)


def _channels(names: list[str]) -> tuple[str, ...]:
    unknown = set(names) - set(CHANNELS)
    if unknown:
        raise RulesError(f"unknown channels {sorted(unknown)}: use {', '.join(CHANNELS)}")
    return tuple(names)


def _values(expression: str, scopes: list[Any]) -> list[Any]:
    whole = PLACEHOLDER.fullmatch(expression)
    if whole:
        value = _lookup(whole.group(1), scopes)
        if isinstance(value, list | tuple):
            return [_plain(v) for v in value]
        return [_plain(value)]
    return [PLACEHOLDER.sub(lambda m: str(_plain(_lookup(m.group(1), scopes)) or ""),
                            expression)]


def _lookup(name: str, scopes: list[Any]) -> Any:
    for scope in scopes:
        if name in type(scope).model_fields:
            return getattr(scope, name)
    raise RulesError(f"no field {name!r} in {type(scopes[-1]).__name__}")


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _recipient(chosen: dict[str, Any]) -> Recipient | None:
    if chosen.get("person") is not None:
        return Recipient.of_person(str(chosen["person"])) if chosen["person"] else None
    agency = chosen.get("agency")
    if not agency:
        return None
    if chosen.get("role"):
        return Recipient.of_role(str(agency), str(chosen["role"]))
    return Recipient.of_agency(str(agency), chosen.get("unit") or None)
