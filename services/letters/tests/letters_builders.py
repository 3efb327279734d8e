"""What the letters tests share: actors, a clock, letters at the start of their life."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

from contracts.vocabulary import Agency
from kernel.rulebook import default_rulebook
from letters.domain.letter import Intake, Letter
from letters.domain.limits import Limits
from letters.domain.values import Channel, LetterKind

JURISDICTION = "tien-giang"
AT = datetime(2027, 1, 1, 2, tzinfo=UTC)
TODAY = date(2027, 1, 1)
RULEBOOK = default_rulebook()


@dataclass(frozen=True)
class Person:
    subject: str
    agency: Agency
    unit: str | None = None
    role: str = "staff"


UBND = Person("ubnd-clerk", Agency.UBND)
UBND_LEADER = Person("ubnd-chair", Agency.UBND, role="leader")
HDND = Person("hdnd-clerk", Agency.HDND)
HDND_LEADER = Person("hdnd-chair", Agency.HDND, role="leader")


def limits(received_on: date) -> Limits:
    return Limits(RULEBOOK, received_on)


def receive(kind: LetterKind, received_on: date, *, by: Person = UBND,
            channel: Channel = Channel.MAIL, identity_ref: str | None = None,
            sender_name: str | None = None, instance: int = 1,
            appeal_of: UUID | None = None, **flags: object) -> Letter:
    if kind is LetterKind.DENUNCIATION and identity_ref is None and sender_name is None \
            and not flags.pop("anonymous", False):
        identity_ref = f"vault-{uuid4()}"
    if kind is not LetterKind.DENUNCIATION and sender_name is None:
        sender_name = "Lê Văn Khiếu"
    intake = Intake(kind=kind, channel=channel, received_on=received_on,
                    summary="Đơn về việc bồi thường giải phóng mặt bằng ấp Bình Hòa",
                    sender_name=sender_name, identity_ref=identity_ref,
                    **flags)  # type: ignore[arg-type]
    return Letter.receive(by, intake, limits(received_on), id=uuid4(), at=AT, today=TODAY,
                          instance=instance, appeal_of=appeal_of)


def days(n: int) -> timedelta:
    return timedelta(days=n)


class SteppingClock:
    """1 January 2027 in Vietnam, a second later at each reading (events stay ordered)."""

    def __init__(self, start: datetime = AT) -> None:
        self._now = start

    def now(self) -> datetime:
        self._now += timedelta(seconds=1)
        return self._now
