"""The oversight service's application: ``Oversight`` (use cases and queries over its own
event-sourced store) and ``translate`` (what the outbox relay publishes)."""

from uuid import UUID

from eventsourcing.application import ProcessingEvent

from contracts import ReceivedEvent
from oversight.application.criticism_cases import CriticismCases
from oversight.application.monitoring_cases import AgencyFigures, MonitoringCases
from oversight.application.programme_cases import ItemDraft, ProgrammeCases
from oversight.application.reporting_cases import ReportingCases
from oversight.application.supervision_cases import RecommendationDraft, SupervisionCases
from oversight.application.translate import translate
from oversight.review.cases import ReviewCases


class Oversight(ProgrammeCases, SupervisionCases, MonitoringCases, CriticismCases,
                ReportingCases, ReviewCases):
    """Supervision programmes, their coordination, supervisions and recommendations, and
    the monitoring of petitions and resolutions from the petitions and sessions streams,
    MTTQ's social criticism of drafts, the comments collected on draft laws, and the
    two-way reports the four bodies owe each other.

    ``Oversight(env=store_environment(settings, "oversight"), clock=...)``; the clock (a
    ``kernel.clock.Clock``) stamps every event and says what "today" is.
    """

    def policy(self, received: ReceivedEvent, processing_event: ProcessingEvent[UUID]) -> None:
        """Every stream it consumes: the monitoring's watches, then the review's facts."""
        MonitoringCases.policy(self, received, processing_event)
        self.note_review_facts(received, processing_event)


__all__ = ["AgencyFigures", "ItemDraft", "Oversight", "RecommendationDraft", "translate"]
