"""What the oversight pages' forms share: a form checked against its fields before it is
sent (what the portal can tell is wrong is answered beside the field, nothing sent), then
sent with its Idempotency-Key; a refusal of the service is shown in the failed record's
form. The service decides who may (decision 13); the pages only hide the forms it would
refuse."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from portal.pages import shown_problem
from portal.problems import ServiceProblem, ServiceUnavailable, status_of
from portal.routes.oversight import LONG_TEXT, refused_here, typed_day
from portal.viewer import Viewer

SHORT_TEXT = 500  # the service's bound on a title, a topic, a name


@dataclass(frozen=True)
class Field:
    """One field of a form: ``text`` (a line), ``long`` (paragraphs), ``lines`` (a list,
    one a line), ``day``, ``number`` or ``choice`` (one of ``choices``)."""

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] = (1, 10_000)


def checked(form: dict[str, str], fields: tuple[Field, ...]) -> tuple[dict[str, Any],
                                                                       dict[str, str]]:
    """The command's body from the form, and what is wrong with it, by field. A field
    left empty is left out (the service's default: today for a day)."""
    body: dict[str, Any] = {}
    wrong: dict[str, str] = {}
    for field in fields:
        typed = form.get(field.name, "")
        if not typed:
            if field.required:  # a choice not made reads as one not made right
                wrong[field.name] = "enum" if field.kind == "choice" else "missing"
            continue
        value, problem = _value(field, typed)
        if problem:
            wrong[field.name] = problem
        else:
            body[field.name] = value
    return body, wrong


def _value(field: Field, typed: str) -> tuple[Any, str | None]:
    if field.kind == "day":
        return typed_day(typed)
    if field.kind == "choice":
        return (typed, None) if typed in field.choices else (None, "enum")
    if field.kind == "number":
        if not typed.isdigit():
            return None, "int_parsing"
        number = int(typed)
        low, high = field.bounds
        return (number, None) if low <= number <= high else (None, "greater_than_equal")
    if field.kind == "lines":
        return [line.strip() for line in typed.splitlines() if line.strip()], None
    limit = LONG_TEXT if field.kind == "long" else SHORT_TEXT
    return (typed, None) if len(typed) <= limit else (None, "string_too_long")


Rerender = Callable[..., Awaitable[Response]]


async def send(request: Request, viewer: Viewer, *, path: str, body: dict[str, Any],
               wrong: dict[str, str], form: dict[str, str], failed: str,
               rerender: Rerender, done: str | Callable[[Any], str]) -> Response:
    """Sends the command unless the form is wrong; on a refusal the page again, with the
    problem in the failed form; else to ``done`` (303; a function of the service's answer
    when the address names what was made)."""
    if wrong:
        return await rerender(request, viewer, status=422, values=form, failed=failed,
                              problem=refused_here(request, wrong))
    services = request.app.state.services
    try:
        made = await services.post("oversight", path, viewer.token, body,
                                   form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await rerender(request, viewer, status=status_of(error), values=form,
                              failed=failed, problem=shown_problem(request, error))
    return RedirectResponse(done if isinstance(done, str) else done(made), status_code=303)
