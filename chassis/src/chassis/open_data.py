"""Open data as flat files: each dataset a service declares, written as CSV and JSON with a
data card, on a schedule, and served at stable URLs by ``chassis.web.open_data``
(``/open-data/<name>.csv``, ``/open-data/<name>.json``, ``/open-data/datapackage.json``).

The data card is a Frictionless **Data Package** (``datapackage.json``): the licence, the
publisher, and for each file a **Table Schema** naming every column's type (ISO 8601 dates
and times) with its title and description in Vietnamese and English, so any Table Schema
reader checks the files against it. Files are written whole to a temporary name and moved
into place, so a reader never sees half a file; a service that stops keeps serving the
files written last when it starts again, until the next pass replaces them.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from chassis.periodic import run_every

log = logging.getLogger(__name__)

ColumnType = Literal["string", "integer", "boolean", "date", "datetime"]
Cell = str | int | bool | date | datetime | None
Row = Mapping[str, Cell]
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
SUFFIXES = (".csv", ".json")
CARD = "datapackage.json"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    title: str  # Vietnamese
    description: str  # Vietnamese, then English
    required: bool = False


@dataclass(frozen=True)
class Dataset:
    """One file of open data: its name in URLs (``published-answers``), its card, its rows."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[Row]]


class OpenData:
    """The open data of one service: written to ``directory`` by ``publish``."""

    def __init__(self, directory: Path, service: str, jurisdiction: str,
                 datasets: tuple[Dataset, ...]) -> None:
        self.directory = directory
        self.service = service
        self.jurisdiction = jurisdiction
        self.datasets = {dataset.name: dataset for dataset in datasets}

    def publish(self) -> None:
        """Writes every dataset's CSV and JSON, then the data card naming them."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for dataset in self.datasets.values():
            rows = [_cells(dataset, row) for row in dataset.rows()]
            self._write(f"{dataset.name}.csv", _csv(dataset, rows))
            self._write(f"{dataset.name}.json", json.dumps(rows, ensure_ascii=False, indent=1))
        self._write(CARD, json.dumps(self.card(), ensure_ascii=False, indent=1))

    def file_names(self) -> set[str]:
        """Every file a pass writes: the data card and each dataset's CSV and JSON."""
        return {CARD, *(f"{name}{suffix}" for name in self.datasets for suffix in SUFFIXES)}

    def card(self) -> dict[str, object]:
        """The Data Package describing the files (Frictionless Data, v1)."""
        return {
            "profile": "tabular-data-package",
            "name": f"phoihop-{self.jurisdiction}-{self.service}",
            "title": f"Dữ liệu mở phoihop ({self.service}, {self.jurisdiction})",
            "licenses": [LICENCE],
            "resources": [_resource(dataset) for dataset in self.datasets.values()],
        }

    async def run(self, every_seconds: float) -> None:
        """Publishes now, then every ``every_seconds`` (a failed pass is logged; the files
        written last stay served)."""
        await run_every(every_seconds, self.publish, "open data written")

    def _write(self, file_name: str, text: str) -> None:
        target = self.directory / file_name
        temporary = target.with_name(f".{file_name}.partial")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)


def _resource(dataset: Dataset) -> dict[str, object]:
    return {
        "name": dataset.name, "path": f"{dataset.name}.csv", "profile": "tabular-data-resource",
        "title": dataset.title, "description": dataset.description, "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [_field(column) for column in dataset.columns]},
    }


def _field(column: Column) -> dict[str, object]:
    field: dict[str, object] = {"name": column.name, "type": column.type,
                                "title": column.title, "description": column.description}
    if column.required:
        field["constraints"] = {"required": True}
    return field


def _cells(dataset: Dataset, row: Row) -> dict[str, str | int | bool | None]:
    """A row with every column of the card, in its order; dates and times as ISO 8601."""
    cells: dict[str, str | int | bool | None] = {}
    for column in dataset.columns:
        value = row.get(column.name)
        cells[column.name] = value.isoformat() if isinstance(value, date) else value
    return cells


def _csv(dataset: Dataset, rows: list[dict[str, str | int | bool | None]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in dataset.columns])
    for row in rows:
        writer.writerow(["" if value is None else str(value).lower()
                         if isinstance(value, bool) else value for value in row.values()])
    return out.getvalue()
