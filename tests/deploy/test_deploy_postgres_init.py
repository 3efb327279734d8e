"""The PostgreSQL init script on a real server: one role and one database per service whose
password is set, closed to everyone else, and safe to run again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from urllib.parse import urlparse

import psycopg
import pytest
from deploy_render import DEPLOY, SERVICE_PORTS, find, render

SCRIPT = DEPLOY / "base" / "postgres" / "create-databases.sh"


def test_the_statefulset_passes_a_password_variable_for_every_service() -> None:
    statefulset = find(render(DEPLOY / "base" / "postgres"), "StatefulSet", "postgres")
    [container] = statefulset["spec"]["template"]["spec"]["containers"]
    variables = {e["name"]: e for e in container["env"]}
    default = re.search(r"PHOIHOP_DATABASES:-([a-z ]+)\}", SCRIPT.read_text(encoding="utf-8"))
    assert default and set(default.group(1).split()) == {*SERVICE_PORTS, "lettersvault"}
    for service in SERVICE_PORTS:
        reference = variables[f"{service.upper()}_DATABASE_PASSWORD"]["valueFrom"]["secretKeyRef"]
        assert reference == {"name": f"phoihop-{service}", "key": "database-password",
                             "optional": True}
    # The letters vault: a database and role of its own (decision 15).
    vault = variables["LETTERSVAULT_DATABASE_PASSWORD"]["valueFrom"]["secretKeyRef"]
    assert vault == {"name": "phoihop-letters", "key": "vault-database-password",
                     "optional": True}


@pytest.fixture
def names(postgres_dsn: str) -> Iterator[tuple[str, str]]:
    """Two fresh service names; their databases and roles are dropped afterwards."""
    created = (f"deploytest_{uuid.uuid4().hex[:8]}", f"deploytest_{uuid.uuid4().hex[:8]}")
    yield created
    with psycopg.connect(postgres_dsn, autocommit=True) as connection:
        for name in created:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'DROP ROLE IF EXISTS "{name}"')


def _run_script(postgres_dsn: str, services: tuple[str, ...], passwords: dict[str, str]) -> str:
    if shutil.which("psql") is None:
        pytest.skip("psql is not installed")
    url = urlparse(postgres_dsn)
    environment = {
        **os.environ,
        "PGHOST": url.hostname or "127.0.0.1", "PGPORT": str(url.port or 5432),
        "PGPASSWORD": url.password or "", "POSTGRES_USER": url.username or "postgres",
        "PHOIHOP_DATABASES": " ".join(services),
        **{f"{name.upper()}_DATABASE_PASSWORD": value for name, value in passwords.items()},
    }
    result = subprocess.run(
        ["bash", str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.integration
@pytest.mark.postgres
def test_a_database_and_role_for_each_service_with_a_password(
    postgres_dsn: str, names: tuple[str, str]
) -> None:
    with_password, without = names
    for _ in range(2):  # a second run finds everything in place
        _run_script(postgres_dsn, names, {with_password: "it's-a-secret"})
    with psycopg.connect(postgres_dsn) as connection:
        role = connection.execute(
            "SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = %s", [with_password]
        ).fetchone()
        database = connection.execute(
            "SELECT pg_get_userbyid(datdba), datacl::text FROM pg_database WHERE datname = %s",
            [with_password],
        ).fetchone()
        skipped = connection.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", [without]
        ).fetchone()
    assert role == (True, False)
    assert database is not None and database[0] == with_password
    # The owner's grant only: PUBLIC (an entry "=...") may not even connect.
    assert database[1] == f"{{{with_password}=CTc/{with_password}}}"
    assert skipped == (0,)
