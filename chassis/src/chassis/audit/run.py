"""``phoihop audit``: one service's store replayed and checked; the report says what failed."""

from __future__ import annotations

import asyncio
import importlib
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from chassis.audit.chain import Seals
from chassis.audit.published import PublishedCheck, read_stream
from chassis.audit.replay import replay
from chassis.audit.report import AuditReport
from chassis.audit.signed_seals import (
    load_signing_key,
    load_verify_key,
    publish,
    read_published,
    verify,
)
from chassis.audit.spec import AuditSpec
from chassis.service_specs import installed_services
from chassis.settings import ServiceSettings


@dataclass(frozen=True)
class AuditKeys:
    """The auditor's Ed25519 keys: the public one checks published seals, the private
    one (when the auditor has it here) signs new ones."""

    public: Ed25519PublicKey
    private: Ed25519PrivateKey | None = None

    @classmethod
    def load(cls, signing_key: Path | None, verify_key: Path | None) -> AuditKeys | None:
        private = load_signing_key(signing_key) if signing_key else None
        if verify_key is not None:
            return cls(load_verify_key(verify_key), private)
        return cls(private.public_key(), private) if private else None


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
    keys: AuditKeys | None = None,
) -> AuditReport:
    """Replays ``service``'s store; ``nats_url`` None skips the stream check.

    ``keys``: the chain is also checked against the signed seals in the stream, and a
    clean audit with the private key publishes its new seals there.
    """
    report = AuditReport(service)
    seals = Seals(seal_path or default_seal_path(settings, service))
    prefix = settings.js_api_prefixes.get(service, "$JS.API")
    keys = keys if nats_url is not None else None
    if keys is not None and nats_url is not None:
        messages = asyncio.run(read_published(nats_url, settings.jurisdiction, service, prefix))
        published = verify(settings.jurisdiction, service, messages, keys.public)
        report.problems += published.problems
        seals.trust(published.seals)
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
        if spec.derived is not None:
            try:
                report.problems += spec.derived(settings, app)
            except Exception as error:  # a store it replays cannot be read
                report.problems.append(f"derived: cannot be re-derived: {error!r}")
        if check is not None:
            report.problems += check.problems + check.foreign()
            report.published_checked = check.checked
    finally:
        app.close()
    if report.ok:
        seals.save()
        report.sealed_through = seals.new[-1].notification_id if seals.new else 0
        if keys is not None and keys.private is not None and nats_url is not None:
            newer = [seal for seal in seals.new if seal.notification_id > seals.trusted_through]
            if asyncio.run(publish(nats_url, settings.jurisdiction, service, newer,
                                   keys.private)):
                report.seals_published = len(newer)
            else:
                report.notes.append("no stream yet to hold signed seals (the service has "
                                    "published nothing): sealed in the file only")
    else:
        report.sealed_through = seals.earlier[-1].notification_id if seals.earlier else 0
    return report
