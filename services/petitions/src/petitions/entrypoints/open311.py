"""Open311 GeoReport v2, read only, over the petitions list: the service list (the fields),
one service's definition, the requests (petitions) and one request, in ``.json`` or
``.xml``. Public, as the petitions list is. Errors are GeoReport's own error document
(a list of a code and a description, in the language the request prefers), since the
clients of this facade speak that standard; creating requests is not offered (405).

The request list follows the specification's limits: a window of ``start_date`` to
``end_date`` (W3C date-times; without them the last 90 days) no longer than 90 days, and at
most 1000 requests, newest first.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Annotated, Any, cast
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, TypeAdapter

from chassis.web.problems import language_of
from contracts.vocabulary import VIETNAM, PolicyField
from kernel.errors import Language, NotFound, Wording
from petitions.application import PetitionQuery, Petitions
from petitions.application.summaries import PetitionSummary
from petitions.domain.petition import Petition
from petitions.entrypoints.deps import PetitionsDep
from petitions.entrypoints.open311_documents import (
    Format,
    Service,
    ServiceRequest,
    field_of,
    rendered_definition,
    rendered_errors,
    rendered_requests,
    rendered_services,
    service_request,
    services,
    status_of,
)

router = APIRouter(prefix="/open311/v2", tags=["Open311 GeoReport v2 (read only)"])

MAX_REQUESTS = 1000
MAX_WINDOW = timedelta(days=90)
MEDIA_TYPES = {"json": "application/json", "xml": "application/xml"}



def _documented(listed: Any, description: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answers of a route: the document in JSON (its schema) or XML, and
    GeoReport's error list for a bad request or an unknown record, format or jurisdiction."""
    errors = TypeAdapter(list[ErrorItem]).json_schema()
    return {
        200: {"description": description, "content": {
            "application/json": {"schema": TypeAdapter(listed).json_schema()},
            "application/xml": {"schema": {"type": "string"}}}},
        **{status: {"description": "GeoReport v2 errors", "content": {
            "application/json": {"schema": errors},
            "application/xml": {"schema": {"type": "string"}}}} for status in (400, 404)},
    }


class ErrorItem(BaseModel):
    code: int
    description: str


class Definition(BaseModel):
    service_code: str
    attributes: list[Any]


Jurisdiction = Annotated[str | None, Query(
    description="jurisdiction_id: this service's jurisdiction, or left out.")]


class Open311Error(Exception):
    """A request GeoReport v2 answers with its error document."""

    def __init__(self, code: int, wording: Wording) -> None:
        super().__init__(wording.en)
        self.code, self.wording = code, wording


def _respond(fmt: str, body: str) -> Response:
    return Response(body, media_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8",
                    headers={"Vary": "Accept-Language"})


def _failed(request: Request, fmt: str, error: Open311Error) -> Response:
    shown: Format = "xml" if fmt == "xml" else "json"
    language: Language = language_of(request.headers)
    body = rendered_errors(error.code, error.wording.in_language(language), shown)
    response = _respond(shown, body)
    response.status_code = error.code
    return response


def _checked(request: Request, fmt: str, jurisdiction_id: str | None) -> Format:
    if fmt not in MEDIA_TYPES:
        raise Open311Error(404, Wording(f"No such format: .{fmt[:20]} (json or xml)",
                                        f"Không có định dạng .{fmt[:20]} (json hoặc xml)"))
    if jurisdiction_id is not None and jurisdiction_id != request.app.state.settings.jurisdiction:
        raise Open311Error(404, Wording("Unknown jurisdiction_id",
                                        "jurisdiction_id không thuộc hệ thống này"))
    return cast(Format, fmt)


@router.get("/services.{fmt}", response_class=Response,
            responses=_documented(list[Service], "The services (fields)."))
def service_list(request: Request, fmt: str, jurisdiction_id: Jurisdiction = None) -> Response:
    """The services: the fields (lĩnh vực) petitions are classified in."""
    try:
        shown = _checked(request, fmt, jurisdiction_id)
    except Open311Error as error:
        return _failed(request, fmt, error)
    return _respond(shown, rendered_services(services(), shown))


@router.get("/services/{service_code}.{fmt}", response_class=Response,
            responses=_documented(Definition, "A service's definition."))
def service_definition(request: Request, service_code: str, fmt: str,
                       jurisdiction_id: Jurisdiction = None) -> Response:
    """One service's definition (no service takes extra attributes)."""
    try:
        shown = _checked(request, fmt, jurisdiction_id)
        if field_of(service_code) is None:
            raise Open311Error(404, _UNKNOWN_SERVICE)
    except Open311Error as error:
        return _failed(request, fmt, error)
    return _respond(shown, rendered_definition(service_code, shown))


@router.get("/requests.{fmt}", response_class=Response,
            responses=_documented(list[ServiceRequest], "The requests (petitions)."))
def request_list(
    request: Request, fmt: str, petitions: PetitionsDep, jurisdiction_id: Jurisdiction = None,
    service_request_id: Annotated[str | None, Query(
        description="Comma-separated ids; when given, every other filter is ignored.")] = None,
    service_code: Annotated[str | None, Query(description="Comma-separated fields.")] = None,
    start_date: Annotated[str | None, Query(description="W3C date-time, earliest.")] = None,
    end_date: Annotated[str | None, Query(description="W3C date-time, latest.")] = None,
    status: Annotated[str | None, Query(description="open, closed, or both.")] = None,
) -> Response:
    """Petitions as service requests, newest first."""
    try:
        shown = _checked(request, fmt, jurisdiction_id)
        if service_request_id is not None:
            found = _by_ids(petitions, _ids(service_request_id))
        else:
            found = _listed(petitions, _fields(service_code), _window(start_date, end_date),
                            _statuses(status))
    except Open311Error as error:
        return _failed(request, fmt, error)
    return _respond(shown, rendered_requests(found, shown))


