"""The oversight service's application: ``Oversight`` (use cases and queries over its own
event-sourced store) and ``translate`` (what the outbox relay publishes)."""

from oversight.application.programme_cases import ItemDraft, ProgrammeCases
from oversight.application.queries import OversightQueries
from oversight.application.supervision_cases import RecommendationDraft, SupervisionCases
from oversight.application.translate import translate


class Oversight(ProgrammeCases, SupervisionCases, OversightQueries):
    """Supervision programmes, their coordination, supervisions and recommendations.

    ``Oversight(env=store_environment(settings, "oversight"), clock=...)``; the clock (a
    ``kernel.clock.Clock``) stamps every event and says what "today" is.
    """


__all__ = ["ItemDraft", "Oversight", "RecommendationDraft", "translate"]
