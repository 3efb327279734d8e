"""Wakes asynchronous readers (workers, live inbox streams) when the store saved something.

Saves happen in worker threads; the listener hands the news to the event loop. A reader
notes the ``generation`` before it reads the store, then waits for a later one: a save
that lands between its read and its wait is never missed.
"""

from __future__ import annotations

import asyncio
import contextlib

from chassis.application import ServiceApplication


class SaveSignal:
    """A broadcast: every waiter wakes on every save (or after its timeout)."""

    def __init__(self, app: ServiceApplication) -> None:
        self.generation = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: set[asyncio.Event] = set()
        app.add_save_listener(self._on_save)

    def bind(self) -> None:
        """Called on the event loop that will wait (the service's, in its lifespan)."""
        self._loop = asyncio.get_running_loop()

    async def wait(self, seen: int, timeout: float) -> None:
        """Returns once a save newer than generation ``seen`` happened, or at the timeout."""
        if self.generation != seen:
            return
        woken = asyncio.Event()
        self._waiters.add(woken)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), timeout)
        finally:
            self._waiters.discard(woken)

    def _on_save(self, _highest: int) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed in between
            loop.call_soon_threadsafe(self._wake_all)

    def _wake_all(self) -> None:
        self.generation += 1
        for woken in self._waiters:
            woken.set()
