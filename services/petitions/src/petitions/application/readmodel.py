"""The petitions list and similar-petition suggestions, read from the read model that
``petition_projection`` keeps in the service's own database (``chassis.projection``).

Text search: each word of the query, folded by ``kernel.text.fold``, must occur in the
petition's folded text: a substring test (``instr`` on SQLite, ``strpos`` on PostgreSQL),
the matching the in-memory list had. Neither engine's word index was chosen: SQLite
FTS5's tokenizers match whole tokens or prefixes (``unicode61``) or need three characters
(``trigram``), and ``unicode61`` keeps "đ" apart from "d"; PostgreSQL's ``unaccent`` is an
extension a database may not have, and full-text search also matches whole lexemes.
Folding in Python with the one ``fold`` keeps SQLite, PostgreSQL and the query's folding
the same, and a scan of the folded column (about 200,000 petitions on the benchmarks'
1,000,000-event store) takes tens of milliseconds. A trigram index (``pg_trgm``) is where
to go if a store grows far beyond that.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from uuid import UUID

from chassis.application import ServiceApplication
from chassis.projection import Cursor, PersistedProjection
from contracts.vocabulary import Agency
from kernel.similarity import DEFAULT_THRESHOLD
from kernel.similarity.features import Features, extract
from kernel.similarity.index import Places
from kernel.similarity.stored import (
    GroupTokens,
    compatible,
    content_keys,
    features_from_json,
    place_lookup_keys,
    places_from_json,
    similar_among,
)
from kernel.text import fold, identifier_key
from petitions.application.held_groups import HeldGroups, TablesFollower
from petitions.application.petition_projection import (
    PetitionProjection,
    PetitionTables,
    recorded_at_key,
)
from petitions.application.summaries import (
    HIDDEN_BY_DEFAULT,
    AgencyTimeliness,
    Page,
    PetitionQuery,
    PetitionSummary,
    Timeliness,
    summary_from_json,
)
from petitions.domain.values import PetitionStatus


class PetitionReadModel:
    """Summaries and similarity of all petitions, caught up from the log before each read."""

    def __init__(self, app: ServiceApplication, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.projection = PersistedProjection(app, PetitionProjection(app))
        self.held = HeldGroups(app)
        self._tables_follower = TablesFollower(self.projection.catch_up)
        (self._rows, self._similar, self._keys, self._groups,
         self._group_keys) = PetitionTables.of(self.projection.tables)

    def warm_up(self) -> None:
        """Catches up with the log before the first query needs it (see ``readiness``)."""
        self.projection.warm_up()

    def readiness(self) -> str | None:
        """None once caught up at start; otherwise how far it has got (for ``/readyz``)."""
        return self.projection.readiness()

    def query(self, query: PetitionQuery, today: date) -> Page[PetitionSummary]:
        where, params = self._where(query, today)
        sql = self.projection.tables.sql
        with self.projection.reading() as cursor:
            cursor.execute(sql(f"SELECT COUNT(*) AS total FROM {self._rows} WHERE {where}"),
                           params)
            total = int(cursor.fetchone()["total"])
            cursor.execute(sql(f"SELECT summary FROM {self._rows} WHERE {where} "
                               "ORDER BY listed_at DESC LIMIT ? OFFSET ?"),
                           [*params, query.limit, query.offset])
            items = [summary_from_json(row["summary"]) for row in cursor.fetchall()]
        return Page(items, total, query.limit, query.offset)

    def similar(
        self, text: str, limit: int, exclude: tuple[UUID, ...] = ()
    ) -> list[tuple[PetitionSummary, float]]:
        """Active petitions worded like ``text``, best first.

        The groups that may hold a candidate come from the groups held in process
        (``held_groups``); most often none may, and neither the log's projection nor the
        tables are waited for. Otherwise, and until they are loaded, the tables are caught
        up and read."""
        query = extract(text)
        content = content_keys(query)
        if not content:
            return []
        excluded = tuple(map(str, exclude))
        known, signatures = self.held.searched(query, self.threshold, excluded)
        if not known and self.projection.readiness() is None and self.held.should_load():
            threading.Thread(target=self.held.load, args=(self._read_groups,),
                             name="similarity groups", daemon=True).start()
        if known and signatures == []:
            self._tables_follower.ask()
            return []
        self.projection.catch_up()
        tables = self.projection.tables
        sharing = (f"SELECT id FROM {self._keys} WHERE key IN "
                   f"({tables.placeholders(len(content))})")
        with tables.transaction(commit=False) as cursor:
            if not known:
                signatures = self._searched_in_tables(cursor, query)
            if signatures is None:
                cursor.execute(tables.sql(f"SELECT s.id, s.features FROM {self._similar} s "
                                          f"WHERE s.id IN ({sharing})"), content)
            else:
                cursor.execute(tables.sql(
                    f"SELECT s.id, s.features FROM {self._similar} s WHERE s.places IN "
                    f"({tables.placeholders(len(signatures))}) AND EXISTS (SELECT 1 FROM "
                    f"{self._keys} k WHERE k.id = s.id AND k.key IN "
                    f"({tables.placeholders(len(content))}))"), [*signatures, *content])
            candidates = [(row["id"], features_from_json(row["features"]))
                          for row in cursor.fetchall()]
            found = similar_among(candidates, text, threshold=self.threshold, limit=limit,
                                  exclude=excluded)
            if not found:
                return []
            cursor.execute(tables.sql(
                f"SELECT summary FROM {self._rows} WHERE id IN "
                f"({tables.placeholders(len(found))})"), [pid for pid, _ in found])
            rows = {row.id: row for row in map(summary_from_json,
                                               (r["summary"] for r in cursor.fetchall()))}
        return [(rows[UUID(pid)], score) for pid, score in found]

    def timeliness(self, today: date) -> list[AgencyTimeliness]:
        """Per agency and unit: petitions answered on time and late, and those forwarded
        and unanswered, past their due date (overdue) or not yet; agencies in the order
        of the vocabulary, each agency's own petitions (no unit) before its units'. A unit
        typed in several ways is one unit (``identifier_key``), named as most of its
        petitions name it."""
        sql = self.projection.tables.sql
        answered = "answered_on IS NOT NULL"
        unanswered = "status = ? AND due_date IS NOT NULL"
        with self.projection.reading() as cursor:
            cursor.execute(sql(
                "SELECT agency, unit_key, unit, COUNT(*) AS petitions, "
                f"SUM(CASE WHEN {answered} AND answered_on <= due_date THEN 1 ELSE 0 END) "
                "AS on_time, "
                f"SUM(CASE WHEN {answered} AND answered_on > due_date THEN 1 ELSE 0 END) "
                "AS late, "
                f"SUM(CASE WHEN {unanswered} AND due_date < ? THEN 1 ELSE 0 END) AS overdue, "
                f"SUM(CASE WHEN {unanswered} AND due_date >= ? THEN 1 ELSE 0 END) AS waiting "
                f"FROM {self._rows} WHERE agency IS NOT NULL AND status NOT IN (?, ?) "
                f"AND ({answered} OR status = ?) GROUP BY agency, unit_key, unit"),
                [PetitionStatus.FORWARDED.value, today.isoformat(),
                 PetitionStatus.FORWARDED.value, today.isoformat(),
                 *sorted(status.value for status in HIDDEN_BY_DEFAULT),
                 PetitionStatus.FORWARDED.value])
            spellings = sorted(cursor.fetchall(), key=lambda row: (-int(row["petitions"]),
                                                                   row["unit"] or ""))
        units: dict[tuple[str, str | None], Timeliness] = {}
        for row in spellings:  # the most used spelling of a unit first: it names the unit
            key = (row["agency"], row["unit_key"])
            counted = Timeliness(Agency(row["agency"]), row["unit"], int(row["on_time"]),
                                 int(row["late"]), int(row["overdue"]), int(row["waiting"]))
            known = units.get(key)
            units[key] = counted if known is None else replace(known + counted, unit=known.unit)
        found = []
        for agency in Agency:
            rows = sorted((row for (code, _), row in units.items() if code == agency.value),
                          key=lambda row: (row.unit is not None, identifier_key(row.unit or "")))
            if rows:
                total = sum(rows[1:], rows[0])
                found.append(AgencyTimeliness(replace(total, unit=None), rows))
        return found

    def _searched_in_tables(self, cursor: Cursor, query: Features) -> list[str] | None:
        """The signatures of the groups whose places can reach the threshold ("": no
        place), read from the tables; None when places rule nothing out."""
        lookup = place_lookup_keys(query, self.threshold)
        if lookup is None:
            return None
        tables = self.projection.tables
        cursor.execute(tables.sql(
            f"SELECT signature, places FROM {self._groups} WHERE signature IN "
            f"(SELECT signature FROM {self._group_keys} WHERE key IN "
            f"({tables.placeholders(len(lookup))}))"), lookup)
        groups = [(row["signature"], places_from_json(row["places"]))
                  for row in cursor.fetchall()]
        return ["", *compatible(query, groups, self.threshold)]

    def hold_groups(self) -> None:
        """Loads the groups held in process now (a query otherwise starts it in the
        background when they are not complete)."""
        if self.held.should_load():
            self.held.load(self._read_groups)

    def _read_groups(self) -> tuple[int, GroupTokens | None]:
        """The position, then every group and the content keys of its petitions: read after
        the position, so they hold at least what it stands for."""
        position = self.projection.position
        tables, loaded = self.projection.tables, GroupTokens()
        limit = self.held.max_entries + 1
        with tables.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT signature, places FROM {self._groups}")
            places: dict[str, Places] = {row["signature"]: places_from_json(row["places"])
                                         for row in cursor.fetchall()}
            places[""] = {}
            cursor.execute(f"SELECT s.places AS signature, k.key AS key, COUNT(*) AS n "
                           f"FROM {self._similar} s JOIN {self._keys} k ON k.id = s.id "
                           f"GROUP BY s.places, k.key LIMIT {limit}")
            pairs = cursor.fetchall()
        if len(pairs) >= limit:
            return position, None
        by_group: dict[str, dict[str, int]] = {}
        for row in pairs:
            by_group.setdefault(row["signature"], {})[row["key"]] = int(row["n"])
        for signature, counts in by_group.items():
            loaded.add(signature, places.get(signature, {}), counts)
        return position, loaded

    @staticmethod
    def _where(q: PetitionQuery, today: date) -> tuple[str, list[object]]:
        """The SQL condition of the list's filters and its parameters."""
        conditions: list[str] = []
        params: list[object] = []
        if q.status is None:
            conditions.append("status NOT IN (?, ?)")
            params += sorted(status.value for status in HIDDEN_BY_DEFAULT)
        wanted = [("status", q.status), ("agency", q.agency), ("field", q.field),
                  ("level", q.level)]
        for column, value in wanted:
            if value is not None:
                conditions.append(f"{column} = ?")
                params.append(value.value)
        if q.unit is not None:
            conditions.append("unit_key = ?")
            params.append(identifier_key(q.unit))
        if q.commune is not None:
            conditions.append("instr(communes, ?) > 0")
            params.append(f"\n{fold(q.commune)}\n")
        if q.overdue is not None:
            overdue = "(status = ? AND due_date IS NOT NULL AND due_date < ?)"
            conditions.append(overdue if q.overdue else f"NOT {overdue}")
            params += [PetitionStatus.FORWARDED.value, today.isoformat()]
        if q.recorded_from is not None:
            conditions.append("recorded_at >= ?")
            params.append(recorded_at_key(q.recorded_from))
        if q.recorded_before is not None:
            conditions.append("recorded_at < ?")
            params.append(recorded_at_key(q.recorded_before))
        for word in fold(q.text or "").split():
            conditions.append("instr(folded, ?) > 0")
            params.append(word)
        return " AND ".join(conditions) or "1 = 1", params
