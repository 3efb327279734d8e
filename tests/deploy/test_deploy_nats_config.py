"""The NATS accounts as written: who sits in which account, what each user may publish, and
that nats-server itself accepts the production and the dev configuration."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from deploy_render import ACCOUNT_SERVICES, BUS_SERVICES, DEPLOY, find, render

from chassis.messaging.embedded_nats import nats_server_binary

NATS = DEPLOY / "base" / "nats"
JURISDICTION = "tien-giang"
READERS = ("ubnd", "dbqh")
USERS = (*BUS_SERVICES, *READERS)


def stream_of(service: str) -> str:
    return f"PHOIHOP_{JURISDICTION}_{service}".upper().replace("-", "_")


def publish_allowed(account_file: Path) -> dict[str, list[str]]:
    """Each user of an account file and the subjects its publish permission allows."""
    text = re.sub(r"#.*", "", account_file.read_text(encoding="utf-8"))
    users: dict[str, list[str]] = {}
    for chunk in re.split(r"\buser:\s*", text)[1:]:
        name = re.match(r"[\w-]+", chunk)
        block = re.search(r"publish:\s*\{\s*allow:\s*\[(.*?)\]", chunk, re.DOTALL)
        assert name and block, f"{account_file.name}: unreadable user block"
        users[name.group(0)] = re.findall(r'"([^"]+)"', block.group(1))
    return users


def all_users() -> dict[str, list[str]]:
    users: dict[str, list[str]] = {}
    for path in sorted(NATS.glob("account-*.conf")):
        users |= publish_allowed(path)
    return users


def test_each_agency_account_holds_the_users_of_the_services_it_runs() -> None:
    for agency in ("hdnd", "mttq", "ubnd", "dbqh"):
        users = set(publish_allowed(NATS / f"account-{agency}.conf"))
        expected = ACCOUNT_SERVICES[agency] or {agency}
        assert users == expected, agency
    assert set(all_users()) == set(USERS)


@pytest.mark.parametrize("service", BUS_SERVICES)
def test_a_service_user_publishes_only_its_own_subjects(service: str) -> None:
    allowed = all_users()[service]
    assert [s for s in allowed if s.startswith("phoihop.")] == [
        f"phoihop.{JURISDICTION}.{service}.>"
    ]
    admin = [s for s in allowed if re.match(r"\$JS\.API\.STREAM\.(CREATE|UPDATE|DELETE|PURGE)", s)]
    own = stream_of(service)
    assert sorted(admin) == [f"$JS.API.STREAM.CREATE.{own}", f"$JS.API.STREAM.UPDATE.{own}"]
    assert not any(s in (">", "$JS.API.>", "$JS.>") or s.startswith("$SYS") for s in allowed)


@pytest.mark.parametrize("reader", READERS)
def test_reader_users_publish_no_events(reader: str) -> None:
    allowed = all_users()[reader]
    assert allowed
    assert not [s for s in allowed if s.startswith("phoihop.") or s.startswith("$JS.API.")]


@pytest.mark.parametrize("overlay", ["hdnd", "mttq", "ubnd", "dbqh", "dev"])
def test_the_accounts_speak_of_the_overlay_jurisdiction_only(overlay: str) -> None:
    settings = find(render(DEPLOY / "overlays" / overlay), "ConfigMap", "phoihop-common")["data"]
    jurisdiction = settings["PHOIHOP_JURISDICTION"]
    text = "".join(p.read_text(encoding="utf-8") for p in NATS.glob("account-*.conf"))
    subjects = set(re.findall(r"phoihop\.([a-z0-9-]+)\.", text))
    streams = set(re.findall(r"PHOIHOP_([A-Z0-9_]+?)_(?:PETITIONS|SESSIONS|OVERSIGHT|NOTIFIER)",
                             text))
    assert subjects == {jurisdiction}
    assert streams == {jurisdiction.upper().replace("-", "_")}


def _passwords() -> dict[str, str]:
    return {f"{user.upper()}_PASSWORD": f"test-{user}" for user in (*USERS, "sys")}


def _check(config: Path) -> None:
    environment = {"PATH": "/usr/bin:/bin", "SERVER_NAME": "nats-0", **_passwords()}
    result = subprocess.run(
        [nats_server_binary(), "-c", str(config), "-t"], capture_output=True, text=True,
        timeout=30, env=environment, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is valid" in result.stdout + result.stderr


def test_nats_server_accepts_the_cluster_configuration() -> None:
    _check(NATS / "nats.conf")


def test_nats_server_accepts_the_dev_configuration(tmp_path: Path) -> None:
    for path in NATS.glob("account*.conf"):
        shutil.copy(path, tmp_path)
    shutil.copy(DEPLOY / "overlays" / "dev" / "nats.conf", tmp_path)
    _check(tmp_path / "nats.conf")


def test_nats_server_refuses_a_missing_password() -> None:
    environment = {"PATH": "/usr/bin:/bin", "SERVER_NAME": "nats-0", **_passwords()}
    del environment["NOTIFIER_PASSWORD"]
    result = subprocess.run(
        [nats_server_binary(), "-c", str(NATS / "nats.conf"), "-t"], capture_output=True,
        text=True, timeout=30, env=environment, check=False,
    )
    assert result.returncode != 0
    assert "NOTIFIER_PASSWORD" in result.stdout + result.stderr
