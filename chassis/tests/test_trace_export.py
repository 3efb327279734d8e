"""Trace export stays off unless OpenTelemetry's variables name a collector (the export
itself is tested end to end in tests/e2e/test_trace_export.py)."""

from __future__ import annotations

import pytest

from chassis.trace_export import export_traces_if_configured


def test_off_without_an_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", raising=False)
    assert export_traces_if_configured("petitions") is None


def test_off_when_the_sdk_is_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
    monkeypatch.setenv("OTEL_SDK_DISABLED", "true")
    assert export_traces_if_configured("petitions") is None
