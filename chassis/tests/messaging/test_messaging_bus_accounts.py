"""The embedded default's NATS runs on the deployment's accounts: each service may publish
only its own subjects, nobody connects without a password, and the passwords stay in one
owner-only file under the data directory."""

from __future__ import annotations

import asyncio
import contextlib
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import nats
import nats.errors
import pytest

from chassis.messaging.bus_accounts import SecuredBus, as_embedded_user, new_password
from chassis.messaging.streams import ensure_stream, stream_name

pytestmark = pytest.mark.integration


@pytest.fixture
def bus(tmp_path: Path, jurisdiction: str) -> Iterator[SecuredBus]:
    started = SecuredBus.start(tmp_path, jurisdiction, log_file=tmp_path / "nats.log")
    try:
        yield started
    finally:
        started.stop()


async def _refusals_of_publishing(url: str, subject: str) -> list[str]:
    """The errors the server sends back for one plain publish on ``subject``."""
    errors: list[str] = []
    told = asyncio.Event()

    async def on_error(problem: Exception) -> None:
        errors.append(str(problem))
        told.set()

    client = await nats.connect(url, error_cb=on_error, allow_reconnect=False)
    try:
        await client.publish(subject, b"{}")
        await client.flush(timeout=5)
        with contextlib.suppress(TimeoutError):  # no refusal within 2 s: allowed
            await asyncio.wait_for(told.wait(), timeout=2)
    finally:
        await client.close()
    return errors


def test_a_service_is_refused_when_it_publishes_outside_its_own_subjects(
    bus: SecuredBus, jurisdiction: str
) -> None:
    foreign = f"phoihop.{jurisdiction}.sessions.ResolutionPassed.v1"
    own = f"phoihop.{jurisdiction}.petitions.PetitionForwarded.v1"
    refused = asyncio.run(_refusals_of_publishing(bus.url_for("petitions"), foreign))
    allowed = asyncio.run(_refusals_of_publishing(bus.url_for("petitions"), own))
    assert any("permissions violation" in error.lower() for error in refused), refused
    assert allowed == []


def test_a_service_creates_and_fills_its_own_stream_and_reads_only_what_it_consumes(
    bus: SecuredBus, jurisdiction: str
) -> None:
    async def scenario() -> None:
        petitions = await nats.connect(bus.url_for("petitions"))
        notifier = await nats.connect(bus.url_for("notifier"))
        try:
            await ensure_stream(petitions.jetstream(), jurisdiction, "petitions")
            ack = await petitions.jetstream().publish(
                f"phoihop.{jurisdiction}.petitions.PetitionForwarded.v1", b"{}"
            )
            assert ack.seq == 1
            reader = notifier.jetstream(prefix="$JS.petitions.API")
            info = await reader.stream_info(stream_name(jurisdiction, "petitions"))
            assert info.state.messages == 1
            with pytest.raises(nats.errors.Error):  # notifier may not create streams
                await ensure_stream(notifier.jetstream(), jurisdiction, "sessions")
        finally:
            await petitions.close()
            await notifier.close()

    asyncio.run(scenario())


def test_no_one_connects_without_a_password(bus: SecuredBus) -> None:
    async def anonymous() -> None:
        client = await nats.connect(bus.url, allow_reconnect=False, connect_timeout=2)
        await client.close()

    with pytest.raises((nats.errors.Error, OSError)):
        asyncio.run(anonymous())


def test_the_passwords_live_in_one_owner_only_file_and_survive_a_restart(
    tmp_path: Path, bus: SecuredBus, jurisdiction: str
) -> None:
    credentials = tmp_path / "nats" / "credentials.json"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    password = bus.credentials.passwords["petitions"]
    assert len(password) >= 40
    written = [p for p in (tmp_path / "nats" / "config").iterdir()] + [tmp_path / "nats.log"]
    assert not [p.name for p in written if password in p.read_text("utf-8", "replace")]
    bus.stop()
    again = SecuredBus.start(tmp_path, jurisdiction)
    try:
        assert again.credentials.passwords == bus.credentials.passwords
        assert asyncio.run(_refusals_of_publishing(
            again.url_for("petitions"), f"phoihop.{jurisdiction}.petitions.X.v1")) == []
    finally:
        again.stop()


def test_each_service_is_given_its_own_user_and_every_upstream_api_prefix(
    bus: SecuredBus,
) -> None:
    environment = bus.service_environment("notifier")
    assert environment["NATS_URL"] == bus.url_for("notifier")
    assert '"petitions": "$JS.petitions.API"' in environment["PHOIHOP_JS_API_PREFIXES"]
    assert '"notifier"' not in environment["PHOIHOP_JS_API_PREFIXES"]


def test_the_audit_reaches_the_embedded_bus_as_the_service_without_being_told_a_password(
    tmp_path: Path, bus: SecuredBus
) -> None:
    assert as_embedded_user(bus.url, tmp_path, "sessions") == bus.url_for("sessions")
    given = bus.url_for("petitions")
    assert as_embedded_user(given, tmp_path, "sessions") == given
    assert as_embedded_user(bus.url, tmp_path / "elsewhere", "sessions") == bus.url


def test_passwords_are_read_by_the_server_as_text_whatever_their_random_part(
    tmp_path: Path, jurisdiction: str
) -> None:
    """A password beginning with a digit made nats-server parse it as a number and refuse
    to start; an older credentials file holding one is made anew."""
    stored = tmp_path / "nats" / "credentials.json"
    stored.parent.mkdir()
    stored.write_text('{"petitions": "3Ub-x", "sys": "pw' + "0" * 48 + '"}')
    bus = SecuredBus.start(tmp_path, jurisdiction)
    try:
        passwords = bus.credentials.passwords
        assert passwords["sys"] == "pw" + "0" * 48  # a sound one is kept
        assert all(re.fullmatch(r"pw[0-9a-f]{48}", p) for p in passwords.values()), passwords
    finally:
        bus.stop()
    assert all(new_password()[0].isalpha() for _ in range(1000))
