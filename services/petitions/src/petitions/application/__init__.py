"""Use cases and queries of the petitions service, and what it publishes."""

from petitions.application.petitions import Petitions
from petitions.application.summaries import (
    MeetingQuery,
    MeetingSummary,
    Page,
    PetitionQuery,
    PetitionSummary,
)
from petitions.application.translate import translate

__all__ = [
    "MeetingQuery",
    "MeetingSummary",
    "Page",
    "PetitionQuery",
    "PetitionSummary",
    "Petitions",
    "translate",
]
