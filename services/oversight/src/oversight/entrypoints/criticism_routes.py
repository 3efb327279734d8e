"""Routes of social criticism (phản biện xã hội) by MTTQ and of comments on draft laws
(góp ý dự thảo luật) by the delegation and MTTQ."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from chassis.web.history import HistoryPublic
from contracts.vocabulary import Agency
from oversight.domain.criticism import CriticismStage, SocialCriticism
from oversight.domain.draft_law import DraftLawConsultation
from oversight.entrypoints.deps import (
    COMMAND_PROBLEMS,
    QUERY_PROBLEMS,
    AsOf,
    OversightCommand,
    OversightDep,
    Year,
    history,
)
from oversight.entrypoints.requests import (
    CommentCreate,
    CommentsSentCreate,
    ConferenceCreate,
    ConsultationCreate,
    CriticismReplyCreate,
    CriticismSentCreate,
    DraftReceivedCreate,
)
from oversight.entrypoints.views import DraftLawConsultationPublic, SocialCriticismPublic

router = APIRouter()
CRITICISMS = "/social-criticisms"
DRAFT_LAWS = "/draft-laws"
CRITICISM_TAG = "social criticism (phản biện xã hội)"
DRAFT_LAW_TAG = "draft-law comments (góp ý dự thảo luật)"


@router.post(CRITICISMS, status_code=201, response_model=SocialCriticismPublic,
             responses=COMMAND_PROBLEMS, tags=[CRITICISM_TAG])
def receive_draft(body: DraftReceivedCreate, command: OversightCommand) -> JSONResponse:
    """MTTQ records a draft received for social criticism (mttq only)."""
    return command.run(
        "receive_draft",
        lambda: command.app.receive_draft(command.principal, **body.model_dump()),
        SocialCriticismPublic.of, body=body, status_code=201,
    )


@router.post(CRITICISMS + "/{criticism_id}/conference", response_model=SocialCriticismPublic,
             responses=COMMAND_PROBLEMS, tags=[CRITICISM_TAG])
def hold_conference(criticism_id: UUID, body: ConferenceCreate, command: OversightCommand
                    ) -> JSONResponse:
    """The social criticism conference held on the draft (mttq)."""
    return command.run(
        "hold_criticism_conference",
        lambda: command.app.hold_criticism_conference(command.principal, criticism_id,
                                                      **body.model_dump()),
        SocialCriticismPublic.of, body=body,
    )


@router.post(CRITICISMS + "/{criticism_id}/criticism", response_model=SocialCriticismPublic,
             responses=COMMAND_PROBLEMS, tags=[CRITICISM_TAG])
def send_criticism(criticism_id: UUID, body: CriticismSentCreate, command: OversightCommand
                   ) -> JSONResponse:
    """The written criticism sent to the drafting body, after the conference (mttq)."""
    return command.run(
        "send_criticism",
        lambda: command.app.send_criticism(command.principal, criticism_id,
                                           **body.model_dump()),
        SocialCriticismPublic.of, body=body,
    )


@router.post(CRITICISMS + "/{criticism_id}/reply", response_model=SocialCriticismPublic,
             responses=COMMAND_PROBLEMS, tags=[CRITICISM_TAG])
def record_reply(criticism_id: UUID, body: CriticismReplyCreate, command: OversightCommand
                 ) -> JSONResponse:
    """The drafting body's reply (recorded by that body, or by mttq which received it)."""
    return command.run(
        "record_criticism_reply",
        lambda: command.app.record_criticism_reply(command.principal, criticism_id,
                                                   **body.model_dump()),
        SocialCriticismPublic.of, body=body,
    )


@router.get(CRITICISMS, response_model=list[SocialCriticismPublic], responses=QUERY_PROBLEMS,
            tags=[CRITICISM_TAG])
def list_criticisms(
    oversight: OversightDep, year: Year = None,
    stage: Annotated[CriticismStage | None, Query(description="Giai đoạn — stage.")] = None,
    drafting_agency: Annotated[Agency | None, Query(description="Cơ quan soạn thảo.")] = None,
    as_of: AsOf = None,
) -> list[SocialCriticismPublic]:
    """Drafts criticised, by the day they were received (`?stage=sent`: awaiting a reply)."""
    found = oversight.list_criticisms(stage=stage, year=year, drafting_agency=drafting_agency,
                                      as_of=as_of)
    return [SocialCriticismPublic.of(c) for c in found]


