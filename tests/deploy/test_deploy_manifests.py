"""deploy/ as files: every YAML parses, every reference resolves, each overlay deploys what
its agency runs, and our rendering agrees with kustomize's where kubectl is installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from deploy_render import (
    AGENCY_DEPLOYMENTS,
    DEPLOY,
    OVERLAYS,
    Object,
    all_kustomization_dirs,
    find,
    kubectl_render,
    kustomization,
    load_documents,
    of_kind,
    render,
)

AGENCY_STATEFULSETS = {
    "hdnd": {"postgres"}, "mttq": {"postgres"}, "ubnd": {"nats", "postgres"}, "dbqh": set(),
    "dev": {"postgres", "nats"},
}


def overlay(name: str) -> Path:
    return Path(DEPLOY, "overlays", name)


def test_every_yaml_file_parses_into_kubernetes_objects() -> None:
    files = sorted(DEPLOY.rglob("*.yaml"))
    assert len(files) >= 30
    for path in files:
        documents = load_documents(path)
        assert documents, f"{path} is empty"
        for document in documents:
            assert isinstance(document, dict), path
            assert {"apiVersion", "kind"} <= document.keys(), path


@pytest.mark.parametrize(
    "directory", all_kustomization_dirs(), ids=lambda p: str(p.relative_to(DEPLOY))
)
def test_every_kustomization_reference_exists(directory: Path) -> None:
    config = kustomization(directory)
    assert config["kind"] == "Kustomization"
    for entry in config.get("resources", []):
        target = directory / entry
        assert target.is_file() or (target / "kustomization.yaml").is_file(), f"{entry} missing"
    for generator in config.get("configMapGenerator", []) + config.get("secretGenerator", []):
        for entry in generator.get("files", []):
            assert (directory / entry.rpartition("=")[2]).is_file(), f"{entry} missing"


def test_every_manifest_file_is_used_by_a_kustomization() -> None:
    used: set[Path] = set()
    for directory in all_kustomization_dirs():
        config = kustomization(directory)
        used |= {(directory / entry).resolve() for entry in config.get("resources", [])}
        used.add((directory / "kustomization.yaml").resolve())
    unused = [p for p in DEPLOY.rglob("*.yaml") if p.resolve() not in used]
    assert unused == []


@pytest.mark.parametrize("name", OVERLAYS)
def test_overlay_deploys_what_its_agency_runs(name: str) -> None:
    objects = render(overlay(name))
    deployments = {d["metadata"]["name"] for d in of_kind(objects, "Deployment")}
    services = {s["metadata"]["name"] for s in of_kind(objects, "Service")}
    statefulsets = {s["metadata"]["name"] for s in of_kind(objects, "StatefulSet")}
    assert deployments == AGENCY_DEPLOYMENTS[name]
    assert AGENCY_DEPLOYMENTS[name] <= services
    assert statefulsets == AGENCY_STATEFULSETS[name]
    namespace = f"phoihop-{name}"
    assert find(objects, "Namespace", namespace)["metadata"]["labels"]["phoihop.vn/agency"] == name
    assert {o["metadata"].get("namespace", namespace) for o in objects} == {namespace}


@pytest.mark.parametrize("name", OVERLAYS)
def test_overlay_settings(name: str) -> None:
    objects = render(overlay(name))
    settings = find(objects, "ConfigMap", "phoihop-common")["data"]
    assert settings["PHOIHOP_JURISDICTION"] == "tien-giang"
    assert settings["PHOIHOP_STORE"] == "postgres"
    assert settings["PHOIHOP_ENVIRONMENT"] == "production"
    replicas = "1" if name == "dev" else "3"
    assert settings["PHOIHOP_STREAM_REPLICAS"] == replicas
    nats = [s for s in of_kind(objects, "StatefulSet") if s["metadata"]["name"] == "nats"]
    for statefulset in nats:
        assert str(statefulset["spec"]["replicas"]) == replicas


def test_the_bus_runs_in_the_namespace_the_services_are_pointed_at() -> None:
    settings = find(render(overlay("hdnd")), "ConfigMap", "phoihop-common")["data"]
    bus = render(overlay("ubnd"))
    namespace = find(bus, "Namespace", "phoihop-ubnd")
    assert namespace["metadata"]["labels"]["phoihop.vn/event-bus"] == "true"
    assert settings["NATS_HOST"] == f"{find(bus, 'Service', 'nats')['metadata']['name']}." \
        f"{namespace['metadata']['name']}.svc.cluster.local"
    dev = render(overlay("dev"))
    assert find(dev, "ConfigMap", "phoihop-common")["data"]["NATS_HOST"] == "nats"
    assert find(dev, "Namespace", "phoihop-dev")["metadata"]["labels"]["phoihop.vn/event-bus"]


def test_nats_routes_name_every_server_of_the_statefulset() -> None:
    objects = render(DEPLOY / "base" / "nats")
    statefulset = find(objects, "StatefulSet", "nats")
    config = find(objects, "ConfigMap", "nats-config")["data"]["nats.conf"]
    replicas = statefulset["spec"]["replicas"]
    service = statefulset["spec"]["serviceName"]
    for ordinal in range(replicas):
        assert f'"nats://nats-{ordinal}.{service}:6222"' in config
    assert f"nats-{replicas}." not in config
    dev_config = find(render(overlay("dev")), "ConfigMap", "nats-config")["data"]["nats.conf"]
    assert "cluster {" not in dev_config and 'include "accounts.conf"' in dev_config


def _summary(objects: list[Object]) -> dict[tuple[str, str], Object]:
    """What must agree between two renderings: names, settings, images, env, replicas."""
    summary: dict[tuple[str, str], Object] = {}
    for obj in objects:
        key = (obj["kind"], obj["metadata"]["name"])
        entry: Object = {"namespace": obj["metadata"].get("namespace")}
        if obj["kind"] in ("ConfigMap", "Secret"):
            entry["data"] = obj.get("data")
        if obj["kind"] in ("Deployment", "StatefulSet"):
            entry["replicas"] = obj["spec"]["replicas"]
            entry["containers"] = obj["spec"]["template"]["spec"]["containers"]
        entry["labels"] = obj["metadata"].get("labels")
        summary[key] = entry
    return summary


@pytest.mark.parametrize("name", OVERLAYS)
def test_kustomize_renders_the_same_objects(name: str) -> None:
    rendered = kubectl_render(overlay(name))
    if rendered is None:
        pytest.skip("kubectl is not installed: the overlays were rendered by the tests only")
    assert _summary(rendered) == _summary(render(overlay(name)))
