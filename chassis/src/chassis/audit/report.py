"""What an audit found: counts for the summary, and every problem by its id."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LISTED = 50  # problems printed in full; the rest are counted


@dataclass
class AuditReport:
    service: str
    events: int = 0
    aggregates: int = 0
    sealed_through: int = 0  # the notification id the newest seal now covers
    published_checked: int = 0
    seals_published: int = 0  # signed seals this audit added to the stream
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth saying, not a failure

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        lines = [
            f"audit {self.service}: {self.events} events, {self.aggregates} aggregates, "
            f"chain sealed through notification {self.sealed_through}, "
            f"{self.published_checked} published events found in the stream"
            + (f", {self.seals_published} signed seals published" if self.seals_published
               else ""),
        ]
        lines += [f"  note: {note}" for note in self.notes]
        for problem in self.problems[:MAX_LISTED]:
            lines.append(f"  PROBLEM {problem}")
        if len(self.problems) > MAX_LISTED:
            lines.append(f"  ... and {len(self.problems) - MAX_LISTED} more problems")
        lines.append("audit: OK" if self.ok else f"audit: FAILED ({len(self.problems)} problems)")
        return "\n".join(lines)
