"""The portal's workload (decision 14): pointed at each service where an overlay runs it,
able to reach exactly those pods and ports (no NATS, no database, nothing outside), and
started in production mode, its development sign-in off, except in dev."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from deploy_render import (
    DEPLOY,
    OVERLAYS,
    PORTAL_OVERLAYS,
    PORTAL_SERVICES,
    Object,
    find,
    of_kind,
    render,
)

from chassis.runtime import settings_for
from portal.bootstrap import SERVICE
from portal.settings import PortalSettings
from tests.e2e.processes import ServiceProcess

RENDERED = {name: render(DEPLOY / "overlays" / name) for name in OVERLAYS}
CLUSTER_DOMAIN = "svc.cluster.local"


def _portal_pod(overlay: str) -> Object:
    pod: Object = find(RENDERED[overlay], "Deployment", "portal")["spec"]["template"]
    return pod


def _portal_environment(overlay: str) -> dict[str, str]:
    """The variables the portal's container starts with: its ConfigMaps in order (the later
    wins), then its own env; a Secret's value is left out."""
    [container] = _portal_pod(overlay)["spec"]["containers"]
    environment: dict[str, str] = {}
    for source in container["envFrom"]:
        config = find(RENDERED[overlay], "ConfigMap", source["configMapRef"]["name"])
        environment.update(config["data"])
    environment.update({e["name"]: e["value"] for e in container["env"] if "value" in e})
    return environment


def _selects(selector: Object, labels: dict[str, str]) -> bool:
    """Whether a Kubernetes label selector (matchLabels, matchExpressions) selects ``labels``."""
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for expression in selector.get("matchExpressions", []):
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values", [])
        admitted = {
            "Exists": key in labels,
            "DoesNotExist": key not in labels,
            "In": labels.get(key) in values,
            "NotIn": key in labels and labels[key] not in values,
        }[operator]
        if not admitted:
            return False
    return True


def _portal_egress_rules(overlay: str) -> list[Object]:
    labels = _portal_pod(overlay)["metadata"]["labels"]
    return [rule for policy in of_kind(RENDERED[overlay], "NetworkPolicy")
            if _selects(policy["spec"]["podSelector"], labels)
            for rule in policy["spec"].get("egress", [])]


def _egress_admits(overlay: str, namespace: Object, pod_labels: dict[str, str],
                   port: int) -> bool:
    """Whether the portal's policies let it reach port ``port`` of a pod so labelled."""
    namespace_labels = namespace["metadata"].get("labels", {})
    for rule in _portal_egress_rules(overlay):
        if port not in {p["port"] for p in rule["ports"] if p.get("protocol") == "TCP"}:
            continue
        for peer in rule["to"]:
            in_namespace = _selects(peer["namespaceSelector"], namespace_labels) \
                if "namespaceSelector" in peer \
                else namespace["metadata"]["name"] == f"phoihop-{overlay}"
            if in_namespace and _selects(peer.get("podSelector", {}), pod_labels):
                return True
    return False


def _where(url: str, overlay: str) -> tuple[str, str, int]:
    """(service, namespace, port) a cluster URL names: ``http://name:port`` in the portal's
    own namespace, or ``http://name.namespace.svc.cluster.local:port``."""
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.hostname and parts.port, url
    assert parts.path in ("", "/"), f"{url}: the clients add the API's paths themselves"
    name, _, rest = parts.hostname.partition(".")
    if not rest:
        return name, f"phoihop-{overlay}", parts.port
    namespace, _, domain = rest.partition(".")
    assert domain == CLUSTER_DOMAIN, url
    return name, namespace, parts.port


@pytest.mark.parametrize("overlay", PORTAL_OVERLAYS)
@pytest.mark.parametrize("service", PORTAL_SERVICES)
def test_the_portal_is_pointed_at_each_service_where_an_overlay_runs_it(
    overlay: str, service: str
) -> None:
    url = _portal_environment(overlay)[f"PHOIHOP_{service.upper()}_URL"]
    name, namespace, port = _where(url, overlay)
    assert name == service
    running = RENDERED[namespace.removeprefix("phoihop-")]
    find(running, "Namespace", namespace)
    target = find(running, "Service", name)
    assert [p["port"] for p in target["spec"]["ports"]] == [port], url
    deployment = find(running, "Deployment", name)
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert _selects({"matchLabels": target["spec"]["selector"]}, labels)
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    [container_port] = [p["containerPort"] for p in container["ports"]
                        if p["name"] == target["spec"]["ports"][0]["targetPort"]]
    assert _egress_admits(overlay, find(running, "Namespace", namespace), labels,
                          container_port), f"the portal's egress does not let it reach {url}"


