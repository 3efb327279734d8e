"""The baseline for benchmark 1: a bare FastAPI endpoint doing the same save, nothing else.

No auth, no problem handlers, no idempotency, no read model: one aggregate created and
saved through eventsourcing per request. ``python benchmarks/baseline_app.py PORT``.
"""

from __future__ import annotations

import sys
from uuid import UUID

import uvicorn
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from fastapi import FastAPI
from pydantic import BaseModel

from chassis.settings import ServiceSettings
from chassis.stores import store_environment


class Note(Aggregate):
    @event("Recorded")
    def __init__(self, text: str, commune: str) -> None:
        self.text = text
        self.commune = commune


class Notes(Application[UUID]):
    pass


class NoteCreate(BaseModel):
    text: str
    commune: str


def build() -> FastAPI:
    notes = Notes(env=store_environment(ServiceSettings(), "baseline"))
    app = FastAPI()

    @app.post("/petitions", status_code=201)
    def create(body: NoteCreate) -> dict[str, str]:
        note = Note(body.text, body.commune)
        notes.save(note)
        return {"id": str(note.id)}

    return app


if __name__ == "__main__":
    uvicorn.run(build(), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
