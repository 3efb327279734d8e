"""The petitions service's open data: the answers made known to voters, one row each, with
the petition they answer and how long it took (``chassis.open_data`` writes and serves it).
An answer MTTQ has not published is not open data, and voters' names never are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from chassis.open_data import Column, Dataset, OpenData, Row
from petitions.application.petitions import Petitions
from petitions.application.summaries import PetitionQuery
from petitions.domain.values import PetitionStatus

PAGE = 500

ANSWER_COLUMNS = (
    Column("petition_id", "string", "Mã kiến nghị",
           "Mã kiến nghị trong phoihop (GET /petitions/{id}). — The petition's id.", True),
    Column("text", "string", "Nội dung kiến nghị",
           "Nội dung kiến nghị của cử tri (đã tổng hợp). — The petition's words.", True),
    Column("field", "string", "Lĩnh vực",
           "Mã lĩnh vực: land, transport, health, education, social_policy, environment, "
           "agriculture, economy, public_order, administration, culture, other. — Field."),
    Column("level", "string", "Cấp giải quyết",
           "central, province, district (trước 1/7/2025), commune. — Level it belongs to."),
    Column("communes", "string", "Xã, phường",
           "Các xã, phường nơi cử tri kiến nghị, cách nhau bởi dấu chấm phẩy. — Communes."),
    Column("agency", "string", "Cơ quan trả lời",
           "hdnd, ubnd, dbqh, mttq. — The agency that answered."),
    Column("unit", "string", "Sở, ngành, đơn vị trả lời", "— The unit that answered."),
    Column("forwarded_on", "date", "Ngày chuyển",
           "Ngày chuyển đến cơ quan có thẩm quyền (ISO 8601). — Forwarded on."),
    Column("due_date", "date", "Hạn trả lời",
           "Theo quy định có hiệu lực ngày chuyển. — Due date, by the rule in force then."),
    Column("answered_on", "date", "Ngày trả lời", "— Answered on.", True),
    Column("on_time", "boolean", "Đúng hạn",
           "true nếu trả lời trong hạn. — true when answered by the due date.", True),
    Column("published_on", "date", "Ngày thông báo cho cử tri",
           "Ngày MTTQ thông báo kết quả trả lời. — Made known to voters on.", True),
    Column("answer", "string", "Nội dung trả lời", "— The answer's words.", True),
    Column("resolution", "string", "Tình trạng giải quyết",
           "resolved, in_progress, explained, unresolved, hoặc trống. — Resolution status."),
)


def open_data(petitions: Petitions, directory: Path, jurisdiction: str) -> OpenData:
    answers = Dataset(
        name="published-answers", title="Trả lời kiến nghị cử tri đã thông báo",
        description="Mỗi dòng là một kiến nghị của cử tri đã có trả lời được MTTQ thông báo "
        "cho cử tri. — One row per voters' petition whose answer was made known to voters.",
        columns=ANSWER_COLUMNS, rows=lambda: published_answers(petitions))
    return OpenData(directory, "petitions", jurisdiction, (answers,))


def published_answers(petitions: Petitions) -> Iterator[Row]:
    query = PetitionQuery(status=PetitionStatus.PUBLISHED, limit=PAGE)
    while True:
        page = petitions.list_petitions(query)
        for summary in page.items:
            petition = petitions.petition(summary.id)
            answer = petition.answer
            if answer is None or petition.published_on is None:
                continue
            yield {
                "petition_id": str(summary.id), "text": summary.text,
                "field": summary.field, "level": summary.level,
                "communes": "; ".join(summary.communes), "agency": answer.agency,
                "unit": answer.unit, "forwarded_on": summary.forwarded_on,
                "due_date": summary.due_date, "answered_on": answer.answered_on,
                "on_time": answer.on_time,
                "published_on": petition.published_on, "answer": answer.text,
                "resolution": summary.resolution,
            }
        if len(page.items) < PAGE:
            return
        query = replace(query, offset=query.offset + PAGE)
