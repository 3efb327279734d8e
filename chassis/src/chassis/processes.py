"""Stopping a child process politely, then firmly."""

from __future__ import annotations

import signal
import subprocess


def stop_process(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """SIGTERM, up to ``grace`` seconds to finish, then SIGKILL; a no-op if it already ended."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(grace)


def kill_process(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL: no shutdown code runs, as when a machine loses power."""
    process.send_signal(signal.SIGKILL)
    process.wait(10)