@router.get(CRITICISMS + "/{criticism_id}", response_model=SocialCriticismPublic,
            responses=QUERY_PROBLEMS, tags=[CRITICISM_TAG])
def get_criticism(criticism_id: UUID, oversight: OversightDep, as_of: AsOf = None
                  ) -> SocialCriticismPublic:
    return SocialCriticismPublic.of(
        oversight.load(SocialCriticism, criticism_id, "social criticism", as_of))


@router.get(CRITICISMS + "/{criticism_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=[CRITICISM_TAG])
def criticism_history(criticism_id: UUID, oversight: OversightDep) -> HistoryPublic:
    return history(oversight, SocialCriticism, criticism_id, "social criticism")


@router.post(DRAFT_LAWS, status_code=201, response_model=DraftLawConsultationPublic,
             responses=COMMAND_PROBLEMS, tags=[DRAFT_LAW_TAG])
def open_consultation(body: ConsultationCreate, command: OversightCommand) -> JSONResponse:
    """Begin collecting comments on a draft law (dbqh or mttq: the one that collects)."""
    return command.run(
        "open_consultation",
        lambda: command.app.open_consultation(command.principal, **body.model_dump()),
        DraftLawConsultationPublic.of, body=body, status_code=201,
    )


@router.post(DRAFT_LAWS + "/{consultation_id}/comments",
             response_model=DraftLawConsultationPublic, responses=COMMAND_PROBLEMS,
             tags=[DRAFT_LAW_TAG])
def collect_comment(consultation_id: UUID, body: CommentCreate, command: OversightCommand
                    ) -> JSONResponse:
    """One comment of a voter or a group (the collector, until it sends them on)."""
    return command.run(
        "collect_comment",
        lambda: command.app.collect_comment(command.principal, consultation_id,
                                            **body.model_dump()),
        DraftLawConsultationPublic.of, body=body,
    )


@router.post(DRAFT_LAWS + "/{consultation_id}/send", response_model=DraftLawConsultationPublic,
             responses=COMMAND_PROBLEMS, tags=[DRAFT_LAW_TAG])
def send_comments(consultation_id: UUID, body: CommentsSentCreate, command: OversightCommand
                  ) -> JSONResponse:
    """The comments sent on, once (the collector)."""
    return command.run(
        "send_comments",
        lambda: command.app.send_comments(command.principal, consultation_id,
                                          **body.model_dump()),
        DraftLawConsultationPublic.of, body=body,
    )


@router.get(DRAFT_LAWS, response_model=list[DraftLawConsultationPublic],
            responses=QUERY_PROBLEMS, tags=[DRAFT_LAW_TAG])
def list_consultations(
    oversight: OversightDep, year: Year = None,
    collector: Annotated[Agency | None, Query(description="dbqh or mttq.")] = None,
    sent: Annotated[bool | None, Query(description="Đã gửi — sent on.")] = None,
    as_of: AsOf = None,
) -> list[DraftLawConsultationPublic]:
    """Draft laws commented, by the day collection began."""
    found = oversight.list_consultations(collector=collector, sent=sent, year=year,
                                         as_of=as_of)
    return [DraftLawConsultationPublic.of(c) for c in found]


@router.get(DRAFT_LAWS + "/{consultation_id}", response_model=DraftLawConsultationPublic,
            responses=QUERY_PROBLEMS, tags=[DRAFT_LAW_TAG])
def get_consultation(consultation_id: UUID, oversight: OversightDep, as_of: AsOf = None
                     ) -> DraftLawConsultationPublic:
    return DraftLawConsultationPublic.of(
        oversight.load(DraftLawConsultation, consultation_id, "draft law consultation", as_of))


@router.get(DRAFT_LAWS + "/{consultation_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=[DRAFT_LAW_TAG])
def consultation_history(consultation_id: UUID, oversight: OversightDep) -> HistoryPublic:
    """Every event, without who gave each comment: reads are public and a voter's name is
    not shown (as in the consultation's own view), whoever gave the comment."""
    events = oversight.history_of(DraftLawConsultation, consultation_id,
                                  "draft law consultation")
    return HistoryPublic.of(consultation_id, events, {"CommentCollected": NAMES_WITHHELD})


NAMES_WITHHELD = frozenset({"source_name"})
