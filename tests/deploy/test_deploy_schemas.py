"""Every object each overlay renders is valid against the Kubernetes API's own schemas
(``kubernetes-validate``, for a current Kubernetes), strictly: no unknown field."""

from __future__ import annotations

from typing import Any

import kubernetes_validate
import pytest
from deploy_render import DEPLOY, OVERLAYS, PORTAL_OVERLAYS, find, render

KUBERNETES = "1.36.0"  # a current release (kubernetes-validate 1.37 carries its schemas)


def _problem(document: dict[str, Any]) -> str | None:
    try:
        kubernetes_validate.validate(document, KUBERNETES, strict=True)
    except kubernetes_validate.ValidationError as error:
        return f"{document['kind']}/{document['metadata'].get('name')}: {error.message}"
    return None


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_rendered_object_is_valid_for_kubernetes(overlay: str) -> None:
    objects = render(DEPLOY / "overlays" / overlay)
    assert objects
    problems = [problem for document in objects if (problem := _problem(document))]
    assert problems == []


@pytest.mark.parametrize("overlay", PORTAL_OVERLAYS)
def test_the_portal_objects_are_among_those_validated(overlay: str) -> None:
    objects = render(DEPLOY / "overlays" / overlay)
    portal = [find(objects, kind, "portal")
              for kind in ("Deployment", "Service", "NetworkPolicy", "PodDisruptionBudget")]
    portal.append(find(objects, "ConfigMap", "portal-settings"))
    assert [problem for document in portal if (problem := _problem(document))] == []


def test_the_schema_check_refuses_a_misspelt_field() -> None:
    service = {
        "apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"},
        "spec": {"ports": [{"port": 80, "targetPrt": 8000}]},
    }
    assert _problem(service) is not None
