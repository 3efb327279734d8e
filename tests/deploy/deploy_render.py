"""Reads deploy/: YAML files, kustomizations, and a small renderer of kustomize overlays.

The renderer follows what deploy/ uses (resources, generators with merge, labels,
namespace, replicas, images) and keeps generated names without their hash, so tests can
look objects up by name. ``kubectl kustomize`` is used where installed, to check it.
"""

from __future__ import annotations

import base64
import copy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
OVERLAYS = ("hdnd", "mttq", "ubnd", "dbqh", "dev")
# The services deployed, and their HTTP ports.
SERVICE_PORTS = {"petitions": 8001, "sessions": 8002, "oversight": 8003, "notifier": 8004,
                 "letters": 8005}
# The service users of the NATS accounts (base/nats): one per service deployed.
BUS_SERVICES = tuple(SERVICE_PORTS)
# Which services each overlay runs (deploy/README.md says why).
AGENCY_SERVICES = {
    "hdnd": {"sessions", "oversight"},
    "mttq": {"petitions", "notifier"},
    "ubnd": {"letters"},
    "dbqh": set(),
    "dev": set(SERVICE_PORTS),
}
# Which service users each agency's NATS account holds.
# UBND's account holds letters' user beside its own reader user, ubnd.
ACCOUNT_SERVICES = {**AGENCY_SERVICES, "ubnd": {"letters", "ubnd"}}
# The portal (decision 14): its HTTP port, and the overlays that run it (deploy/README.md
# says why). It is no service of the bus: no NATS user, no database.
PORTAL_PORT = 8000
PORTAL_OVERLAYS = ("mttq", "dev")
# The services the portal calls.
PORTAL_SERVICE_PORTS = dict(SERVICE_PORTS)
# Every Deployment's HTTP port, and which Deployments each overlay has.
HTTP_PORTS = {**SERVICE_PORTS, "portal": PORTAL_PORT}
AGENCY_DEPLOYMENTS = {name: services | ({"portal"} if name in PORTAL_OVERLAYS else set())
                      for name, services in AGENCY_SERVICES.items()}

Object = dict[str, Any]


def _yaml() -> Any:
    """PyYAML, or a skip for the tests that read manifests (the NATS tests need none)."""
    return pytest.importorskip("yaml", reason="PyYAML is needed to read the manifests")


def load_documents(path: Path) -> list[Object]:
    with path.open(encoding="utf-8") as stream:
        return [doc for doc in _yaml().safe_load_all(stream) if doc is not None]


def kustomization(directory: Path) -> Object:
    documents = load_documents(directory / "kustomization.yaml")
    assert len(documents) == 1, f"{directory}: one document expected"
    return documents[0]


def all_kustomization_dirs() -> list[Path]:
    return sorted(path.parent for path in DEPLOY.rglob("kustomization.yaml"))


def render(directory: Path) -> list[Object]:
    """The objects ``kustomize build directory`` produces, generated names unhashed."""
    config = kustomization(directory)
    objects: list[Object] = []
    for entry in config.get("resources", []):
        path = directory / entry
        objects += render(path) if path.is_dir() else copy.deepcopy(load_documents(path))
    for generator in config.get("configMapGenerator", []):
        _generate(directory, objects, "ConfigMap", generator)
    for generator in config.get("secretGenerator", []):
        _generate(directory, objects, "Secret", generator)
    for label_set in config.get("labels", []):
        for obj in objects:
            obj["metadata"].setdefault("labels", {}).update(label_set["pairs"])
    if "namespace" in config:
        for obj in objects:
            if obj["kind"] != "Namespace":
                obj["metadata"]["namespace"] = config["namespace"]
    for replicas in config.get("replicas", []):
        for workload in workloads(objects):
            if workload["metadata"]["name"] == replicas["name"]:
                workload["spec"]["replicas"] = replicas["count"]
    for image in config.get("images", []):
        _set_image(objects, image)
    return objects


def _generate(directory: Path, objects: list[Object], kind: str, generator: Object) -> None:
    data: dict[str, str] = {}
    for literal in generator.get("literals", []):
        key, _, value = literal.partition("=")
        data[key] = value
    for entry in generator.get("files", []):
        key, _, file_name = entry.rpartition("=") if "=" in entry else ("", "", entry)
        data[key or Path(file_name).name] = (directory / file_name).read_text(encoding="utf-8")
    if kind == "Secret":
        data = {key: base64.b64encode(value.encode()).decode() for key, value in data.items()}
    behavior = generator.get("behavior", "create")
    if behavior == "create":
        objects.append({"apiVersion": "v1", "kind": kind,
                        "metadata": {"name": generator["name"]}, "data": data})
        return
    existing = find(objects, kind, generator["name"])
    existing["data"] = {**existing["data"], **data} if behavior == "merge" else data


def _set_image(objects: list[Object], image: Object) -> None:
    for container in all_containers(objects):
        name, _, tag = container["image"].partition(":")
        if name == image["name"]:
            tag = image.get("newTag", tag)
            container["image"] = image.get("newName", name) + (f":{tag}" if tag else "")


def find(objects: list[Object], kind: str | None, name: str) -> Object:
    found = [o for o in objects if o["metadata"]["name"] == name and kind in (None, o["kind"])]
    assert len(found) == 1, f"{kind} {name}: {len(found)} found"
    return found[0]


def of_kind(objects: list[Object], kind: str) -> list[Object]:
    return [obj for obj in objects if obj["kind"] == kind]


def workloads(objects: list[Object]) -> list[Object]:
    return [obj for obj in objects if obj["kind"] in ("Deployment", "StatefulSet")]


def all_containers(objects: list[Object]) -> list[Object]:
    return [c for w in workloads(objects) for c in w["spec"]["template"]["spec"]["containers"]]


def secret_value(secret: Object, key: str) -> str:
    return base64.b64decode(secret["data"][key]).decode()


def kubectl_render(directory: Path) -> list[Object] | None:
    """``kubectl kustomize`` output with generated names unhashed; None without kubectl."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        return None
    result = subprocess.run(
        [kubectl, "kustomize", str(directory)], capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    objects = [doc for doc in _yaml().safe_load_all(result.stdout) if doc is not None]
    hashed = {o["metadata"]["name"] for o in objects if o["kind"] in ("ConfigMap", "Secret")}
    _unhash(objects, hashed)
    return objects


def _unhash(node: Any, hashed: set[str]) -> None:
    """Replaces every generated name ``<name>-<hash>`` with ``<name>``, wherever it appears."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and value in hashed:
                node[key] = re.sub(r"-[a-z0-9]{10}$", "", value)
            else:
                _unhash(value, hashed)
    elif isinstance(node, list):
        for item in node:
            _unhash(item, hashed)
