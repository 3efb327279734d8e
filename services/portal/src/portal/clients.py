"""The portal's only way to data: the services' HTTP APIs, with the viewer's bearer token.

The portal owns no data (decision 14). A service's problem document becomes a
``ServiceProblem`` (shown in words by the pages); a service that does not answer becomes
``ServiceUnavailable``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import uuid4

import httpx

from portal.problems import ServiceProblem, ServiceUnavailable
from portal.settings import PortalSettings

SERVICE_NAMES = {"petitions": "Kiến nghị cử tri", "sessions": "Kỳ họp",
                 "notifier": "Thông báo", "oversight": "Giám sát", "letters": "Đơn thư"}


class Services:
    """One HTTP client per service, shared by every request of the portal."""

    def __init__(self, settings: PortalSettings) -> None:
        timeout = httpx.Timeout(settings.service_timeout_seconds)
        self.clients = {
            "petitions": httpx.AsyncClient(base_url=settings.petitions_url, timeout=timeout),
            "sessions": httpx.AsyncClient(base_url=settings.sessions_url, timeout=timeout),
            "notifier": httpx.AsyncClient(base_url=settings.notifier_url, timeout=timeout),
            "oversight": httpx.AsyncClient(base_url=settings.oversight_url, timeout=timeout),
            "letters": httpx.AsyncClient(base_url=settings.letters_url, timeout=timeout),
        }

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()

    async def get(self, service: str, path: str, token: str | None = None,
                  params: dict[str, Any] | None = None, language: str | None = None) -> Any:
        """``language``: the page's, so a refusal's detail comes back in it."""
        query = {name: value for name, value in (params or {}).items()
                 if value is not None and value != ""}
        headers = {"Accept-Language": language} if language else {}
        return await self._call(service, "GET", path, token, params=query, headers=headers)

    async def get_document(self, service: str, path: str, language: str | None = None
                           ) -> tuple[bytes, str]:
        """A public document as it is (a feed, open data): its bytes and media type."""
        headers = {"Accept-Language": language} if language else {}
        try:
            response = await self.clients[service].get(path, headers=headers)
        except httpx.HTTPError as error:
            raise ServiceUnavailable(SERVICE_NAMES[service]) from error
        if response.status_code >= 400:
            raise ServiceProblem(response.status_code, _document(response))
        return response.content, response.headers.get("content-type", "application/octet-stream")

    async def post(self, service: str, path: str, token: str | None,
                   body: dict[str, Any] | None = None, idempotency_key: str | None = None
                   ) -> Any:
        """A command; the form's own Idempotency-Key makes a double submit harmless."""
        headers = {"Idempotency-Key": idempotency_key or str(uuid4())}
        return await self._call(service, "POST", path, token, json=body or {}, headers=headers)

    async def put(self, service: str, path: str, token: str | None, body: dict[str, Any]
                  ) -> Any:
        """A setting replaced as a whole (doing it twice is doing it once)."""
        return await self._call(service, "PUT", path, token, json=body)

    async def _call(self, service: str, method: str, path: str, token: str | None,
                    **request: Any) -> Any:
        headers = dict(request.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = await self.clients[service].request(method, path, headers=headers,
                                                            **request)
        except httpx.HTTPError as error:
            raise ServiceUnavailable(SERVICE_NAMES[service]) from error
        if response.status_code >= 400:
            raise ServiceProblem(response.status_code, _document(response))
        if response.status_code == 204:  # done, nothing to say (an unsubscribe)
            return None
        return response.json()

    @asynccontextmanager
    async def stream(self, service: str, path: str, token: str,
                     params: dict[str, Any] | None = None) -> AsyncIterator[httpx.Response]:
        """A long-lived response (Server-Sent Events) read as it arrives."""
        client = self.clients[service]
        headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
        timeout = httpx.Timeout(None, connect=client.timeout.connect)
        try:
            async with client.stream("GET", path, headers=headers, params=params,
                                     timeout=timeout) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise ServiceProblem(response.status_code, _document(response))
                yield response
        except httpx.HTTPError as error:
            raise ServiceUnavailable(SERVICE_NAMES[service]) from error


def _document(response: httpx.Response) -> dict[str, Any]:
    try:
        document = response.json()
    except ValueError:
        return {}
    return document if isinstance(document, dict) else {}
