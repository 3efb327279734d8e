"""The yearly review (báo cáo sơ kết) for a clerk: the page of figures and charts for a year
or a period and a body (``/bao-cao``), the records behind each figure
(``/bao-cao/chi-so/{key}``) and their CSV, and the DOCX. The figures are the oversight
service's review projection (``GET /review``); the portal computes none, it only shows
them. Public like the other figures pages.

Input the portal can judge (a year or a day that is not one, far away, a period ending
before it starts, a body that is not one) is refused beside its field before the service
is asked; anything the service refuses comes back as its problem document, in words."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from contracts.vocabulary import Agency
from kernel.clock import SystemClock, plausible_years, today_in_vietnam
from portal import review as shown
from portal.pages import render, services_of, shown_problem
from portal.problems import ServiceProblem, field_error, status_of
from portal.review_docx import MEDIA_TYPE, file_name, review_docx
from portal.routes.workbench import date_range
from portal.viewer import language_of
from portal.words import text

router = APIRouter()
BODIES = tuple(agency.value for agency in Agency)
FIGURE_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
# The service's names of the review's parameters → the form's fields that carry them.
FORM_FIELDS = {"from": "review_from", "to": "review_to", "year": "review_year",
               "body": "review_body"}
Typed = Annotated[str, Query(max_length=40)]


def chosen_period(nam: str, tu_ngay: str, den_ngay: str, co_quan: str
                  ) -> tuple[shown.Chosen | None, dict[str, str]]:
    """The period and body asked for, or what is wrong by field. A year wins over two
    days; nothing at all is this year (in Vietnam)."""
    wrong: dict[str, str] = {}
    body = co_quan.strip() or None
    if body is not None and body not in BODIES:
        wrong["review_body"] = "enum"
    today = today_in_vietnam(SystemClock())
    year: int | None = None
    first = last = None
    if nam.strip() or not (tu_ngay.strip() or den_ngay.strip()):
        typed = nam.strip() or str(today.year)
        if not typed.isdigit():
            wrong["review_year"] = "int_parsing"
        elif int(typed) not in plausible_years(today):
            wrong["review_year"] = "date_out_of_range"
        else:
            year = int(typed)
            first, last = f"{year}-01-01", f"{year}-12-31"
    else:
        (first, last), wrong_days = date_range(tu_ngay, den_ngay, ("review_from", "review_to"))
        wrong |= wrong_days
        for name, day in (("review_from", first), ("review_to", last)):
            if day is None and name not in wrong:
                wrong[name] = "missing"
    if wrong or first is None or last is None:
        return None, wrong
    return shown.Chosen(first, last, body, year), {}


def _form_values(nam: str, tu_ngay: str, den_ngay: str, co_quan: str) -> dict[str, str]:
    return {"review_year": nam.strip(), "review_from": tu_ngay.strip(),
            "review_to": den_ngay.strip(), "review_body": co_quan.strip()}


def _refused(request: Request, wrong: dict[str, str]) -> dict[str, Any]:
    language = language_of(request)
    return {"message": text("not_valid", language), "detail": "",
            "fields": {name: field_error(kind, language) for name, kind in wrong.items()}}


def _service_refused(request: Request, error: ServiceProblem) -> dict[str, Any]:
    """The service's problem document in words: the portal's sentence for its kind, then
    the service's own (asked in the page's language: it says which day or year is
    wrong), its fields named as the form names them."""
    problem = shown_problem(request, error)
    problem["message"] = f"{problem['message']} {error.detail}".strip()
    problem["detail"] = ""
    problem["fields"] = {FORM_FIELDS.get(name, name): words
                         for name, words in problem["fields"].items()}
    return problem


async def _review(request: Request, chosen: shown.Chosen) -> dict[str, Any]:
    found: dict[str, Any] = await services_of(request).get(
        "oversight", "/review", params=chosen.service_params(),
        language=language_of(request))
    return found


@router.get("/bao-cao", response_class=HTMLResponse)
async def review_page(request: Request, nam: Typed = "",
                      tu_ngay: Annotated[str, Query(alias="tu-ngay", max_length=40)] = "",
                      den_ngay: Annotated[str, Query(alias="den-ngay", max_length=40)] = "",
                      co_quan: Annotated[str, Query(alias="co-quan", max_length=40)] = "",
                      ) -> Response:
    """The review of a year (``?nam=``) or a period (``?tu-ngay=&den-ngay=``), of one body
    (``?co-quan=``) or all: every figure beside the previous period, charts, the agencies
    ranked by median days to answer."""
    values = _form_values(nam, tu_ngay, den_ngay, co_quan)
    chosen, wrong = chosen_period(nam, tu_ngay, den_ngay, co_quan)
    if chosen is None:
        return render(request, "review.html", status=422, values=values,
                      problem=_refused(request, wrong))
    if not any(values.values()):
        values["review_year"] = str(chosen.year)
    try:
        found = await _review(request, chosen)
    except ServiceProblem as error:
        if error.status >= 500:
            raise
        return render(request, "review.html", status=status_of(error),
                      values=values, problem=_service_refused(request, error))
    return render(request, "review.html", values=values,
                  review_html=shown.review_html(found, chosen, language_of(request)))


@router.get("/bao-cao.docx")
async def review_document(request: Request, nam: Typed = "",
                          tu_ngay: Annotated[str, Query(alias="tu-ngay", max_length=40)] = "",
                          den_ngay: Annotated[str, Query(alias="den-ngay",
                                                         max_length=40)] = "",
                          co_quan: Annotated[str, Query(alias="co-quan", max_length=40)] = "",
                          ) -> Response:
    """The báo cáo sơ kết as a Word document, from the template a clerk may edit."""
    values = _form_values(nam, tu_ngay, den_ngay, co_quan)
    chosen, wrong = chosen_period(nam, tu_ngay, den_ngay, co_quan)
    if chosen is None:
        return render(request, "review.html", status=422, values=values,
                      problem=_refused(request, wrong))
    try:
        found = await _review(request, chosen)
    except ServiceProblem as error:
        if error.status >= 500:
            raise
        return render(request, "review.html", status=status_of(error),
                      values=values, problem=_service_refused(request, error))
    content = review_docx(found, chosen, today_in_vietnam(SystemClock()))
    return Response(content, media_type=MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{file_name(found)}"'})


@router.get("/bao-cao/chi-so/{key}.csv")
async def figure_csv(request: Request, key: str, nam: Typed = "",
                     tu_ngay: Annotated[str, Query(alias="tu-ngay", max_length=40)] = "",
                     den_ngay: Annotated[str, Query(alias="den-ngay", max_length=40)] = "",
                     co_quan: Annotated[str, Query(alias="co-quan", max_length=40)] = "",
                     ky: Typed = "") -> Response:
    """The records behind a figure as the service's CSV (UTF-8 with BOM, for Excel)."""
    chosen, params = _figure_request(key, nam, tu_ngay, den_ngay, co_quan, ky)
    if chosen is None:
        raise HTTPException(422)
    content, media_type = await services_of(request).get_document(
        "oversight", f"/review/figures/{key}.csv?{urlencode(params)}", language_of(request))
    suffix = "-ky-truoc" if ky == "truoc" else ""
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{key}{suffix}.csv"'})


