"""The committed JSON Schemas: up to date with the models, self-documenting, valid 2020-12."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import contracts.schemas as schemas_module
from contracts import registered_events
from contracts.envelope import SCHEMA_BASE_URI
from contracts.schemas import (
    ENVELOPE_SCHEMA_PATH,
    JSON_SCHEMA_DIALECT,
    REGENERATE_HINT,
    differences,
    generated_schemas,
    main,
    schemas_dir,
)

COMMITTED = sorted(generated_schemas())


def committed(path: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((schemas_dir() / path).read_text(encoding="utf-8"))
    return loaded


def test_committed_schemas_equal_what_the_models_generate() -> None:
    found = differences(schemas_dir())
    assert not found, (
        f"the committed JSON Schemas differ from the models: {REGENERATE_HINT}\n\n"
        + "\n".join(found)
    )


def test_every_registered_event_and_the_envelope_have_a_committed_schema() -> None:
    expected = {ENVELOPE_SCHEMA_PATH} | {model.schema_path() for model in registered_events()}
    assert set(COMMITTED) == expected
    assert "petitions/v1/PetitionForwarded.json" in expected
    for path in expected:
        assert (schemas_dir() / path).is_file(), f"{path}: {REGENERATE_HINT}"


@pytest.mark.parametrize("path", COMMITTED)
def test_each_schema_is_valid_2020_12_with_its_id_first(path: str) -> None:
    schema = committed(path)
    Draft202012Validator.check_schema(schema)
    assert list(schema)[:5] == ["$schema", "$id", "$comment", "title", "description"]
    assert schema["$schema"] == JSON_SCHEMA_DIALECT
    assert schema["$id"] == SCHEMA_BASE_URI + path
    text = (schemas_dir() / path).read_text(encoding="utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")


@pytest.mark.parametrize("model", registered_events(), ids=lambda model: model.__name__)
def test_every_event_and_field_is_described(model: Any) -> None:
    schema = committed(model.schema_path())
    assert schema["title"] == model.event_name()
    assert schema["description"], f"{model.__name__} needs a docstring"
    undocumented = [
        f"{owner}.{name}"
        for owner, object_schema in [(model.__name__, schema), *schema.get("$defs", {}).items()]
        for name, field in object_schema.get("properties", {}).items()
        if not field.get("description")
    ]
    assert not undocumented, f"fields without a description: {undocumented}"
    defs = schema.get("$defs", {})
    nameless = [name for name, definition in defs.items() if not definition.get("description")]
    assert not nameless, f"types without a docstring: {nameless}"


@pytest.mark.parametrize("model", registered_events(), ids=lambda model: model.__name__)
def test_event_schemas_accept_unknown_fields(model: Any) -> None:
    """Consumers ignore what they do not know, so a new optional field keeps the version."""
    text = (schemas_dir() / model.schema_path()).read_text(encoding="utf-8")
    assert '"additionalProperties": false' not in text


def _layout(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*")) if p.is_file()
    }


def test_command_regenerates_the_committed_files_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--dir", str(tmp_path)]) == 0
    assert f"created {ENVELOPE_SCHEMA_PATH}" in capsys.readouterr().out
    assert _layout(tmp_path) == {path: (schemas_dir() / path).read_bytes() for path in COMMITTED}
    assert main(["--dir", str(tmp_path)]) == 0
    assert "already up to date" in capsys.readouterr().out
    assert main(["--check", "--dir", str(tmp_path)]) == 0


def test_check_lists_changed_missing_and_stale_files_then_write_repairs_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--dir", str(tmp_path)])
    changed = tmp_path / "petitions/v1/PetitionForwarded.json"
    changed.write_text(changed.read_text().replace("Agency that must answer.", "Who answers."))
    (tmp_path / "petitions/v1/PetitionAnswered.json").unlink()
    (tmp_path / "petitions/v1/PetitionWithdrawn.json").write_text("{}\n")
    (tmp_path / "README.md").write_text("not a schema\n")
    capsys.readouterr()

    assert main(["--check", "--dir", str(tmp_path)]) == 1
    report = capsys.readouterr().err
    assert "petitions/v1/PetitionForwarded.json: differs from the model" in report
    assert '+      "description": "Agency that must answer."' in report
    assert "petitions/v1/PetitionAnswered.json: missing" in report
    assert "petitions/v1/PetitionWithdrawn.json: stale" in report
    assert "3 schema file(s) out of date" in report
    assert "python -m contracts.schemas" in report and "review the diff" in report

    assert main(["--dir", str(tmp_path)]) == 0
    assert main(["--check", "--dir", str(tmp_path)]) == 0
    assert not (tmp_path / "petitions/v1/PetitionWithdrawn.json").exists()
    assert (tmp_path / "README.md").read_text() == "not a schema\n"


def test_a_missing_schema_directory_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As if the package were installed from a wheel: no source tree around it.
    monkeypatch.setattr(schemas_module, "__file__", str(tmp_path / "site/contracts/schemas.py"))
    assert main(["--check"]) == 2
    error = capsys.readouterr().err
    assert f"no contracts/schemas directory at {tmp_path.resolve() / 'schemas'}" in error
    assert "--dir" in error


def test_the_module_runs_as_a_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "contracts.schemas", "--check"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"{len(COMMITTED)} schemas in {schemas_dir()} match the models" in result.stdout
