"""The letters service's application: ``Letters`` (use cases and queries over its own
event-sourced store, with the identity vault beside it) and ``translate`` (what the outbox
relay publishes)."""

from letters.application.letters import Letters
from letters.application.translate import translate

__all__ = ["Letters", "translate"]
