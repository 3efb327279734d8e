"""The composition root: the only place that builds the letters service's infrastructure.

Letters are a service of their own, not a part of petitions (docs/architecture.md,
decision 15): the denouncers' identity vault must be a store apart, with its own key and
the smallest blast radius: its own deployment, network policy and database user.
"""

from __future__ import annotations

from fastapi import FastAPI

from chassis.audit import AuditSpec
from chassis.projection import warming_up
from chassis.runtime import producing_service_app
from chassis.service_specs import ServiceSpec
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from kernel.clock import Clock
from letters.application import Letters, translate
from letters.application.audit import check_read_model
from letters.entrypoints.http import create_http_app
from letters.reception_worker import ReceptionWorker
from letters.settings import LettersSettings
from letters.vault.vault import Vault

SERVICE = ServiceSpec(name="letters", default_port=8005, module="letters",
                      title="Đơn thư (letters)")


def build_letters(settings: ServiceSettings, clock: Clock | None = None) -> Letters:
    config = LettersSettings.of(settings)
    vault = Vault(config.vault_environment(), keys=config.master_keys(), clock=clock)
    return Letters(store_environment(config, SERVICE.name), vault=vault, clock=clock)


AUDIT = AuditSpec(  # phoihop audit --service letters
    open_app=build_letters, translate=translate, read_model=check_read_model,
)


def build_app(settings: ServiceSettings) -> FastAPI:
    """Letters: its relay, the reception worker (missed reception obligations), the API."""
    config = LettersSettings.of(settings)
    letters = build_letters(config)
    worker = ReceptionWorker(letters, config.letters_reception_poll_seconds)
    http = producing_service_app(config, SERVICE, letters, translate, create_http_app,
                                 background=[worker.run])
    http.state.readiness.append(warming_up(letters.catalogue.projection))
    return http
