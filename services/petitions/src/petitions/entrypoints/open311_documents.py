"""Petitions as Open311 GeoReport v2 documents: services are the fields (lĩnh vực), requests
are the petitions, in JSON or XML as the specification has them
(https://wiki.open311.org/GeoReport_v2).

A request is ``closed`` once its answer is made known to voters (or it was merged into
another petition, or split again), ``open`` before; ``status_notes`` is the published
answer, never an answer MTTQ has not published. Petitions have no coordinates: ``lat``
and ``long`` are empty and ``address`` names the communes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from typing import Literal
from xml.etree import ElementTree

from contracts.vocabulary import AGENCY_NAMES, POLICY_FIELD_NAMES, VIETNAM, PolicyField
from petitions.application.summaries import PetitionSummary
from petitions.domain.values import PetitionStatus

Format = Literal["json", "xml"]
Scalar = str | bool | int | None

CLOSED = frozenset({PetitionStatus.PUBLISHED, PetitionStatus.CONSOLIDATED,
                    PetitionStatus.WITHDRAWN})


@dataclass(frozen=True)
class Service:
    """One entry of the service list: a field petitions are classified in."""

    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


def services() -> list[Service]:
    return [Service(service_code=field.value, service_name=vi,
                    description=f"Kiến nghị của cử tri về lĩnh vực {vi.lower()} ({en}).",
                    metadata=False, type="batch", keywords=f"kiến nghị cử tri, {vi.lower()}",
                    group="Kiến nghị cử tri")
            for field, (vi, en) in POLICY_FIELD_NAMES.items()]


@dataclass(frozen=True)
class ServiceRequest:
    """One petition as a GeoReport v2 service request (every field the specification lists)."""

    service_request_id: str
    status: str
    status_notes: str | None
    service_name: str | None
    service_code: str | None
    description: str
    agency_responsible: str | None
    service_notice: str | None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: str | None
    long: str | None
    media_url: str | None


def service_request(petition: PetitionSummary, published_answer: str | None) -> ServiceRequest:
    """``published_answer``: the answer's text once it is made known to voters, else None."""
    field = petition.field
    return ServiceRequest(
        service_request_id=str(petition.id), status=status_of(petition.status),
        status_notes=_status_notes(petition, published_answer),
        service_name=POLICY_FIELD_NAMES[field][0] if field else None,
        service_code=field.value if field else None, description=petition.text,
        agency_responsible=_agency(petition), service_notice=_notice(petition),
        requested_datetime=_moment(petition.recorded_at),
        updated_datetime=_moment(petition.updated_at),
        expected_datetime=_end_of(petition.due_date) if petition.due_date else None,
        address="; ".join(petition.communes) or None, address_id=None, zipcode=None,
        lat=None, long=None, media_url=None,
    )


def status_of(status: PetitionStatus) -> str:
    return "closed" if status in CLOSED else "open"


def _status_notes(petition: PetitionSummary, published_answer: str | None) -> str | None:
    if published_answer is not None:
        return published_answer
    if petition.status == PetitionStatus.CONSOLIDATED and petition.merged_into:
        return f"Đã tổng hợp vào kiến nghị {petition.merged_into}."
    if petition.status == PetitionStatus.WITHDRAWN:
        return "Kiến nghị tổng hợp đã được tách lại thành các kiến nghị ban đầu."
    return None


def _agency(petition: PetitionSummary) -> str | None:
    if petition.agency is None:
        return None
    name = AGENCY_NAMES[petition.agency][0]
    return f"{name} – {petition.unit}" if petition.unit else name


def _notice(petition: PetitionSummary) -> str | None:
    if petition.due_date is None or petition.status != PetitionStatus.FORWARDED:
        return None
    return f"Hạn trả lời: {petition.due_date:%d/%m/%Y}."


def _moment(moment: datetime) -> str:
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def _end_of(day: date) -> str:
    return datetime.combine(day, time(23, 59, 59), VIETNAM).isoformat()


def field_of(service_code: str) -> PolicyField | None:
    try:
        return PolicyField(service_code)
    except ValueError:
        return None


# -- rendering -------------------------------------------------------------------------------

def rendered_services(items: Sequence[Service], fmt: Format) -> str:
    return _rendered([asdict(item) for item in items], fmt, "services", "service")


def rendered_requests(items: Sequence[ServiceRequest], fmt: Format) -> str:
    return _rendered([asdict(item) for item in items], fmt, "service_requests", "request")


def _rendered(rows: list[dict[str, Scalar]], fmt: Format, plural: str, singular: str) -> str:
    """A JSON array, or XML: each row an element under its plural element."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False)
    return _xml(plural, singular, rows)


def rendered_definition(service_code: str, fmt: Format) -> str:
    """A service definition: no service here takes attributes (``metadata`` is false)."""
    if fmt == "json":
        return json.dumps({"service_code": service_code, "attributes": []})
    root = ElementTree.Element("service_definition")
    ElementTree.SubElement(root, "service_code").text = service_code
    ElementTree.SubElement(root, "attributes")
    return _document(root)


def rendered_errors(code: int, description: str, fmt: Format) -> str:
    """GeoReport v2's error document: a list of codes and descriptions."""
    return _rendered([{"code": code, "description": description}], fmt, "errors", "error")


def _xml(plural: str, singular: str, rows: Sequence[dict[str, Scalar]]) -> str:
    root = ElementTree.Element(plural)
    for row in rows:
        element = ElementTree.SubElement(root, singular)
        for name, value in row.items():
            child = ElementTree.SubElement(element, name)
            if value is not None:
                child.text = str(value).lower() if isinstance(value, bool) else str(value)
    return _document(root)


def _document(root: ElementTree.Element) -> str:
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True)
