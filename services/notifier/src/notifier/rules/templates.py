"""Message templates (templates.toml), in Vietnamese and English.

A template has a ``title`` and a ``body`` in each language, with ``{field}`` placeholders
filled from the event's data (and, for reminders, ``days_left``, ``days_overdue`` and
``overdue_number``). Values are written for people: agency codes become the bodies'
names, dates dd/mm/yyyy in Vietnamese, fields and statuses their labels. A body line
whose placeholders are all empty is left out, so optional details need no conditionals.
Only plain names are substituted (no attribute access, no format specs).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from notifier.rules.table import RulesError

LANGUAGES = ("vi", "en")
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

LABELS: dict[str, dict[Enum, str]] = {
    "vi": {
        Agency.DBQH: "Đoàn đại biểu Quốc hội", Agency.HDND: "Hội đồng nhân dân",
        Agency.UBND: "Ủy ban nhân dân", Agency.MTTQ: "Ủy ban Mặt trận Tổ quốc Việt Nam",
        JurisdictionLevel.CENTRAL: "trung ương", JurisdictionLevel.PROVINCE: "tỉnh",
        JurisdictionLevel.DISTRICT: "huyện", JurisdictionLevel.COMMUNE: "xã",
        ResolutionStatus.RESOLVED: "đã giải quyết xong",
        ResolutionStatus.IN_PROGRESS: "đang giải quyết, có lộ trình",
        ResolutionStatus.EXPLAINED: "giải trình, cung cấp thông tin",
        ResolutionStatus.UNRESOLVED: "chưa giải quyết",
        PolicyField.LAND: "đất đai", PolicyField.TRANSPORT: "giao thông",
        PolicyField.HEALTH: "y tế", PolicyField.EDUCATION: "giáo dục",
        PolicyField.SOCIAL_POLICY: "chính sách xã hội", PolicyField.ENVIRONMENT: "môi trường",
        PolicyField.AGRICULTURE: "nông nghiệp", PolicyField.ECONOMY: "kinh tế",
        PolicyField.PUBLIC_ORDER: "an ninh trật tự", PolicyField.ADMINISTRATION: "hành chính",
        PolicyField.CULTURE: "văn hóa", PolicyField.OTHER: "lĩnh vực khác",
    },
    "en": {
        Agency.DBQH: "National Assembly delegation", Agency.HDND: "People's Council",
        Agency.UBND: "People's Committee", Agency.MTTQ: "Fatherland Front committee",
        ResolutionStatus.IN_PROGRESS: "in progress, with a roadmap",
        ResolutionStatus.EXPLAINED: "explained",
        PolicyField.SOCIAL_POLICY: "social policy", PolicyField.PUBLIC_ORDER: "public order",
    },
}
YES_NO = {"vi": ("có", "không"), "en": ("yes", "no")}


@dataclass(frozen=True)
class Template:
    """A title and a body in each language."""

    title: dict[str, str]
    body: dict[str, str]

    def render(self, context: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        """``({"vi": title, "en": title}, {"vi": body, "en": body})``."""
        titles = {lang: _fill(self.title[lang], context, lang) for lang in LANGUAGES}
        bodies = {lang: _fill_body(self.body[lang], context, lang) for lang in LANGUAGES}
        return titles, bodies

    def placeholders(self) -> set[str]:
        texts = [*self.title.values(), *self.body.values()]
        return {name for text in texts for name in PLACEHOLDER.findall(text)}


class Templates:
    """Templates by name; a reminder's are named ``<template>.<stage>``."""

    def __init__(self, templates: dict[str, Template]) -> None:
        self._templates = templates

    def get(self, name: str) -> Template:
        try:
            return self._templates[name]
        except KeyError:
            raise RulesError(f"no template {name!r}") from None

    def names(self) -> list[str]:
        return sorted(self._templates)


def load_templates(text: str) -> Templates:
    data = tomllib.loads(text)
    found: dict[str, Template] = {}
    for name, entry in data.items():
        if "title" in entry:
            found[name] = _template(name, entry)
        for stage, sub in entry.items():  # reminder stages: [name.before_due] ...
            if isinstance(sub, dict) and "title" in sub:
                found[f"{name}.{stage}"] = _template(f"{name}.{stage}", sub)
    return Templates(found)


@cache
def default_templates() -> Templates:
    source = resources.files("notifier.rules").joinpath("templates.toml")
    return load_templates(source.read_text("utf-8"))


class Localized(dict[str, str]):
    """A value already written in each language (a digest's items): shown as it is."""


def render_value(value: Any, lang: str) -> str:
    """One value as people read it in ``lang``."""
    if value is None:
        return ""
    if isinstance(value, Localized):
        return value.get(lang, "")
    if isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    if isinstance(value, Enum):
        return LABELS[lang].get(value, str(value.value).replace("_", " "))
    if isinstance(value, datetime):
        return value.strftime("%H:%M %d/%m/%Y" if lang == "vi" else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")
    if isinstance(value, list | tuple):
        return ", ".join(render_value(item, lang) for item in value)
    return str(value)


def _template(name: str, entry: dict[str, Any]) -> Template:
    try:
        title = {lang: str(entry["title"][lang]) for lang in LANGUAGES}
        body = {lang: str(entry["body"][lang]).strip("\n") for lang in LANGUAGES}
    except (KeyError, TypeError) as error:
        raise RulesError(f"template {name}: needs title and body in vi and en") from error
    return Template(title, body)


def _fill(text: str, context: dict[str, Any], lang: str) -> str:
    return PLACEHOLDER.sub(lambda m: render_value(_get(context, m.group(1)), lang), text)


def _fill_body(text: str, context: dict[str, Any], lang: str) -> str:
    lines = []
    for line in text.splitlines():
        names = PLACEHOLDER.findall(line)
        if names and all(render_value(_get(context, n), lang) == "" for n in names):
            continue  # an optional detail this event does not carry
        lines.append(_fill(line, context, lang))
    return "\n".join(lines)


def _get(context: dict[str, Any], name: str) -> Any:
    if name not in context:
        raise RulesError(f"template placeholder {{{name}}} has no value here")
    return context[name]