@pytest.mark.parametrize("overlay", PORTAL_OVERLAYS)
def test_the_portal_reaches_only_the_services_http_and_dns(overlay: str) -> None:
    rules = _portal_egress_rules(overlay)
    assert all(rule.get("to") for rule in rules), "an egress rule open to every destination"
    reached: set[tuple[str, int]] = set()
    for rule in rules:
        ports = {(p["port"], p.get("protocol")) for p in rule["ports"]}
        for peer in rule["to"]:
            assert "ipBlock" not in peer, "the portal reaches no address outside the cluster"
            target = peer["podSelector"]["matchLabels"]
            if target == {"k8s-app": "kube-dns"}:
                assert ports == {(53, "UDP"), (53, "TCP")}
                continue
            service = target.get("app.kubernetes.io/name")
            assert service in PORTAL_SERVICES, f"the portal reaches pods {target}"
            assert ports == {(PORTAL_SERVICES[service], "TCP")}, f"{service}: its HTTP port only"
            reached.add((service, PORTAL_SERVICES[service]))
    assert reached == set(PORTAL_SERVICES.items())
    nats_or_database = [
        (namespace, labels) for namespace in ("phoihop-ubnd", f"phoihop-{overlay}")
        for labels in ({"app.kubernetes.io/name": "nats"}, {"app.kubernetes.io/name": "postgres"})
    ]
    for namespace, labels in nats_or_database:
        overlay_name = namespace.removeprefix("phoihop-")
        namespace_object = find(RENDERED[overlay_name], "Namespace", namespace)
        for port in (4222, 5432):
            assert not _egress_admits(overlay, namespace_object, labels, port)


def test_the_portal_has_no_nats_or_database_settings_or_secrets() -> None:
    for overlay in PORTAL_OVERLAYS:
        [container] = _portal_pod(overlay)["spec"]["containers"]
        secrets_used = {e["valueFrom"]["secretKeyRef"]["name"] for e in container["env"]
                        if "valueFrom" in e}
        assert secrets_used == {"phoihop-jwt"}
        names = {e["name"] for e in container["env"]}
        assert not names & {"NATS_URL", "NATS_PASSWORD", "DATABASE_PASSWORD",
                            "PHOIHOP_POSTGRES_DSN"}


@pytest.fixture
def portal_environment(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], PortalSettings]:
    """Sets the process's environment to what an overlay gives the portal's container (the
    signing key, a Secret's, a fresh random one), and returns the portal's settings."""
    def settings_of(overlay: str) -> PortalSettings:
        for name in list(os.environ):
            if name.startswith("PHOIHOP_") or name == "NATS_URL":
                monkeypatch.delenv(name)
        for name, value in _portal_environment(overlay).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("PHOIHOP_JWT_SIGNING_KEY", secrets.token_urlsafe(48))
        # As `python -m portal` builds them (chassis.runtime.serve, portal.bootstrap).
        return PortalSettings(**settings_for(SERVICE).model_dump(exclude={"nats_url"}))
    return settings_of


def test_the_agency_portal_runs_in_production_without_the_development_sign_in(
    portal_environment: Callable[[str], PortalSettings],
) -> None:
    settings = portal_environment("mttq")
    assert settings.environment == "production"
    assert settings.development_sign_in is False
    assert settings.secure_cookies is True
    assert (settings.http_host, settings.http_port) == ("0.0.0.0", 8000)
    assert settings.sessions_url == "http://sessions.phoihop-hdnd.svc.cluster.local:8002"


def test_the_dev_portal_keeps_its_sign_in_over_plain_http(
    portal_environment: Callable[[str], PortalSettings],
) -> None:
    settings = portal_environment("dev")
    assert settings.development_sign_in is True
    assert settings.secure_cookies is False
    assert settings.petitions_url == "http://petitions:8001"
    # Only the portal: every service of dev still runs as production.
    common = find(RENDERED["dev"], "ConfigMap", "phoihop-common")["data"]
    assert common["PHOIHOP_ENVIRONMENT"] == "production"


@pytest.mark.e2e
def test_the_portal_starts_with_the_agency_settings_and_answers_its_probes(
    tmp_path: Path,
) -> None:
    """``python -m portal`` (the container's command) with the variables the mttq overlay
    gives it, on a free local port: its probes answer, and the development sign-in is off."""
    environment = {name: value for name, value in _portal_environment("mttq").items()
                   if name not in ("PHOIHOP_HTTP_PORT", "PHOIHOP_DATA_DIR")}
    environment |= {"PHOIHOP_HTTP_HOST": "127.0.0.1",
                    "PHOIHOP_JWT_SIGNING_KEY": secrets.token_urlsafe(48)}
    portal = ServiceProcess("portal", tmp_path, "nats://127.0.0.1:1", "tien-giang",
                            environment=environment)
    try:
        portal.start()
        [container] = _portal_pod("mttq")["spec"]["containers"]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            path = container[probe]["httpGet"]["path"]
            assert httpx.get(portal.url + path, timeout=5).status_code == 200, path
        sign_in = httpx.post(f"{portal.url}/dang-nhap", timeout=5,
                             data={"agency": "hdnd", "role": "staff"})
        assert sign_in.status_code == 404
        assert "phoihop_token" not in sign_in.cookies
    finally:
        portal.stop()
