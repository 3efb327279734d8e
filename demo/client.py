"""Talking to a running service as its users would: bearer tokens, keyed commands, problems.

Tokens are minted with the local development key (``chassis.web.auth.issue_token``), one per
agency and unit. Every command carries an ``Idempotency-Key`` made of the run's prefix and
the command's own name, so running the same demo again replays the stored responses and
changes nothing. Any answer that is not a success stops the run with the problem document.
"""

from __future__ import annotations

import json
from types import TracebackType
from typing import Any

import httpx

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency

REPLAYED_HEADER = "Idempotent-Replayed"


class DemoError(Exception):
    """The demo cannot go on: a service is unreachable or refused a request."""

    def __init__(self, message: str, problem: Any = None) -> None:
        super().__init__(message)
        self.problem = problem

    def __str__(self) -> str:
        message = super().__str__()
        if self.problem is None:
            return message
        if isinstance(self.problem, dict | list):
            shown = json.dumps(self.problem, ensure_ascii=False, indent=2)
        else:
            shown = str(self.problem)
        return f"{message}\n{shown}"


def answers(base_url: str, timeout: float = 2.0) -> bool:
    """Whether a service answers ``/healthz`` at ``base_url``."""
    try:
        return httpx.get(f"{base_url.rstrip('/')}/healthz", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


class ServiceClient:
    """An HTTP client of one service, acting for whichever agency each command names."""

    def __init__(self, base_url: str, jurisdiction: str, key_prefix: str,
                 timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.jurisdiction = jurisdiction
        self.key_prefix = key_prefix
        self.settings = ServiceSettings(jurisdiction=jurisdiction)
        self.http = httpx.Client(base_url=self.base_url, timeout=timeout)
        self._tokens: dict[tuple[Agency, str | None], str] = {}
        self.last_replayed = False

    def __enter__(self) -> ServiceClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.http.close()

    def command(self, path: str, agency: Agency, key: str, body: dict[str, Any] | None = None,
                *, unit: str | None = None) -> dict[str, Any]:
        """POST a command as ``agency`` (and ``unit``); ``key`` names it within the run."""
        headers = {"Authorization": f"Bearer {self._token(agency, unit)}",
                   "Idempotency-Key": f"{self.key_prefix}-{key}"}
        response = self._send("POST", path, json=body if body is not None else {},
                              headers=headers)
        self.last_replayed = response.headers.get(REPLAYED_HEADER) == "true"
        result: dict[str, Any] = response.json()
        return result

    def query(self, path: str, params: dict[str, Any] | None = None,
              *, agency: Agency | None = None) -> Any:
        """GET a read: public, or as ``agency`` where the service needs a token (letters)."""
        headers = ({"Authorization": f"Bearer {self._token(agency, None)}"}
                   if agency is not None else None)
        return self._send("GET", path, params=params, headers=headers).json()

    def _token(self, agency: Agency, unit: str | None) -> str:
        if (agency, unit) not in self._tokens:
            self._tokens[agency, unit] = issue_token(
                self.settings, agency=agency, role="staff", unit=unit,
                subject=f"demo-{agency.value}", jurisdiction=self.jurisdiction,
            )
        return self._tokens[agency, unit]

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            raise DemoError(
                f"{method} {self.base_url}{path}: no answer ({error.__class__.__name__}: "
                f"{error}). Is the service running? Start the system with `make run`."
            ) from error
        if response.is_success:
            return response
        try:
            problem: Any = response.json()
        except ValueError:
            problem = response.text[:2000]
        message = f"{method} {self.base_url}{path} answered {response.status_code}"
        if isinstance(problem, dict) and str(problem.get("type", "")).endswith(
                "idempotency-key-reused"):
            message += (" — the demo's data changed since a run with the same seed, scale "
                        "and year: run it with another --seed")
        raise DemoError(message, problem)
