"""Progress lines of a demo run: one line per step group, with counts.

On a terminal the line of the running step is rewritten as it advances; elsewhere (make,
CI, a pipe) only the finished line is printed, so logs stay one line per step.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Step:
    """One group of commands of a part, e.g. ``[3/8] Ghi nhận kiến nghị: 80/80``."""

    def __init__(self, progress: Progress, number: int, title: str, total: int) -> None:
        self.progress, self.number, self.title, self.total = progress, number, title, total
        self.done = 0
        self.replayed = 0
        self._draw(final=False)

    def advance(self, replayed: bool = False) -> None:
        self.done += 1
        self.replayed += int(replayed)
        self._draw(final=False)

    def finish(self, note: str = "") -> None:
        self._draw(final=True, note=note)

    def line(self, note: str = "") -> str:
        of = f"[{self.number}/{self.progress.steps}]"
        text = f"{of} {self.title}: {self.done}/{self.total}"
        if self.replayed:
            text += f" (đã có {self.replayed}, không ghi lại)"
        return f"{text} — {note}" if note else text

    def _draw(self, final: bool, note: str = "") -> None:
        out = self.progress.out
        if self.progress.live:
            out.write("\r\x1b[2K" + self.line(note) + ("\n" if final else ""))
            out.flush()
        elif final:
            print(self.line(note), file=out, flush=True)


class Progress:
    """Where a demo run reports what it does; each part numbers its own steps."""

    def __init__(self, out: TextIO | None = None, live: bool | None = None) -> None:
        self.out = out if out is not None else sys.stdout
        self.live = self.out.isatty() if live is None else live
        self.steps = 0
        self._number = 0

    def part(self, title: str, steps: int) -> None:
        """Start a part (one service's share of the demo) of ``steps`` step groups."""
        self.steps, self._number = steps, 0
        self.say(f"== {title}")

    def step(self, title: str, total: int) -> Step:
        self._number += 1
        return Step(self, self._number, title, total)

    def say(self, line: str = "") -> None:
        print(line, file=self.out, flush=True)
