"""Checks the rule table against the contracts and the templates, at start and in tests.

A rule naming an event nobody publishes, a field the event lacks or a template with a
placeholder it cannot fill would otherwise fail only when that event arrives.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from contracts import IntegrationEvent, event_class_for_type
from notifier.rules.table import PLACEHOLDER, RecipientSpec, RulesError, RuleTable
from notifier.rules.templates import Templates

REMINDER_EXTRAS = {"days_left", "days_overdue", "overdue_number"}
STAGES = ("before_due", "due", "overdue")
FOLLOW_EXTRAS = {"item_url"}  # the item's page in the portal
DIGEST_TEMPLATES = ("digest_daily", "digest_weekly")
DIGEST_EXTRAS = {"period", "count", "items"}


def check_rules(table: RuleTable, templates: Templates) -> None:
    """Raises ``RulesError`` listing every problem found."""
    problems: list[str] = []
    for rule in table.rules:
        model = _model(rule.event, rule.id, problems)
        if model is not None:
            problems += _recipients(rule.id, model, rule.recipients)
            problems += _template(rule.id, rule.template, templates, set(model.model_fields))
            problems += [f"{rule.id}: where on unknown field {name}"
                         for name in rule.where if name not in model.model_fields]
    for reminder in table.reminders:
        model = _model(reminder.start, reminder.id, problems)
        for stop in reminder.stop:
            _model(stop, reminder.id, problems)
        for moving in reminder.moved_by:  # it must carry the new due date
            moved = _model(moving, reminder.id, problems)
            if moved is not None and reminder.due not in moved.model_fields:
                problems.append(f"{reminder.id}: {moving} has no field {reminder.due}")
        if model is None:
            continue
        fields = set(model.model_fields)
        problems += [f"{reminder.id}: no field {name}" for name in (reminder.due,
                     reminder.started_on) if name is not None and name not in fields]
        problems += _recipients(reminder.id, model, reminder.recipients + reminder.overdue_also)
        for stage in STAGES:
            problems += _template(reminder.id, f"{reminder.template}.{stage}", templates,
                                  fields | REMINDER_EXTRAS)
    for follow in table.follows:
        model = _model(follow.event, follow.id, problems)
        if model is None:
            continue
        fields = set(model.model_fields)
        problems += [f"{follow.id}: no field {name}" for name in PLACEHOLDER.findall(follow.item)
                     if name not in fields]
        problems += _template(follow.id, follow.template, templates, fields | FOLLOW_EXTRAS)
    for name in DIGEST_TEMPLATES:
        problems += _template(name, name, templates, DIGEST_EXTRAS)
    if problems:
        raise RulesError("; ".join(problems))


def _model(event_type: str, rule_id: str, problems: list[str]) -> type[IntegrationEvent] | None:
    model = event_class_for_type(event_type)
    if model is None:
        problems.append(f"{rule_id}: no integration event {event_type}")
    return model


def _recipients(rule_id: str, model: type[BaseModel], specs: tuple[RecipientSpec, ...]
                ) -> list[str]:
    problems = []
    for spec in specs:
        fields = set(model.model_fields)
        if spec.each is not None:
            element = _element_model(model, spec.each)
            if element is None:
                problems.append(f"{rule_id}: each = {spec.each!r} is not a list of objects")
                continue
            fields |= set(element.model_fields)
        for value in spec.values.values():
            problems += [f"{rule_id}: no field {name}" for name in PLACEHOLDER.findall(value)
                         if name not in fields]
    return problems


def _element_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    field = model.model_fields.get(name)
    if field is None:
        return None
    args: tuple[Any, ...] = typing.get_args(field.annotation)
    if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        return args[0]
    return None


def _template(rule_id: str, name: str, templates: Templates, fields: set[str]) -> list[str]:
    try:
        template = templates.get(name)
    except RulesError as error:
        return [f"{rule_id}: {error}"]
    return [f"{rule_id}: template {name} uses {{{p}}}, which it lacks"
            for p in sorted(template.placeholders() - fields)]
