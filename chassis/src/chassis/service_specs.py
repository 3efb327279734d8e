"""The services a deployment can run, discovered through the ``phoihop.services`` entry points.

Each service package declares ``<name> = "<package>.bootstrap:SERVICE"``; ``phoihop run``
starts every one it finds as its own process (``python -m <module>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points


@dataclass(frozen=True)
class ServiceSpec:
    """How to start one service: its name, default HTTP port and module to run;
    ``pages`` for one people open in a browser (the portal) rather than an API."""

    name: str
    default_port: int
    module: str
    title: str
    pages: bool = False


def installed_services() -> list[ServiceSpec]:
    specs = [entry.load() for entry in entry_points(group="phoihop.services")]
    return sorted(specs, key=lambda spec: spec.default_port)
