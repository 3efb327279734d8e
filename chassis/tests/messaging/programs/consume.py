"""A consuming service process the consumer tests kill on purpose (SIGKILL, no cleanup).

It consumes until the durable has nothing left, then exits 0. With ``--kill-at K`` it
kills itself at the K-th transaction it would commit (``before-commit``: the policies ran,
nothing saved) or after the K-th message it applied (``after-commit``: effects and tracking
saved, that message and the rest of its batch not yet acked).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1]))

from messaging_apps import PetitionTally
from nats.aio.msg import Msg

from chassis.messaging.jetstream_consumer import APPLIED, TrackedConsumer
from chassis.messaging.nats_connection import connect

ARGS: argparse.Namespace


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def count_down_then_die(kill_at: int) -> Callable[[], None]:
    """Dies just before the ``kill_at``-th message's transaction would commit."""
    records = 0

    def before_commit() -> None:
        nonlocal records
        records += 1
        if records == kill_at:
            die()

    return before_commit


class DyingConsumer(TrackedConsumer):
    """Dies after the K-th message's commit, before its ack (the rest of its batch unacked)."""

    applied = 0

    async def _finish(self, msg: Msg, outcome: str) -> None:
        if outcome == APPLIED and ARGS.kill_point == "after-commit":
            self.applied += 1
            if self.applied == ARGS.kill_at:
                die()
        await super()._finish(msg, outcome)


async def consume(app: PetitionTally) -> dict[str, Any]:
    nc = await connect(ARGS.nats_url, "consume-program")
    js = nc.jetstream()
    consumer = DyingConsumer(app, js, ARGS.stream, ARGS.durable, ARGS.filter,
                             ARGS.tracking_name, fetch_timeout=0.5,
                             batch_size=ARGS.batch_size)
    handled = 0
    while True:
        if await consumer.process_next():
            handled += 1
            continue
        info = await js.consumer_info(ARGS.stream, ARGS.durable)
        if not info.num_pending and not info.num_ack_pending:
            break
    await consumer.stop()
    await nc.close()
    return {"handled": handled}


def main() -> None:
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--nats-url", required=True)
    parser.add_argument("--stream", required=True)
    parser.add_argument("--durable", required=True)
    parser.add_argument("--filter", required=True)
    parser.add_argument("--tracking-name", required=True)
    parser.add_argument("--store", required=True, help="the tally's eventsourcing env, JSON")
    parser.add_argument("--kill-at", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--kill-point", choices=["before-commit", "after-commit"])
    ARGS = parser.parse_args()
    app = PetitionTally(env=json.loads(ARGS.store))
    if ARGS.kill_point == "before-commit":
        app.before_commit = count_down_then_die(ARGS.kill_at)
    print(json.dumps(asyncio.run(consume(app))))


if __name__ == "__main__":
    main()