@router.get("/bao-cao/chi-so/{key}", response_class=HTMLResponse)
async def figure_records(request: Request, key: str, nam: Typed = "",
                         tu_ngay: Annotated[str, Query(alias="tu-ngay", max_length=40)] = "",
                         den_ngay: Annotated[str, Query(alias="den-ngay",
                                                        max_length=40)] = "",
                         co_quan: Annotated[str, Query(alias="co-quan", max_length=40)] = "",
                         ky: Typed = "") -> Response:
    """The records behind one figure (``?ky=truoc``: the previous period's), each linked
    to its page in the portal where there is one, else its API path shown."""
    chosen, params = _figure_request(key, nam, tu_ngay, den_ngay, co_quan, ky)
    if chosen is None:
        values = _form_values(nam, tu_ngay, den_ngay, co_quan)
        _, wrong = chosen_period(nam, tu_ngay, den_ngay, co_quan)
        return render(request, "review.html", status=422, values=values,
                      problem=_refused(request, wrong))
    try:
        found: dict[str, Any] = await services_of(request).get(
            "oversight", f"/review/figures/{key}", params=params,
            language=language_of(request))
    except ServiceProblem as error:
        if error.status >= 500:
            raise
        return render(request, "error.html", status=status_of(error),
                      problem=_service_refused(request, error))
    records = [record | {"page": shown.portal_page(str(record.get("href", "")))}
               for record in found.get("records", [])]
    query = chosen.portal_query()
    period = shown.period_words({"from": chosen.first, "to": chosen.last},
                                language_of(request))
    return render(request, "review_records.html", figure=found, records=records,
                  previous=ky == "truoc", query=query, key=key, period=period,
                  csv=f"/bao-cao/chi-so/{key}.csv?{query}"
                      + ("&ky=truoc" if ky == "truoc" else ""))


def _figure_request(key: str, nam: str, tu_ngay: str, den_ngay: str, co_quan: str, ky: str
                    ) -> tuple[shown.Chosen | None, dict[str, str]]:
    """The chosen period and the service's parameters for one figure's records; a key
    that cannot be a figure's is a page that does not exist."""
    if not FIGURE_KEY.fullmatch(key) or ky not in ("", "truoc"):
        raise HTTPException(404)
    chosen, _ = chosen_period(nam, tu_ngay, den_ngay, co_quan)
    if chosen is None:
        return None, {}
    params = chosen.service_params() | ({"period": "previous"} if ky == "truoc" else {})
    return chosen, params
