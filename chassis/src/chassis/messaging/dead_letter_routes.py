"""HTTP for a consuming service's dead letters: see them, retry them, close them."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import Field

from chassis.messaging.consuming_application import ConsumingApplication
from chassis.web.auth import CurrentPrincipal, Principal
from chassis.web.problems import problem_responses
from chassis.web.request_body import Paragraphs, RequestBody
from kernel.actor import is_operator
from kernel.errors import Forbidden


class DeadLetterResolve(RequestBody):
    """Đóng thư lỗi mà không xử lý — close a dead letter without applying it."""

    note: Paragraphs = Field(max_length=2000, description="Lý do — why it is closed.")


def _require_operator(principal: Principal) -> None:
    if not is_operator(principal):
        raise Forbidden("only an operator (role admin or system) may handle dead letters")


def dead_letter_router(app: ConsumingApplication) -> APIRouter:
    """``/dead-letters`` routes over ``app``'s dead-letter store."""
    router = APIRouter(prefix="/dead-letters", tags=["dead letters"])

    @router.get("", summary="Thư lỗi (dead letters), oldest first")
    def list_dead_letters(
        principal: CurrentPrincipal,
        status: Literal["parked", "retried", "resolved"] | None = None,
    ) -> list[dict[str, Any]]:
        _require_operator(principal)
        return [letter.summary() for letter in app.dead_letters(status)]

    @router.get("/{letter_id}", summary="One dead letter", responses=problem_responses(404))
    def get_dead_letter(letter_id: UUID, principal: CurrentPrincipal) -> dict[str, Any]:
        _require_operator(principal)
        return app.dead_letter(letter_id).summary()

    @router.post("/{letter_id}/retry", summary="Apply a parked message again, once",
                 responses=problem_responses(404, 409))
    def retry_dead_letter(letter_id: UUID, principal: CurrentPrincipal) -> dict[str, Any]:
        _require_operator(principal)
        return app.retry_dead_letter(letter_id).summary()

    @router.post("/{letter_id}/resolve", summary="Close a parked message without applying it",
                 responses=problem_responses(404, 409))
    def resolve_dead_letter(
        letter_id: UUID, body: DeadLetterResolve, principal: CurrentPrincipal
    ) -> dict[str, Any]:
        _require_operator(principal)
        return app.resolve_dead_letter(letter_id, body.note).summary()

    return router
