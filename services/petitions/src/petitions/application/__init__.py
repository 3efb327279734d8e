"""Use cases and queries of the petitions service, and what it publishes."""

from petitions.application.petitions import Petitions
from petitions.application.summaries import Page, PetitionQuery, PetitionSummary
from petitions.application.translate import translate

__all__ = [
    "Page",
    "PetitionQuery",
    "PetitionSummary",
    "Petitions",
    "translate",
]
