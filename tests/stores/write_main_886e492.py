"""Writes the SQLite stores in tests/stores/main-886e492/ with the code of main at 886e492.

Run once, from a checkout of that commit (its services' tests on the path), to pin what
that code stored; ``tests/test_stored_events.py`` then reads the stores with today's
code. Kept to show how the stores were made, not run by the test suite:

    git archive 886e492 | tar -x -C /tmp/main && cd /tmp/main
    PYTHONPATH=contracts/src:chassis/src:services/petitions/src:services/sessions/src:\
services/notifier/src:services/petitions/tests:services/sessions/tests:services/notifier/tests \
    python tests/stores/write_main_886e492.py <repo>/tests/stores/main-886e492
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus


def sqlite(path: Path) -> dict[str, str]:
    path.unlink(missing_ok=True)
    return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}


def write_petitions(path: Path) -> None:
    from petitions_testkit import DBQH, HDND, MTTQ, TODAY, UBND, UBND_TRANSPORT  # type: ignore

    from petitions.application import Petitions  # type: ignore

    app = Petitions(sqlite(path), clock=lambda: TODAY)
    meeting = app.plan_meeting(MTTQ, title="TXCT", scheduled_on=TODAY, place="Hội trường",
                               commune="Tân Phú", deputies=["Nguyễn Văn A"])
    app.mark_meeting_held(MTTQ, meeting.id, held_on=TODAY, attendance=90)
    local = app.record_petition(MTTQ, text="Đề nghị lắp đèn đường ấp 3", channel="meeting",
                                meeting_id=meeting.id)
    app.classify(HDND, local.id, field=PolicyField.TRANSPORT, level=JurisdictionLevel.PROVINCE,
                 agency=Agency.UBND, unit=UBND_TRANSPORT.unit)
    app.forward(HDND, local.id)
    app.answer(UBND_TRANSPORT, local.id, "Đã lắp trong tháng 10")
    app.publish_answer(MTTQ, local.id)
    app.update_resolution(UBND_TRANSPORT, local.id, status=ResolutionStatus.RESOLVED)
    central = app.record_petition(UBND, text="Đề nghị sửa luật đất đai", channel="deputy",
                                  commune="Mỹ Phong")
    app.classify(DBQH, central.id, field=PolicyField.LAND, level=JurisdictionLevel.CENTRAL,
                 agency=Agency.DBQH)
    app.forward(DBQH, central.id)
    app.reforward(DBQH, central.id, to_agency=Agency.UBND, to_unit="Sở Tài nguyên",
                  level=JurisdictionLevel.PROVINCE, reason="thuộc thẩm quyền tỉnh")
    write_idempotency_record(app, MTTQ)
    app.close()


def write_idempotency_record(app: Any, actor: Any) -> None:
    """A command run with an Idempotency-Key, as the HTTP routes do: its record is stored
    with the command's events (chassis.idempotency's IdempotencyRecord at 886e492)."""
    from chassis.idempotency import IdempotentRequest, execute_idempotently  # type: ignore

    request = IdempotentRequest.of(scope=f"{actor.agency.value}:{actor.subject}", key="k-1",
                                   method="POST", path="/petitions", body={"text": "x"})
    execute_idempotently(app, request, lambda: app.record_petition(
        actor, text="Đề nghị nạo vét kênh ấp 5", channel="deputy", commune="Tân Phú"),
        lambda petition: {"id": str(petition.id)}, status_code=201)


def write_sessions(path: Path) -> None:
    from sessions_builders import SteppingClock  # type: ignore
    from test_sessions_application import run_session  # type: ignore

    from sessions.application import Sessions  # type: ignore

    app = Sessions(sqlite(path), clock=SteppingClock())
    run_session(app)
    app.close()


def write_notifier(path: Path) -> None:
    from test_notifier_application import (  # type: ignore
        test_a_reminder_moves_with_a_reforwarding_and_stops_at_the_answer as reminder_flow,
    )

    from notifier.application import Notifier  # type: ignore
    from notifier.clock import ManualClock  # type: ignore

    clock = ManualClock(datetime(2025, 11, 28, 2, 0, tzinfo=UTC))
    app = Notifier(sqlite(path), clock=clock)
    reminder_flow(app, clock)
    write_dead_letters(app)
    app.close()


def write_dead_letters(app: Any) -> None:
    """Dead letters parked, retried and resolved (chassis.dead_letters at 886e492)."""
    from chassis.dead_letters import new_dead_letter  # type: ignore

    for sequence in (1, 2, 3):
        letter = new_dead_letter(
            consumer="notifier-petitions", stream="S", stream_sequence=100 + sequence,
            subject="s", body=b"not a cloudevent", headers=None, error="poison",
            attempts=1, tracking_name="t#p")
        app.park(letter)
        if sequence == 2:
            app.resolve_dead_letter(letter.id, "kiểm tra xong")
        if sequence == 3:
            app.retry_dead_letter(letter.id)  # fails again: recorded on the letter


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    write_petitions(out / "petitions.db")
    write_sessions(out / "sessions.db")
    write_notifier(out / "notifier.db")
    print("written", sorted(p.name for p in out.iterdir()), date.today())
