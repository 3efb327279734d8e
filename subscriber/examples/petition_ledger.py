"""An example subscriber: a province office's ledger of petitions, kept from phoihop's events.

    NATS_URL=nats://127.0.0.1:4230 PHOIHOP_JURISDICTION=tien-giang \\
        LEDGER_DATABASE=ledger.db python subscriber/examples/petition_ledger.py

Every petitions event lands in ``event_log`` (no unique key: a doubled effect would show as
two rows), petitions are kept in ``petitions`` and counted per commune in
``commune_counts`` (a counter doubles if an event is applied twice). The kit makes each
effect happen once, whatever crashes or redeliveries happen.

``LEDGER_JS_API_PREFIX=$JS.petitions.API`` when connecting as an agency's user (the
deployment's NATS accounts, as ``make run`` has them). ``LEDGER_FLAKY=1`` makes the first
attempt at every PetitionForwarded fail, to show (and test) retries: the kit rolls the
effect back, naks, and applies it on the redelivery.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3

from contracts import IntegrationEvent, ReceivedEvent, registered_events
from contracts.petitions.v1 import (
    PetitionAnswerPublished,
    PetitionForwarded,
    PetitionRecorded,
)
from phoihop_subscriber import Subscriber

TABLES = """
create table if not exists event_log (event_id text not null, type text not null,
                                      petition text);
create table if not exists petitions (petition_id text primary key, commune text,
                                      status text not null, agency text, answer text);
create table if not exists commune_counts (commune text primary key,
                                           petitions integer not null);
"""


def build(nats_url: str, jurisdiction: str, database: str, flaky: bool = False,
          js_api_prefix: str | None = None) -> Subscriber:
    subscriber = Subscriber("petition-ledger", nats_url=nats_url, jurisdiction=jurisdiction,
                            database=database, js_api_prefix=js_api_prefix)
    with subscriber.ledger.transaction() as db:
        for statement in TABLES.split(";"):
            if statement.strip():
                db.execute(statement)
    failed_once: set[str] = set()

    def log(envelope: ReceivedEvent, db: sqlite3.Connection) -> None:
        db.execute("insert into event_log (event_id, type, petition) values (?, ?, ?)",
                   (envelope.id, envelope.type, envelope.subject))

    @subscriber.handler(PetitionRecorded)
    def recorded(event: PetitionRecorded, envelope: ReceivedEvent,
                 db: sqlite3.Connection) -> None:
        db.execute("insert into petitions (petition_id, commune, status) values (?, ?, ?)",
                   (str(event.petition_id), event.commune, "recorded"))
        db.execute("insert into commune_counts values (?, 1) on conflict (commune)"
                   " do update set petitions = petitions + 1", (event.commune,))
        log(envelope, db)

    @subscriber.handler(PetitionForwarded)
    def forwarded(event: PetitionForwarded, envelope: ReceivedEvent,
                  db: sqlite3.Connection) -> None:
        db.execute("update petitions set status = 'forwarded', agency = ? where petition_id = ?",
                   (event.to_agency.value, str(event.petition_id)))
        log(envelope, db)
        if flaky and envelope.id not in failed_once:  # after the writes: they roll back
            failed_once.add(envelope.id)
            raise RuntimeError("the ledger's disk hiccuped (LEDGER_FLAKY)")

    @subscriber.handler(PetitionAnswerPublished)
    def answered(event: PetitionAnswerPublished, envelope: ReceivedEvent,
                 db: sqlite3.Connection) -> None:
        db.execute("update petitions set status = 'answered' where petition_id = ?",
                   (str(event.petition_id),))
        log(envelope, db)

    def logged_only(event: IntegrationEvent, envelope: ReceivedEvent,
                    db: sqlite3.Connection) -> None:
        log(envelope, db)

    for event_class in registered_events():  # the rest of the petitions events: logged
        if event_class.service == "petitions" and event_class not in (
                PetitionRecorded, PetitionForwarded, PetitionAnswerPublished):
            subscriber.handler(event_class)(logged_only)
    return subscriber


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    subscriber = build(
        os.environ.get("NATS_URL", "nats://127.0.0.1:4230"),
        os.environ.get("PHOIHOP_JURISDICTION", "tien-giang"),
        os.environ.get("LEDGER_DATABASE", "petition-ledger.db"),
        flaky=os.environ.get("LEDGER_FLAKY") == "1",
        js_api_prefix=os.environ.get("LEDGER_JS_API_PREFIX") or None,
    )
    asyncio.run(subscriber.run())


if __name__ == "__main__":
    main()
