"""The service application's body limit and request timing, in process and over a real socket."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY
from pydantic import BaseModel

from chassis.messaging.embedded_nats import free_port
from chassis.settings import ServiceSettings
from chassis.web.app_factory import create_service_app

LIMIT = 1024
PROBLEM = "application/problem+json"


class Note(BaseModel):
    text: str


@pytest.fixture
def app() -> FastAPI:
    settings = ServiceSettings(environment="test", max_body_bytes=LIMIT)
    service = create_service_app(settings, service="http-test", title="t", description="d")
    service.state.calls = 0

    @service.post("/notes/{kind}")
    def record(kind: str, note: Note) -> dict[str, int]:
        service.state.calls += 1
        return {"length": len(note.text)}

    return service


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def chunks(total: int, size: int = 300) -> Iterator[bytes]:
    """A JSON body of `total` bytes, sent in pieces: httpx then sends it chunked."""
    body = b'{"text": "' + b"x" * (total - 12) + b'"}'
    for start in range(0, len(body), size):
        yield body[start : start + size]


def assert_too_large(response: Any) -> None:
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"].endswith("/payload-too-large")
    assert body["status"] == 413 and str(LIMIT) in body["detail"]


def test_a_declared_length_over_the_limit_is_refused(client: TestClient, app: FastAPI) -> None:
    assert_too_large(client.post("/notes/a", json={"text": "x" * LIMIT}))
    assert app.state.calls == 0


def test_a_chunked_body_over_the_limit_is_refused(client: TestClient, app: FastAPI) -> None:
    response = client.post("/notes/a", content=chunks(LIMIT * 3),
                           headers={"Content-Type": "application/json"})
    assert "content-length" not in response.request.headers
    assert_too_large(response)
    assert app.state.calls == 0


def test_bodies_within_the_limit_pass_chunked_or_not(client: TestClient, app: FastAPI) -> None:
    chunked = client.post("/notes/a", content=chunks(LIMIT),
                          headers={"Content-Type": "application/json"})
    assert chunked.status_code == 200 and chunked.json() == {"length": LIMIT - 12}
    assert client.post("/notes/a", json={"text": "short"}).json() == {"length": 5}
    assert app.state.calls == 2


def test_each_request_is_timed_under_its_route_template(client: TestClient) -> None:
    labels = {"service": "http-test", "method": "POST", "route": "/notes/{kind}"}

    def count() -> float:
        return REGISTRY.get_sample_value("phoihop_http_request_seconds_count", labels) or 0.0

    before = count()
    client.post("/notes/a", json={"text": "x"})
    client.post("/notes/b", json={"text": "x"})
    assert count() == before + 2
    unmatched = {**labels, "method": "GET", "route": "unmatched"}
    seen = REGISTRY.get_sample_value("phoihop_http_request_seconds_count", unmatched) or 0.0
    assert client.get("/nowhere").status_code == 404
    assert REGISTRY.get_sample_value("phoihop_http_request_seconds_count", unmatched) == seen + 1


@pytest.mark.integration
def test_a_chunked_body_over_the_limit_is_refused_by_the_real_server(app: FastAPI) -> None:
    """Through uvicorn and a raw socket: no Content-Length, Transfer-Encoding: chunked."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        head = (f"POST /notes/a HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks(LIMIT * 4)) + b"0\r\n\r\n"
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall(head.encode() + body)
            reply = _read_response(connection)
        status_line, _, rest = reply.partition(b"\r\n")
        assert status_line.startswith(b"HTTP/1.1 413"), reply
        assert b"payload-too-large" in rest
        assert app.state.calls == 0
    finally:
        server.should_exit = True
        thread.join(10)
    assert not thread.is_alive()


def _read_response(connection: socket.socket) -> bytes:
    """Reads until the headers and the Content-Length bytes of body have arrived."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = connection.recv(4096)
        assert piece, data
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        piece = connection.recv(4096)
        assert piece, data
        body += piece
    return head + b"\r\n\r\n" + body
