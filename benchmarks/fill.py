"""A fast way to fill a petitions store with many events (benchmarks 3, 4 and 5).

Through the application a SQLite store takes ~1,500 commands/s (11 minutes for a million
events). Here the domain's own methods make the events (``Petition.record``, ``classify``,
``forward``, ...: the same events, checks and rulebook deadlines a command makes), the
application's mapper encodes them (the same bytes the service stores) and the recorder's
``insert_events`` writes them in large batches, many aggregates per transaction. Only the
per-command transaction and the HTTP layer are skipped.

Each petition walks a deterministic share of its lifecycle (seeded): recorded, then most
are classified, forwarded, answered, published and followed up once or several times;
some are raised at voter-contact meetings (planned, held). About 5 events per petition.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import StoredEvent, Tracking

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from kernel.clock import SystemClock, today_in_vietnam
from petitions.application import Petitions
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.petition import Petition

BATCH = 20_000
PETITIONS_PER_MEETING = 12
# chassis.messaging.relay.OutboxRelay.position_name for petitions
RELAY_POSITION = "relay:petitions"
START = date(2024, 1, 8)
TODAY = today_in_vietnam(SystemClock())  # every act is dated in the past, from START on

# The vocabulary of benchmark 1's wrk script (http_load.py), so stored petitions and new
# ones are alike: a similarity search meets a corpus of its own kind.
ASKS = ["Đề nghị", "Cử tri kiến nghị", "Cử tri phản ánh và đề nghị", "Kiến nghị xem xét"]
TOPICS = [
    "sửa chữa đường liên xã bị xuống cấp", "nạo vét kênh thủy lợi bị bồi lắng",
    "xử lý ô nhiễm nước thải từ cơ sở chế biến", "hỗ trợ hộ nghèo xây dựng nhà ở",
    "bổ sung giáo viên cho trường tiểu học", "lắp đặt đèn chiếu sáng công cộng",
    "cấp giấy chứng nhận quyền sử dụng đất", "xây dựng trạm y tế mới",
    "chi trả kịp thời trợ cấp người có công", "xử lý sạt lở bờ sông",
    "mở rộng chợ nông thôn", "kiểm soát giá phân bón", "cấp nước sạch nông thôn",
    "bảo đảm an ninh trật tự khu dân cư", "thu gom rác thải sinh hoạt",
    "giải quyết hồ sơ bảo hiểm y tế",
]
PLACES = ["Tân Phú", "Phú Mỹ", "Long Hưng", "Bình Đức", "Mỹ Tho", "Gò Công", "Cai Lậy",
          "Cái Bè", "Chợ Gạo", "Tân Hiệp", "Vĩnh Kim", "Hòa Khánh", "Thạnh Phú", "An Hữu"]
FIELDS = list(PolicyField)
RESOLUTIONS = [ResolutionStatus.RESOLVED, ResolutionStatus.EXPLAINED,
               ResolutionStatus.UNRESOLVED, ResolutionStatus.IN_PROGRESS]


@dataclass(frozen=True)
class Staff:
    """The actor of generated commands (the domain's ``Actor`` protocol)."""

    agency: Agency
    subject: str = "bench-fill"
    unit: str | None = None
    role: str = "staff"


MTTQ, HDND, UBND = Staff(Agency.MTTQ), Staff(Agency.HDND), Staff(Agency.UBND)


@dataclass
class Filled:
    """What a fill wrote."""

    path: Path
    events: int = 0
    petitions: list[UUID] = field(default_factory=list)
    meetings: int = 0
    seconds: float = 0.0


def petition_text(n: int) -> tuple[str, str]:
    """The n-th petition's text and commune, as benchmark 1's wrk script words them."""
    place = PLACES[n % len(PLACES)]
    text = (f"{ASKS[n % len(ASKS)]} {TOPICS[n % len(TOPICS)]} tại ấp {(n * 7) % 97 + 1} "
            f"xã {place}")
    return text, place


def open_store(path: Path) -> Petitions:
    """The petitions application on a SQLite file, as the service opens it."""
    return Petitions(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                          "SQLITE_DBNAME": str(path), "SQLITE_LOCK_TIMEOUT": "10"})


