"""The oversight service's settings: the chassis's ``PHOIHOP_*`` ones plus the monitoring pass."""

from __future__ import annotations

from pydantic import Field

from chassis.settings import ServiceSettings


class OversightSettings(ServiceSettings):
    # How often the monitoring pass looks for due dates passed
    # (``PHOIHOP_MONITORING_POLL_SECONDS``). A due date is a day: once a minute finds it
    # within a minute of the day's turn.
    monitoring_poll_seconds: float = Field(default=60.0, gt=0)

    @classmethod
    def of(cls, settings: ServiceSettings) -> OversightSettings:
        """The oversight settings from the environment, with ``settings``' values kept."""
        if isinstance(settings, OversightSettings):
            return settings
        return cls().model_copy(update=settings.model_dump())
