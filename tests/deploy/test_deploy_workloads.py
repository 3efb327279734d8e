"""What every pod of every overlay must be: probed, bounded, unprivileged, secret-free in
its spec, wired to settings and Secrets that exist, and fenced by network policies."""

from __future__ import annotations

import importlib.util
import ipaddress
import re

import pytest
from deploy_render import (
    AGENCY_SERVICES,
    BUS_SERVICES,
    DEPLOY,
    HTTP_PORTS,
    OVERLAYS,
    PORTAL_SERVICES,
    SERVICE_PORTS,
    Object,
    find,
    of_kind,
    render,
    secret_value,
    workloads,
)

RENDERED = {name: render(DEPLOY / "overlays" / name) for name in OVERLAYS}
DEPLOYMENTS = [(name, d) for name, objs in RENDERED.items() for d in of_kind(objs, "Deployment")]
WORKLOADS = [(name, w) for name, objs in RENDERED.items() for w in workloads(objs)]
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|KEY", re.IGNORECASE)
REFERENCE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")
MEBI = {"Mi": 1, "Gi": 1024}


def _id(item: tuple[str, Object]) -> str:
    return f"{item[0]}-{item[1]['metadata']['name']}"


def _mebibytes(quantity: str) -> float:
    return float(quantity[:-2]) * MEBI[quantity[-2:]]


def _pod(workload: Object) -> Object:
    pod: Object = workload["spec"]["template"]["spec"]
    return pod


@pytest.mark.parametrize("item", DEPLOYMENTS, ids=[_id(i) for i in DEPLOYMENTS])
def test_service_deployment_shape(item: tuple[str, Object]) -> None:
    overlay, deployment = item
    name = deployment["metadata"]["name"]
    port = HTTP_PORTS[name]
    [container] = _pod(deployment)["containers"]
    assert container["command"] == ["python", "-m", name]
    assert importlib.util.find_spec(name) is not None, f"the image has no module {name} to run"
    assert container["ports"] == [{"name": "http", "containerPort": port}]
    env = {e["name"]: e for e in container["env"]}
    assert env["PHOIHOP_HTTP_PORT"]["value"] == str(port)
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(port)
    assert annotations["prometheus.io/path"] == "/metrics"
    service = find(RENDERED[overlay], "Service", name)
    assert service["spec"]["ports"] == [{"name": "http", "port": port, "targetPort": "http"}]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()


@pytest.mark.parametrize("item", DEPLOYMENTS, ids=[_id(i) for i in DEPLOYMENTS])
def test_service_memory_is_sized_for_a_python_process(item: tuple[str, Object]) -> None:
    [container] = _pod(item[1])["containers"]
    resources = container["resources"]
    request = _mebibytes(resources["requests"]["memory"])
    limit = _mebibytes(resources["limits"]["memory"])
    assert 150 <= request <= limit <= 512
    assert limit >= 250, "room for a process of up to ~250 MB"


@pytest.mark.parametrize("item", WORKLOADS, ids=[_id(i) for i in WORKLOADS])
def test_every_pod_is_probed_bounded_and_unprivileged(item: tuple[str, Object]) -> None:
    pod = _pod(item[1])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] > 0
    assert pod["automountServiceAccountToken"] is False
    for container in pod["containers"]:
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert probe in container, f"{container['name']}: no {probe}"
        for bound in ("requests", "limits"):
            assert set(container["resources"][bound]) == {"cpu", "memory"}
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True
        assert security["allowPrivilegeEscalation"] is False
        assert security["capabilities"]["drop"] == ["ALL"]
        assert ":" in container["image"] and not container["image"].endswith(":latest")


@pytest.mark.parametrize("item", WORKLOADS, ids=[_id(i) for i in WORKLOADS])
def test_no_secret_value_in_a_pod_spec(item: tuple[str, Object]) -> None:
    """Secret-looking variables come from Secrets; URLs hold only references to them."""
    overlay, workload = item
    for container in _pod(workload)["containers"]:
        from_secret: set[str] = set()
        defined = _config_map_variables(overlay, container)
        for variable in container.get("env", []):
            name, value = variable["name"], variable.get("value")
            if value is None:
                source = variable["valueFrom"]
                if "secretKeyRef" in source:
                    from_secret.add(name)
                else:
                    assert not SECRET_NAME.search(name), f"{name} must come from a Secret"
            else:
                assert not SECRET_NAME.search(name), f"{name} has a value in the spec"
                # Kubernetes expands only variables defined above: anything else stays as text.
                assert set(REFERENCE.findall(value)) <= defined, f"{name}: undefined reference"
                _check_url_credentials(value, from_secret)
            defined.add(name)


def _config_map_variables(overlay: str, container: Object) -> set[str]:
    names: set[str] = set()
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            config = find(RENDERED[overlay], "ConfigMap", source["configMapRef"]["name"])
            names |= set(config["data"])
    return names


def _check_url_credentials(value: str, from_secret: set[str]) -> None:
    for password in re.findall(r"://[^:/@]+:([^@]*)@", value):
        match = REFERENCE.fullmatch(password)
        assert match and match.group(1) in from_secret, f"plain password in {value}"


@pytest.mark.parametrize("name", [n for n in OVERLAYS if n != "dev"])
def test_agency_overlays_hold_no_secret(name: str) -> None:
    assert of_kind(RENDERED[name], "Secret") == []


