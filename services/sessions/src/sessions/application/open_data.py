"""The sessions service's open data (``chassis.open_data`` writes and serves it): the
council's sessions, every vote held at them, and the resolutions passed, one row each.
The same records as the Popolo export (``popolo.py``), as flat files a spreadsheet opens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from chassis.open_data import Column, Dataset, OpenData, Row
from sessions.application import Sessions

SESSION_ID = Column("session_id", "string", "Mã kỳ họp",
                    "Mã kỳ họp trong phoihop (GET /sessions/{id}). — The session's id.", True)
FIELD = Column("field", "string", "Lĩnh vực",
               "Mã lĩnh vực: land, transport, health, education, social_policy, environment, "
               "agriculture, economy, public_order, administration, culture, other. — Field.")
COUNTS = (
    Column("yes", "integer", "Tán thành", "Số đại biểu tán thành. — Deputies voting yes.", True),
    Column("no", "integer", "Không tán thành", "— Deputies voting no.", True),
    Column("abstain", "integer", "Không biểu quyết", "— Deputies abstaining.", True),
    Column("absent", "integer", "Vắng mặt", "— Deputies absent.", True),
    Column("total_deputies", "integer", "Tổng số đại biểu",
           "Tổng số đại biểu HĐND (cơ sở tính quá nửa). — All the council's deputies.", True),
)
SESSION_COLUMNS = (
    SESSION_ID,
    Column("number", "integer", "Kỳ họp thứ", "Số thứ tự kỳ họp trong nhiệm kỳ. — Number.", True),
    Column("term", "string", "Nhiệm kỳ", "— Term, e.g. 2021-2026.", True),
    Column("title", "string", "Tên kỳ họp", "— Title.", True),
    Column("kind", "string", "Loại kỳ họp", "regular (thường lệ), thematic (chuyên đề). — Kind.",
           True),
    Column("place", "string", "Địa điểm", "— Place.", True),
    Column("opening_on", "date", "Ngày khai mạc",
           "Theo thống nhất tại cuộc họp liên tịch, nếu có; nếu không, theo kế hoạch. — Opening.",
           True),
    Column("closed_on", "date", "Ngày bế mạc", "Trống nếu chưa bế mạc. — Closed on."),
    Column("status", "string", "Trạng thái", "planned, convened, closed. — Status.", True),
    Column("present", "integer", "Số đại biểu có mặt khi khai mạc", "— Deputies present."),
    Column("total_deputies", "integer", "Tổng số đại biểu", "— All the council's deputies.",
           True),
)
VOTE_COLUMNS = (
    Column("vote_id", "string", "Mã biểu quyết", "— The vote's id.", True),
    SESSION_ID,
    Column("title", "string", "Dự thảo nghị quyết", "— The draft voted on.", True),
    FIELD,
    Column("voted_on", "date", "Ngày biểu quyết", "— Voted on.", True),
    Column("passed", "boolean", "Thông qua",
           "true khi số tán thành quá nửa tổng số đại biểu. — Passed.", True),
    *COUNTS,
    Column("resolution_id", "string", "Mã nghị quyết", "Trống nếu không thông qua. — Id."),
)
RESOLUTION_COLUMNS = (
    Column("resolution_id", "string", "Mã nghị quyết",
           "Mã nghị quyết trong phoihop (GET /resolutions/{id}). — The resolution's id.", True),
    Column("number", "string", "Số nghị quyết", "— Number, e.g. 12/2026/NQ-HĐND.", True),
    Column("title", "string", "Trích yếu", "— Title.", True),
    FIELD, SESSION_ID,
    Column("passed_on", "date", "Ngày thông qua", "— Passed on.", True),
    *COUNTS,
    Column("first_guidance_on", "date", "Ngày UBND ban hành hướng dẫn đầu tiên",
           "Trống nếu chưa có. — The first implementing guidance."),
)


def open_data(sessions: Sessions, directory: Path, jurisdiction: str) -> OpenData:
    return OpenData(directory, "sessions", jurisdiction, (
        Dataset("sessions", "Kỳ họp HĐND", "Mỗi dòng một kỳ họp. — One row per session.",
                SESSION_COLUMNS, rows=lambda: session_rows(sessions)),
        Dataset("votes", "Biểu quyết tại kỳ họp",
                "Mỗi dòng một lần biểu quyết dự thảo nghị quyết. — One row per vote.",
                VOTE_COLUMNS, rows=lambda: vote_rows(sessions)),
        Dataset("resolutions", "Nghị quyết HĐND đã thông qua",
                "Mỗi dòng một nghị quyết. — One row per resolution passed.",
                RESOLUTION_COLUMNS, rows=lambda: resolution_rows(sessions)),
    ))


def session_rows(sessions: Sessions) -> Iterator[Row]:
    for s in sessions.list_sessions():
        yield {"session_id": str(s.id), "number": s.number, "term": s.term, "title": s.title,
               "kind": s.kind, "place": s.place, "opening_on": s.opening_on,
               "closed_on": s.closed_on, "status": s.status,
               "present": s.attendance.present if s.attendance else None,
               "total_deputies": s.total_deputies}


def vote_rows(sessions: Sessions) -> Iterator[Row]:
    for s in sessions.list_sessions():
        for v in sorted(s.votes.values(), key=lambda v: (v.voted_on, v.title)):
            yield {"vote_id": str(v.vote_id), "session_id": str(s.id), "title": v.title,
                   "field": v.field, "voted_on": v.voted_on, "passed": v.passed,
                   "yes": v.counts.yes, "no": v.counts.no, "abstain": v.counts.abstain,
                   "absent": v.counts.absent, "total_deputies": v.total_deputies,
                   "resolution_id": str(v.resolution_id) if v.resolution_id else None}


def resolution_rows(sessions: Sessions) -> Iterator[Row]:
    for r in sessions.list_resolutions():
        yield {"resolution_id": str(r.id), "number": r.number, "title": r.title,
               "field": r.field, "session_id": str(r.session_id), "passed_on": r.passed_on,
               "yes": r.counts.yes, "no": r.counts.no, "abstain": r.counts.abstain,
               "absent": r.counts.absent, "total_deputies": r.total_deputies,
               "first_guidance_on": r.first_guidance_on}
