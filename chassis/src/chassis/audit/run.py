"""``phoihop audit``: one service's store replayed and checked; the report says what failed."""

from __future__ import annotations

import asyncio
import importlib
import time
from pathlib import Path

from chassis.audit.chain import Seals
from chassis.audit.published import PublishedCheck, read_stream
from chassis.audit.replay import replay
from chassis.audit.report import AuditReport
from chassis.audit.spec import AuditSpec
from chassis.service_specs import installed_services
from chassis.settings import ServiceSettings


def spec_of(service: str) -> AuditSpec:
    """The ``AUDIT`` a service's bootstrap declares."""
    modules = {spec.name: spec.module for spec in installed_services()}
    if service not in modules:
        raise SystemExit(f"unknown service {service!r}; installed: {sorted(modules)}")
    spec = getattr(importlib.import_module(f"{modules[service]}.bootstrap"), "AUDIT", None)
    if not isinstance(spec, AuditSpec):
        raise SystemExit(f"service {service!r} declares no AUDIT in its bootstrap")
    return spec


def default_seal_path(settings: ServiceSettings, service: str) -> Path:
    """Beside the store: the data folder (SQLite's files, or PostgreSQL's deployment's)."""
    suffix = "" if settings.store == "sqlite" else f"-{settings.store}"
    return settings.data_dir / f"{service}{suffix}.audit-seals.json"


def audit(
    spec: AuditSpec, settings: ServiceSettings, service: str, *,
    seal_path: Path | None = None, nats_url: str | None = None, say: bool = True,
) -> AuditReport:
    """Replays ``service``'s store; ``nats_url`` None skips the stream check."""
    report = AuditReport(service)
    seals = Seals(seal_path or default_seal_path(settings, service))
    app = spec.open_app(settings)
    started = time.perf_counter()

    def progress(position: int) -> None:
        if say:
            rate = position / max(time.perf_counter() - started, 1e-9)
            print(f"audit {service}: at notification {position} ({rate:,.0f} events/s)",
                  flush=True)

    try:
        check = None
        if nats_url is not None and spec.translate is not None:
            # The position first: every event up to it was in the stream before it is read.
            position = app.recorder.max_tracking_id(f"relay:{service}") or 0
            prefix = settings.js_api_prefixes.get(service, "$JS.API")
            stream = asyncio.run(read_stream(nats_url, settings.jurisdiction, service, prefix))
            check = PublishedCheck(settings.jurisdiction, service, position, spec.translate,
                                   stream)
        result = replay(app, seals, on_event=check, progress=progress)
        report.events, report.aggregates = result.chain.rows, len(result.aggregates)
        report.problems += result.problems + seals.problems
        if spec.read_model is not None:
            try:
                report.problems += spec.read_model(app, result.aggregates)
            except Exception as error:  # the service itself cannot rebuild it from this log
                report.problems.append(f"read model: cannot be rebuilt: {error!r}")
        if check is not None:
            report.problems += check.problems + check.foreign()
            report.published_checked = check.checked
    finally:
        app.close()
    if report.ok:
        seals.save()
        report.sealed_through = seals.new[-1].notification_id if seals.new else 0
    else:
        report.sealed_through = seals.earlier[-1].notification_id if seals.earlier else 0
    return report
