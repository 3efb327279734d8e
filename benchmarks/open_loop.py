"""Open-loop load: requests sent at planned times, whatever earlier ones are doing.

A closed loop (send, wait, send) slows down with the system and so under-reports its
stalls (coordinated omission). Here request i is planned at ``start + i / rate`` and sent
then, on a free keep-alive connection or a new one, and its latency counts from the
planned time: a stall delays every request planned during it, and each of them pays.

The client is a few lines over asyncio streams (HTTP/1.1, keep-alive, Content-Length
bodies), cheaper per request than httpx, so the load generator takes little of the CPU
the services need.
"""

from __future__ import annotations

import asyncio
import statistics
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class HttpPool:
    """Keep-alive HTTP/1.1 connections to one server; ``request`` returns the status."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._idle: list[Connection] = []
        self.opened = 0

    async def request(self, method: str, path: str, headers: dict[str, str],
                      body: bytes = b"") -> tuple[int, bytes]:
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
        raw = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        reused = bool(self._idle)
        reader, writer = await self._connection()
        writer.write(raw)
        status_line = await reader.readline()
        if not status_line and reused:  # the server closed it meanwhile (keep-alive timeout)
            writer.close()
            reader, writer = await self._open()
            writer.write(raw)
            status_line = await reader.readline()
        status = int(status_line.split(b" ", 2)[1])
        length, keep_alive = 0, True
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                keep_alive = False
            elif name == "transfer-encoding":
                raise NotImplementedError("chunked responses are not read here")
        content = await reader.readexactly(length)
        if keep_alive:
            self._idle.append((reader, writer))
        else:
            writer.close()
        return status, content

    async def _connection(self) -> Connection:
        while self._idle:
            reader, writer = self._idle.pop()
            if not reader.at_eof():
                return reader, writer
            writer.close()
        return await self._open()

    async def _open(self) -> Connection:
        self.opened += 1
        return await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()


async def run_open_loop(
    rate: float, count: int, send: Callable[[int, float], Coroutine[Any, Any, None]]
) -> list[float]:
    """Calls ``send(i, planned)`` at each planned time; returns how late each call began (s)."""
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    lateness: list[float] = []
    tasks: list[asyncio.Task[None]] = []
    for i in range(count):
        planned = start + i / rate
        delay = planned - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        lateness.append(max(0.0, loop.time() - planned))
        tasks.append(asyncio.create_task(send(i, planned)))
    await asyncio.gather(*tasks)
    return lateness


@dataclass(frozen=True)
class Percentiles:
    """p50 and p99 of a sample, in milliseconds, and how many values it had."""

    p50: float
    p99: float
    count: int

    @classmethod
    def of_seconds(cls, values: Sequence[float]) -> Percentiles:
        if len(values) < 2:
            return cls(float("nan"), float("nan"), len(values))
        cuts = statistics.quantiles([v * 1000 for v in values], n=100, method="inclusive")
        return cls(cuts[49], cuts[98], len(values))


@dataclass(frozen=True)
class Spread:
    """The median of per-round figures, with their minimum and maximum."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values))

    def __str__(self) -> str:
        return f"{self.median:7.1f} ({self.low:.1f}–{self.high:.1f})"
