"""A service's own passes: one that fails is logged and the next one runs all the same."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from chassis.periodic import run_every


def test_a_failed_pass_is_logged_and_the_next_one_runs(caplog: pytest.LogCaptureFixture) -> None:
    passes: list[int] = []
    third = threading.Event()

    def work() -> int:  # runs in a thread
        passes.append(len(passes))
        if len(passes) == 1:
            raise RuntimeError("the store is down")
        if len(passes) == 3:
            third.set()
        return 2

    async def three_passes() -> None:
        task = asyncio.create_task(run_every(0.01, work, "findings recorded"))
        assert await asyncio.to_thread(third.wait, 10), "the passes stopped"
        task.cancel()

    with caplog.at_level(logging.INFO, logger="chassis.periodic"):
        asyncio.run(asyncio.wait_for(three_passes(), timeout=10))
    messages = [r.getMessage() for r in caplog.records]
    assert "findings recorded: the pass failed; the next one tries again" in messages
    assert messages.count("findings recorded: 2") >= 1
