"""The yearly review (báo cáo sơ kết): every figure of a period with the previous period
beside it, and the records behind each figure (JSON, or CSV for a spreadsheet). Public
reads, like the other figures. The JSON shape is fixed with the portal and the DOCX
(additive changes only): see the README."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from chassis.web.date_types import Day
from contracts.vocabulary import Agency
from kernel.errors import Invalid, NotFound, Wording
from oversight.entrypoints.deps import QUERY_PROBLEMS, OversightDep
from oversight.review.periods import Period

router = APIRouter(prefix="/review")
TAG = "review (báo cáo sơ kết)"
CSV_COLUMNS = ("id", "kind", "title", "occurred_on", "href")


class ReviewQueryError(Invalid):
    title = Wording("Invalid review query", "Yêu cầu báo cáo không hợp lệ")
    type_slug = "invalid-review-query"


class OtherJurisdictionError(NotFound):
    title = Wording("Another jurisdiction", "Địa phương khác")
    type_slug = "other-jurisdiction"


From = Annotated[Day | None, Query(alias="from", description="Từ ngày — first day (ISO).")]
To = Annotated[Day | None, Query(alias="to", description="Đến ngày — last day, included (ISO).")]
Year = Annotated[int | None, Query(
    description="Năm — a whole calendar year; the same as from=YYYY-01-01&to=YYYY-12-31.")]
Body = Annotated[Agency | None, Query(
    description="Cơ quan — hdnd, ubnd, dbqh or mttq: only what counts for that body.")]
Jurisdiction = Annotated[str | None, Query(
    max_length=100, description="Địa phương — this service's jurisdiction (the default).")]


def _period(oversight: OversightDep, start: Any, end: Any, year: int | None) -> Period:
    if year is not None:
        if start is not None or end is not None:
            raise ReviewQueryError(Wording("Give either year or from and to, not both.",
                                           "Chỉ ghi năm, hoặc từ ngày và đến ngày."))
        if not 1 <= year <= 9999:  # beyond, not even a date; within, the period says
            raise ReviewQueryError(Wording(f"{year} is not a year.", f"{year} không phải là năm."))
        whole = Period.year(year)
        return oversight.review_period(whole.start, whole.end)
    if start is None or end is None:
        raise ReviewQueryError(Wording("Give the year, or the days from and to.",
                                       "Cần ghi năm, hoặc từ ngày và đến ngày."))
    return oversight.review_period(start, end)


def _jurisdiction(request: Request, asked: str | None) -> str:
    served: str = request.app.state.settings.jurisdiction
    if asked is not None and asked != served:
        raise OtherJurisdictionError(Wording(
            f"This service keeps the review of {served}, not {asked}.",
            f"Dịch vụ này lập báo cáo của {served}, không phải {asked}."), served=served)
    return served


@router.get("", responses=QUERY_PROBLEMS, tags=[TAG])
def review(
    request: Request, oversight: OversightDep, start: From = None, end: To = None,
    year: Year = None, body: Body = None, jurisdiction: Jurisdiction = None,
) -> dict[str, Any]:
    """Every figure of the review for the period and body, each with the previous period
    of the same length beside it and the link to its records (`/review/figures/{key}`)."""
    where = _jurisdiction(request, jurisdiction)
    period = _period(oversight, start, end, year)
    return oversight.review(period, body.value if body else None, where)


@router.get("/figures/{key}", responses={**QUERY_PROBLEMS, 200: {"content": {
    "application/json": {}, "text/csv": {}}}}, tags=[TAG])
def figure_records(
    request: Request, oversight: OversightDep, key: str, start: From = None, end: To = None,
    year: Year = None, body: Body = None, jurisdiction: Jurisdiction = None,
    period: Annotated[Literal["current", "previous"], Query(
        description="previous: the records of the previous period.")] = "current",
) -> Any:
    """The records behind one figure (`key`, e.g. `sessions.held`); `…/{key}.csv` or
    `Accept: text/csv` gives them as CSV (UTF-8 with a BOM, so Excel reads Vietnamese)."""
    as_csv = key.endswith(".csv") or "text/csv" in request.headers.get("accept", "")
    key = key.removesuffix(".csv")
    _jurisdiction(request, jurisdiction)
    asked = _period(oversight, start, end, year)
    chosen = asked.previous() if period == "previous" else asked
    found = oversight.review_figure(key, chosen, body.value if body else None)
    if not as_csv:
        return found
    return Response(records_csv(found["records"]), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition":
                             f'attachment; filename="{key}-{chosen.start}-{chosen.end}.csv"'})


def records_csv(records: list[dict[str, Any]]) -> bytes:
    """The records for a spreadsheet (UTF-8 with a BOM, for Excel). A title is citizens'
    words: one starting with = + - @ would run as a formula, so it is quoted with '."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow([spreadsheet_text(record[c]) for c in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def spreadsheet_text(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


FORMULA_STARTS = frozenset("=+-@\t\r")
