"""The sessions service's read model: the chassis's catalogue of records (``chassis.catalogue``)
in the table ``session_records`` (``sessions_`` prefixed on PostgreSQL)."""

from __future__ import annotations

from chassis.application import ServiceApplication
from chassis.catalogue import Catalogue as RecordCatalogue


class Catalogue(RecordCatalogue):
    """Every session, resolution, meeting and other record, by kind."""

    def __init__(self, app: ServiceApplication) -> None:
        super().__init__(app, name="sessions records", table="session_records")
