"""``python -m demo``: fill the running system with a realistic year of a province.

Each part is one service's share (a module with ``run(base_url, jurisdiction, progress,
*, seed, scale, year)``). A part runs when its service answers at its URL and is skipped,
with the reason, when it does not. Exit status: 0 when every part that ran succeeded,
1 when a request failed (the problem document is shown), 2 when no service answered.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from demo import letters_year, oversight_year, petitions_year, sessions_year
from demo.client import DemoError, ServiceClient, answers
from demo.progress import Progress
from demo.review_summary import print_review
from kernel.clock import SystemClock, plausible_years, today_in_vietnam


class PartRun(Protocol):
    def __call__(self, base_url: str, jurisdiction: str, progress: Progress, *, seed: int,
                 scale: float, year: int | None) -> None: ...


@dataclass(frozen=True)
class Part:
    service: str
    default_url: str
    run: PartRun


PARTS = (Part("petitions", "http://127.0.0.1:8001", petitions_year.run),
         Part("sessions", "http://127.0.0.1:8002", sessions_year.run),
         Part("oversight", "http://127.0.0.1:8003", oversight_year.run),
         Part("letters", "http://127.0.0.1:8005", letters_year.run))


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m demo", description="Fill the running services with a year of a "
        "province (Tiền Giang by default). The same seed, scale and year again is a no-op "
        "(Idempotency-Key headers derived from them); change one to add another batch.")
    for part in PARTS:
        parser.add_argument(f"--{part.service}-url", default=part.default_url,
                            help=f"{part.service} service (default {part.default_url})")
    parser.add_argument("--jurisdiction",
                        default=os.environ.get("PHOIHOP_JURISDICTION", "tien-giang"),
                        help="jurisdiction the services serve (default $PHOIHOP_JURISDICTION "
                        "or tien-giang)")
    parser.add_argument("--seed", type=int, default=petitions_year.DEFAULT_SEED,
                        help="seed of the made-up year (default %(default)s)")
    parser.add_argument("--scale", type=_scale, default=1.0,
                        help="multiply the volume (default 1: ~12 meetings, ~80 petitions; "
                        "8 sessions, ~97 resolutions; oversight is one year at any scale)")
    parser.add_argument("--year", type=int, default=None,
                        help="calendar year to play, already over and within the years the "
                        "services accept; every act is dated in it (default: last year; "
                        "through make: make demo YEAR=2023)")
    return parser.parse_args(argv)


def _scale(text: str) -> float:
    value = float(text)
    if not 0.05 <= value <= 50:
        raise argparse.ArgumentTypeError("scale must be within 0.05 and 50")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    today = today_in_vietnam(SystemClock())
    if args.year is not None and args.year >= today.year:
        print(f"--year {args.year}: choose a year that is over (meetings cannot be held in "
              "the future)", file=sys.stderr)
        return 2
    if args.year is not None and args.year < plausible_years(today)[0]:
        print(f"--year {args.year}: the services accept days from "
              f"{plausible_years(today)[0]} on", file=sys.stderr)
        return 2
    progress, ran, started = Progress(), 0, time.monotonic()
    for part in PARTS:
        url = getattr(args, f"{part.service}_url")
        if not answers(url):
            print(f"Bỏ qua {part.service}: không có dịch vụ trả lời tại {url}/healthz "
                  "(chạy `make run` trước, hoặc chỉ đúng URL).", file=sys.stderr)
            continue
        try:
            part.run(url, args.jurisdiction, progress, seed=args.seed, scale=args.scale,
                     year=args.year)
        except DemoError as error:
            print(f"\nLỗi ({part.service}): {error}", file=sys.stderr)
            return 1
        ran += 1
    if ran == 0:
        print("Không có dịch vụ nào đang chạy: không làm gì. Chạy `make run` rồi "
              "`make demo`.", file=sys.stderr)
        return 2
    if answers(args.oversight_url):  # the closing summary: the review of the year
        year = args.year or petitions_year.last_year()
        with ServiceClient(args.oversight_url, args.jurisdiction, "demo-review") as client:
            print_review(client, progress, year)
    progress.say(f"Xong trong {time.monotonic() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