@router.get("/requests/{request_id}.{fmt}", response_class=Response,
            responses=_documented(list[ServiceRequest], "One request, in a list."))
def one_request(request: Request, request_id: str, fmt: str, petitions: PetitionsDep,
                jurisdiction_id: Jurisdiction = None) -> Response:
    """One petition as a service request (a list of one, as the specification has it)."""
    try:
        shown = _checked(request, fmt, jurisdiction_id)
        found = _by_ids(petitions, _ids(request_id))
        if not found:
            raise Open311Error(404, Wording("No such request", "Không có kiến nghị này"))
    except Open311Error as error:
        return _failed(request, fmt, error)
    return _respond(shown, rendered_requests(found, shown))


# -- the requests ----------------------------------------------------------------------------

def _listed(petitions: Petitions, fields: list[PolicyField | None],
            window: tuple[datetime, datetime], statuses: set[str]) -> list[ServiceRequest]:
    """``fields``: one query per field asked for; ``[None]``, one query of every field."""
    start, end = window
    chosen: list[PetitionSummary] = []
    for field in fields:
        query = PetitionQuery(field=field, recorded_from=start,
                              recorded_before=end + timedelta(microseconds=1),
                              limit=MAX_REQUESTS)
        chosen += [p for p in _all(petitions, query) if status_of(p.status) in statuses]
    chosen.sort(key=lambda p: p.recorded_at, reverse=True)
    return [_request(petitions, p) for p in chosen[:MAX_REQUESTS]]


def _all(petitions: Petitions, query: PetitionQuery) -> list[PetitionSummary]:
    """Every petition the query matches, page by page (a status filter may drop some)."""
    found: list[PetitionSummary] = []
    while True:
        page = petitions.list_petitions(query)
        found += page.items
        if len(page.items) < query.limit or len(found) >= page.total:
            return found
        query = replace(query, offset=query.offset + query.limit)


def _by_ids(petitions: Petitions, ids: list[UUID]) -> list[ServiceRequest]:
    found = []
    for petition_id in ids:
        try:
            petition = petitions.petition(petition_id)
        except NotFound:
            continue
        found.append(service_request(PetitionSummary.of(petition), _published(petition)))
    return found


def _request(petitions: Petitions, summary: PetitionSummary) -> ServiceRequest:
    if summary.published_on is None:
        return service_request(summary, None)
    return service_request(summary, _published(petitions.petition(summary.id)))


def _published(petition: Petition) -> str | None:
    """The answer once made known to voters; never one MTTQ has not published."""
    if petition.answer is None or petition.published_on is None:
        return None
    return petition.answer.text


# -- the parameters --------------------------------------------------------------------------

_UNKNOWN_SERVICE = Wording("Unknown service_code", "service_code không có trong danh sách")


def _ids(given: str) -> list[UUID]:
    ids = [part.strip() for part in given.split(",") if part.strip()]
    if not ids or len(ids) > MAX_REQUESTS:
        raise Open311Error(400, Wording("service_request_id: one to 1000 ids",
                                        "service_request_id: từ 1 đến 1000 mã"))
    try:
        return [UUID(part) for part in ids]
    except ValueError:
        raise Open311Error(400, Wording("service_request_id: not a request id",
                                        "service_request_id: không phải mã kiến nghị")) from None


def _fields(given: str | None) -> list[PolicyField | None]:
    if given is None:
        return [None]
    fields = {field_of(part.strip()) for part in given.split(",") if part.strip()}
    if not fields or None in fields:
        raise Open311Error(400, _UNKNOWN_SERVICE)
    return sorted(fields, key=str)


def _statuses(given: str | None) -> set[str]:
    if given is None:
        return {"open", "closed"}
    chosen = {part.strip() for part in given.split(",") if part.strip()}
    if not chosen or not chosen <= {"open", "closed"}:
        raise Open311Error(400, Wording("status: open, closed, or both",
                                        "status: open, closed hoặc cả hai"))
    return chosen


def _window(start: str | None, end: str | None) -> tuple[datetime, datetime]:
    """The window the requests were made in: both ends given, one (90 days from or to it), or
    neither (the last 90 days); never longer than 90 days, never ending before it starts."""
    ends = datetime.now(VIETNAM) if end is None else _moment("end_date", end)
    starts = ends - MAX_WINDOW if start is None else _moment("start_date", start)
    if end is None and start is not None:
        ends = starts + MAX_WINDOW
    if ends < starts:
        raise Open311Error(400, Wording("end_date is before start_date",
                                        "end_date trước start_date"))
    if ends - starts > MAX_WINDOW:
        raise Open311Error(400, Wording("The window may not span more than 90 days",
                                        "Khoảng thời gian không được dài quá 90 ngày"))
    return starts, ends


def _moment(name: str, given: str) -> datetime:
    try:
        moment = datetime.fromisoformat(given.strip())
    except ValueError:
        raise Open311Error(400, Wording(f"{name}: not a W3C date-time (2026-03-01T00:00:00+07:00)",
                                        f"{name}: không đúng định dạng ngày giờ "
                                        "(2026-03-01T00:00:00+07:00)")) from None
    if not 2000 <= moment.year <= 2100:
        raise Open311Error(400, Wording(f"{name}: year out of range", f"{name}: năm không hợp lệ"))
    return moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)

