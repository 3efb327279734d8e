"""The sessions service's application: ``Sessions`` (use cases and queries over its own
event-sourced store) and ``translate`` (what the outbox relay publishes)."""

from sessions.application.council_cases import CouncilCases
from sessions.application.queries import ClashView, GuidanceLag, SessionsQueries
from sessions.application.session_cases import SessionCases
from sessions.application.translate import translate


class Sessions(SessionCases, CouncilCases, SessionsQueries):
    """Council sessions, resolutions and the Standing Committee's work, event-sourced.

    ``Sessions(env=store_environment(settings, "sessions"), clock=...)``; the clock (a
    ``kernel.clock.Clock``) stamps every event and says what "today" is.
    """


__all__ = ["ClashView", "GuidanceLag", "Sessions", "translate"]
