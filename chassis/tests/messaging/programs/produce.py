"""A producing service process the relay tests kill on purpose (SIGKILL, no cleanup).

Modes: ``save-then-die`` records petitions and dies before any publication;
``publish-then-die`` publishes everything pending and dies after JetStream's acks but
before the position is recorded; ``relay`` publishes what is pending and exits normally.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from messaging_apps import SERVICE, PetitionDesk, translate

from chassis.messaging.nats_connection import connect
from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream


class DyingRelay(OutboxRelay):
    """Dies where a crash hurts most: acks received, position not yet recorded."""

    async def _record(self, last_id: int) -> None:
        os.kill(os.getpid(), signal.SIGKILL)


async def relay_once(args: argparse.Namespace, desk: PetitionDesk, dying: bool) -> int:
    nc = await connect(args.nats_url, "produce-program")
    js = nc.jetstream()
    await ensure_stream(js, args.jurisdiction, SERVICE)
    relay_class = DyingRelay if dying else OutboxRelay
    relay = relay_class(desk, service=SERVICE, jurisdiction=args.jurisdiction,
                        translate=translate, js=js)
    published = await relay.publish_pending()
    await nc.close()
    return published


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["save-then-die", "publish-then-die", "relay"])
    parser.add_argument("--nats-url", required=True)
    parser.add_argument("--jurisdiction", required=True)
    parser.add_argument("--store", required=True, help="the desk's eventsourcing env, JSON")
    parser.add_argument("--count", type=int, default=0)
    args = parser.parse_args()
    desk = PetitionDesk(env=json.loads(args.store))
    if args.mode == "save-then-die":
        for number in range(args.count):
            desk.record(f"petition {number}")
        os.kill(os.getpid(), signal.SIGKILL)
    published = asyncio.run(relay_once(args, desk, dying=args.mode == "publish-then-die"))
    print(json.dumps({"published": published}))


if __name__ == "__main__":
    main()