def fill(path: Path, events: int, *, classified_only: bool = False, seed: int = 5,
         relayed: bool = True) -> Filled:
    """Writes about ``events`` events (exactly, unless ``classified_only``) into ``path``.

    ``classified_only``: every petition recorded and classified to UBND, nothing more
    (petitions ready to be forwarded). ``relayed``: record the relay's position at the end
    of the log, as a service whose relay has published everything sees its store, so a
    service started on the file does not publish the filled events again.
    """
    started = time.perf_counter()
    app = open_store(path)
    result = Filled(path)
    pending: list[StoredEvent] = []
    try:
        for aggregate in _aggregates(app, random.Random(seed), classified_only, result):
            new = [app.mapper.to_stored_event(e) for e in aggregate.collect_events()]
            new = new[: events - result.events - len(pending)]
            pending += new
            if len(pending) >= BATCH or result.events + len(pending) >= events:
                app.recorder.insert_events(pending)
                result.events += len(pending)
                pending = []
            if result.events >= events:
                break
        if pending:
            app.recorder.insert_events(pending)
            result.events += len(pending)
        if relayed:
            last = app.recorder.max_notification_id() or 0
            app.recorder.insert_tracking(Tracking(RELAY_POSITION, last))
    finally:
        app.close()
    result.seconds = time.perf_counter() - started
    return result


def _aggregates(app: Petitions, rng: random.Random, classified_only: bool,
                result: Filled) -> Iterator[Aggregate]:
    meeting: VoterContactMeeting | None = None
    n = 0
    while True:
        if not classified_only and n % PETITIONS_PER_MEETING == 0:
            meeting = _held_meeting(n)
            result.meetings += 1
            yield meeting
        text, commune = petition_text(n)
        at_meeting = meeting is not None and rng.random() < 0.4
        petition = Petition.record(
            MTTQ, text=text, commune=None if at_meeting else commune,
            channel="meeting" if at_meeting else rng.choice(["mail", "deputy", "online"]),
            meeting=meeting if at_meeting else None, today=TODAY,
            occurred_on=None if at_meeting else START + timedelta(days=n % 300),
        )
        result.petitions.append(petition.id)
        if classified_only:
            petition.classify(HDND, field=FIELDS[n % len(FIELDS)],
                              level=JurisdictionLevel.PROVINCE, agency=Agency.UBND,
                              occurred_on=petition.received_on, today=TODAY)
        else:
            _walk(app, petition, rng, petition.received_on)
        yield petition
        n += 1


def _held_meeting(n: int) -> VoterContactMeeting:
    place = PLACES[n % len(PLACES)]
    day = START + timedelta(days=n % 300)
    meeting = VoterContactMeeting.plan(
        MTTQ, title=f"TXCT số {n // PETITIONS_PER_MEETING}", scheduled_on=day,
        place=f"Hội trường UBND xã {place}", commune=place, deputies=["Nguyễn Văn An"],
    )
    meeting.mark_held(MTTQ, held_on=day, attendance=80 + n % 120, today=day)
    return meeting


def _walk(app: Petitions, petition: Petition, rng: random.Random, day: date) -> None:
    """Takes a recorded petition some way along its lifecycle, through the domain."""
    if rng.random() < 0.10:
        return
    level = rng.choice([JurisdictionLevel.PROVINCE, JurisdictionLevel.DISTRICT,
                        JurisdictionLevel.CENTRAL])
    petition.classify(HDND, field=rng.choice(FIELDS), level=level, agency=Agency.UBND,
                      occurred_on=day, today=TODAY)
    if rng.random() < 0.06:
        return
    petition.forward(HDND, forwarded_on=day, today=TODAY, deadlines=app.deadline)
    if rng.random() < 0.18:
        return
    answered = day + timedelta(days=rng.randint(5, 45))
    petition.give_answer(UBND, text="Sở đã bố trí kinh phí, dự kiến hoàn thành trong năm.",
                         answered_on=answered, today=TODAY)
    if rng.random() < 0.14:
        return
    petition.publish_answer(MTTQ, published_on=answered + timedelta(days=3), today=TODAY)
    for follow_up in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
        status = rng.choice(RESOLUTIONS)
        on = answered + timedelta(days=30 * (follow_up + 1))
        petition.update_resolution(
            HDND, status=status, updated_on=on, today=TODAY, note="Giám sát đến cùng",
            roadmap_date=on + timedelta(days=90) if status == ResolutionStatus.IN_PROGRESS
            else None,
        )
