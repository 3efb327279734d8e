"""One JetStream stream per producing service, configured on purpose and idempotently."""

from __future__ import annotations

import pytest
from nats.js import JetStreamContext
from nats.js.api import StorageType

from chassis.messaging.streams import (
    DUPLICATE_WINDOW_SECONDS,
    ensure_stream,
    stream_config,
    stream_name,
)

pytestmark = pytest.mark.integration


def test_stream_names_are_upper_case_with_underscores() -> None:
    assert stream_name("tien-giang", "petitions") == "PHOIHOP_TIEN_GIANG_PETITIONS"


async def test_the_stream_is_created_with_the_decided_settings(
    js: JetStreamContext, jurisdiction: str
) -> None:
    info = await ensure_stream(js, jurisdiction, "petitions")

    config = info.config
    assert config.name == stream_name(jurisdiction, "petitions")
    assert config.subjects == [f"phoihop.{jurisdiction}.petitions.>",
                               f"phoihop-seals.{jurisdiction}.petitions"]
    assert config.storage == StorageType.FILE
    assert config.deny_delete and config.deny_purge
    assert config.duplicate_window == DUPLICATE_WINDOW_SECONDS == 7200
    assert config.num_replicas == 1


async def test_ensuring_twice_changes_nothing_and_a_drifted_stream_is_put_back(
    js: JetStreamContext, jurisdiction: str
) -> None:
    first = await ensure_stream(js, jurisdiction, "sessions")
    again = await ensure_stream(js, jurisdiction, "sessions")
    assert again.created == first.created

    drifted = stream_config(jurisdiction, "sessions")
    drifted.duplicate_window = 60
    await js.update_stream(drifted)
    repaired = await ensure_stream(js, jurisdiction, "sessions")

    assert repaired.config.duplicate_window == DUPLICATE_WINDOW_SECONDS
    assert repaired.created == first.created
