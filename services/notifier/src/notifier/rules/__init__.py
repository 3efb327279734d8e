"""Who is told what: the rule table and the message templates, both data files."""

from notifier.rules.check import check_rules
from notifier.rules.table import (
    ReminderRule,
    Rule,
    RulesError,
    RuleTable,
    default_rules,
    load_rules,
)
from notifier.rules.templates import Template, Templates, default_templates, load_templates

__all__ = [
    "ReminderRule",
    "Rule",
    "RuleTable",
    "RulesError",
    "Template",
    "Templates",
    "check_rules",
    "default_rules",
    "default_templates",
    "load_rules",
    "load_templates",
]