@pytest.mark.parametrize("item", WORKLOADS, ids=[_id(i) for i in WORKLOADS])
def test_referenced_settings_and_secrets_exist(item: tuple[str, Object]) -> None:
    """ConfigMaps exist in every overlay; Secrets exist in dev and are documented for the rest."""
    overlay, workload = item
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    pod = _pod(workload)
    for volume in pod.get("volumes", []):
        if "configMap" in volume:
            find(RENDERED[overlay], "ConfigMap", volume["configMap"]["name"])
    for container in pod["containers"]:
        for source in container.get("envFrom", []):
            kind, ref = ("ConfigMap", source["configMapRef"]) if "configMapRef" in source \
                else ("Secret", source["secretRef"])
            _check_reference(overlay, kind, ref["name"], None, False, readme)
        for variable in container.get("env", []):
            for kind, key in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
                ref = variable.get("valueFrom", {}).get(key)
                if ref:
                    optional = ref.get("optional", False)
                    _check_reference(overlay, kind, ref["name"], ref["key"], optional, readme)


def _check_reference(
    overlay: str, kind: str, name: str, key: str | None, optional: bool, readme: str
) -> None:
    if kind == "Secret" and overlay != "dev":
        assert f"`{name}`" in readme, f"Secret {name} is not documented in deploy/README.md"
        if key:
            assert f"`{key}`" in readme, f"key {key} of {name} is not documented"
        return
    present = [o for o in of_kind(RENDERED[overlay], kind) if o["metadata"]["name"] == name]
    if optional and not present:
        return
    [obj] = present
    if key:
        assert key in obj["data"], f"{kind} {name} has no {key}"


def test_dev_nats_users_have_the_services_passwords() -> None:
    objects = RENDERED["dev"]
    users = find(objects, "Secret", "nats-users")
    # One password for each user of the accounts, or nats-server refuses the configuration.
    assert set(users["data"]) == {f"{user.upper()}_PASSWORD"
                                  for user in (*BUS_SERVICES, "ubnd", "dbqh", "sys")}
    for service in SERVICE_PORTS:
        own = find(objects, "Secret", f"phoihop-{service}")
        expected = secret_value(own, "nats-password")
        assert secret_value(users, f"{service.upper()}_PASSWORD") == expected


def _egress_ports(deployment: str) -> set[int]:
    """Services: NATS, PostgreSQL and DNS (the notifier also HTTPS); the portal: the
    services' HTTP ports and DNS only."""
    if deployment == "portal":
        return {*PORTAL_SERVICES.values(), 53}
    return {4222, 5432, 53} | ({443} if deployment == "notifier" else set())


@pytest.mark.parametrize("name", OVERLAYS)
def test_pods_talk_only_http_in_and_what_they_need_out(name: str) -> None:
    objects = RENDERED[name]
    policies = of_kind(objects, "NetworkPolicy")
    default = find(objects, "NetworkPolicy", "default-deny")["spec"]
    assert default == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    for deployment in of_kind(objects, "Deployment"):
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        applying = [
            p["spec"] for p in policies
            if p["spec"]["podSelector"].get("matchLabels", {}).items() <= labels.items()
        ]
        ingress = {port["port"] for p in applying for rule in p.get("ingress", [])
                   for port in rule["ports"]}
        egress = {port["port"] for p in applying for rule in p.get("egress", [])
                  for port in rule["ports"]}
        assert ingress == {"http"}
        assert egress == _egress_ports(labels["app.kubernetes.io/name"])


INTERNAL_ADDRESSES = ("10.96.0.1", "172.20.0.10", "192.168.1.5", "127.0.0.1", "169.254.169.254",
                      "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1")


def _peer_allows(peer: Object, address: str) -> bool:
    """Whether one ``to`` peer of an egress rule lets a pod reach ``address``. A pod or
    namespace selector names pods of the cluster (NATS, PostgreSQL, DNS), no address."""
    block = peer.get("ipBlock")
    if block is None:
        return False
    ip = ipaddress.ip_address(address)
    cidr = ipaddress.ip_network(block["cidr"])
    return (ip.version == cidr.version and ip in cidr
            and not any(ip in ipaddress.ip_network(e) for e in block.get("except", [])
                        if ipaddress.ip_network(e).version == ip.version))


@pytest.mark.parametrize("name", [n for n in OVERLAYS if "notifier" in AGENCY_SERVICES[n]])
def test_the_notifier_reaches_public_addresses_but_no_internal_one(name: str) -> None:
    """Issue 12, item 8: webhooks go out; nothing lets them reach the cluster's inside."""
    objects = RENDERED[name]
    notifier = find(objects, "Deployment", "notifier")
    labels = notifier["spec"]["template"]["metadata"]["labels"]
    rules = [rule for p in of_kind(objects, "NetworkPolicy")
             if p["spec"]["podSelector"].get("matchLabels", {}).items() <= labels.items()
             for rule in p["spec"].get("egress", [])]
    assert all(rule.get("to") for rule in rules), "an egress rule open to every destination"
    peers = [peer for rule in rules for peer in rule["to"]]
    for address in INTERNAL_ADDRESSES:
        assert not any(_peer_allows(peer, address) for peer in peers), address
    for address in ("113.160.92.1", "2001:ee0:4f00::1"):
        assert any(_peer_allows(peer, address) for peer in peers), address
