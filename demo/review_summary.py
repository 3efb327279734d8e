"""The demo's closing summary: the year's figures as oversight's review computes them
(``GET /review?year=``), not added up from list queries."""

from __future__ import annotations

import time
from typing import Any

from demo.client import ServiceClient
from demo.progress import Progress

SETTLE_SECONDS = 90.0  # the review follows the other services' events through NATS


def settled_review(client: ServiceClient, year: int) -> dict[str, Any]:
    """The review once two readings a second apart agree (the consumers have caught up)."""
    deadline, last = time.monotonic() + SETTLE_SECONDS, None
    while True:
        review: dict[str, Any] = client.query("/review", {"year": year})
        values = [(f["key"], f["value"]) for s in review["sections"] for f in s["figures"]]
        if values == last or time.monotonic() > deadline:
            return review
        last = values
        time.sleep(1.0)


def _shown(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "share":
        return f"{value * 100:.1f} %".replace(".", ",")
    if unit == "days":
        return f"{value:g} ngày".replace(".", ",")
    return f"{value:02d}"


def print_review(client: ServiceClient, progress: Progress, year: int) -> None:
    review = settled_review(client, year)
    period = review["previous_period"]
    progress.say(f"Báo cáo sơ kết năm {year} (GET /review của dịch vụ giám sát; kỳ trước: "
                 f"{period['from']} – {period['to']}):")
    for section in review["sections"]:
        progress.say(f"  {section['title']}:")
        for f in section["figures"]:
            parts = ", ".join(f"{p['label']} {_shown(p['value'], 'count')}"
                              for p in f["parts"])
            progress.say(f"    {f['label']}: {_shown(f['value'], f['unit'])}"
                         + (f" ({parts})" if parts else "")
                         + f" · kỳ trước {_shown(f['previous'], f['unit'])}")
    ranked = [a for a in review["agencies"] if a["ranked"]]
    if ranked:
        progress.say("  Số ngày trả lời kiến nghị (trung vị), xếp hạng từ số câu trả lời tối "
                     "thiểu của quy tắc:")
        for a in ranked:
            name = a["unit"] or a["agency"].upper()
            progress.say(f"    {name}: {_shown(a['median_days'], 'days')} "
                         f"({a['answered']} câu trả lời)")
