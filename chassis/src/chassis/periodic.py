"""One pass of a service's own work, again and again: the monitoring's findings, the
missed reception obligations, the digests due, the open data files.

Each pass runs in a thread (the store is synchronous) and may fail (the store down, another
process saved the same record first): it is logged and the next pass tries again, so one
bad pass never stops the loop. Passes are idempotent where they record anything (their
records' ids name what they found), so running one twice, or after a restart, records
nothing twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


async def run_every(seconds: float, work: Callable[[], int | None], what: str) -> None:
    """Runs ``work`` now and then every ``seconds`` until cancelled; logs a pass's count
    when it did something (``"<what>: <n>"``) and every failed pass."""
    while True:
        try:
            done = await asyncio.to_thread(work)
            if done:
                log.info("%s: %d", what, done)
        except Exception:
            log.exception("%s: the pass failed; the next one tries again", what)
        await asyncio.sleep(seconds)
