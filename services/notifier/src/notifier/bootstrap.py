"""The composition root: the only place that builds the notifier's infrastructure."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import timedelta
from typing import Any

from fastapi import FastAPI

from chassis.application import store_readiness
from chassis.audit import AuditSpec
from chassis.envelope import KeyedHash, MasterKeys
from chassis.messaging.asyncapi import serve_asyncapi
from chassis.messaging.service_messaging import ServiceMessaging
from chassis.projection import warming_up
from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from kernel.clock import Clock
from notifier.application import Notifier
from notifier.application.audit import check_read_model
from notifier.application.signals import SaveSignal
from notifier.channels import Channel
from notifier.channels.mail import EmailChannel
from notifier.channels.webhook import WebhookChannel
from notifier.domain.delivery import Backoff
from notifier.egress import EgressGuard
from notifier.entrypoints.http import create_http_app
from notifier.rules import check_rules, default_rules, default_templates
from notifier.sealing import SecretSealer
from notifier.settings import NotifierSettings
from notifier.workers import DeliveryWorker, DigestWorker, ReminderWorker

SERVICE = ServiceSpec(
    name="notifier", default_port=8004, module="notifier",
    title="Thông báo, nhắc hạn (notifier)",
)


def build_notifier(settings: NotifierSettings, clock: Clock | None = None) -> Notifier:
    rules, templates = default_rules(), default_templates()
    check_rules(rules, templates)  # a broken table fails at start, not on some later event
    return Notifier(
        env=store_environment(settings, SERVICE.name), rules=rules, templates=templates,
        sealer=SecretSealer(settings.webhook_secret_keys),
        clock=clock, email_enabled=settings.email_enabled,
        message_domain=f"{settings.jurisdiction}.phoihop",
        backoff=Backoff(settings.retry_base_seconds, settings.retry_max_seconds),
        max_attempts=settings.delivery_max_attempts,
        follower_keys=MasterKeys(settings.follower_master_keys, name="follower master key"),
        follower_hash=KeyedHash(settings.follower_hash_key), portal_url=settings.portal_url,
        digest_grace=timedelta(seconds=settings.digest_grace_seconds),
    )


AUDIT = AuditSpec(  # phoihop audit --service notifier (it publishes nothing: no stream check)
    open_app=lambda settings: build_notifier(NotifierSettings.of(settings)),
    read_model=check_read_model,
)


def build_app(settings: ServiceSettings, clock: Clock | None = None) -> FastAPI:
    """The notifier: consumers of every stream its rules name, two workers, the HTTP API."""
    config = NotifierSettings.of(settings)
    notifier = build_notifier(config, clock)
    signal = SaveSignal(notifier)
    messaging = ServiceMessaging(config, SERVICE.name)
    for upstream in notifier.rules.upstreams():
        messaging.add_consumer(notifier, upstream, purpose=upstream)
    guard = EgressGuard(allow_internal=config.internal_webhooks_allowed)
    channels: dict[str, Channel] = {
        "webhook": WebhookChannel(notifier.sealer, guard, config.webhook_timeout_seconds)}
    if config.email_enabled:
        channels["email"] = EmailChannel(config, notifier.following.mail_for)
    workers: list[DeliveryWorker | ReminderWorker | DigestWorker] = [
        DeliveryWorker(notifier, channels, signal, concurrency=config.delivery_concurrency,
                       poll_seconds=config.delivery_poll_seconds),
        ReminderWorker(notifier, config.reminder_poll_seconds),
        DigestWorker(notifier, config.digest_poll_seconds),
    ]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        signal.bind()
        tasks: list[asyncio.Task[Any]] = [
            asyncio.create_task(worker.run(), name=type(worker).__name__) for worker in workers
        ]
        try:
            async with messaging.lifespan(app):
                yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with suppress(asyncio.CancelledError, Exception):
                    await task

    http = create_http_app(config, notifier, signal, lifespan=lifespan)
    # The read model catches up with the log in the background; /readyz says how far.
    http.state.readiness += [store_readiness(notifier), messaging.readiness,
                             warming_up(notifier.read_model.projection)]
    serve_asyncapi(http, messaging.traffic, SERVICE.title)
    return http

