"""Use cases and queries of the petitions service, and what it publishes."""

from petitions.application.petitions import Clock, Petitions, vietnam_today
from petitions.application.readmodel import Page, PetitionQuery, PetitionSummary
from petitions.application.translate import translate

__all__ = [
    "Clock",
    "Page",
    "PetitionQuery",
    "PetitionSummary",
    "Petitions",
    "translate",
    "vietnam_today",
]
