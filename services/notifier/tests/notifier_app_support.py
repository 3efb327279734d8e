"""What the notifier application's in-process tests share: the jurisdiction, an operator,
upstream events encoded as the relays do (``Feed``), a subscription, and applying one."""

from __future__ import annotations

from uuid import UUID

from notifier_support import FORWARDED_AT

from chassis.web.auth import Principal
from contracts import IntegrationEvent, ReceivedEvent, decode_cloudevent, encode_cloudevent
from contracts.vocabulary import Agency
from notifier.application import Notifier

JURISDICTION = "tien-giang"
OPERATOR = Principal("op", Agency.HDND, "admin", JURISDICTION)


class Feed:
    """Encodes events as the upstream relays do, with growing sequences per service."""

    def __init__(self) -> None:
        self.sequences: dict[str, int] = {}

    def __call__(self, event: IntegrationEvent, subject: UUID) -> ReceivedEvent:
        self.sequences[event.service] = self.sequences.get(event.service, 0) + 1
        _, _, body = encode_cloudevent(event, jurisdiction=JURISDICTION,
                                       sequence=self.sequences[event.service],
                                       subject=str(subject), time=FORWARDED_AT)
        return decode_cloudevent(body)


def subscribe(app: Notifier, agency: str = "ubnd", audience: str = "agency",
              types: tuple[str, ...] = ("*",), unit: str | None = None) -> UUID:
    owner = Principal("t", Agency(agency), "admin" if audience == "all" else "staff",
                      JURISDICTION, unit)
    return app.register_subscription(
        owner, url=f"https://{agency}.example.vn/hooks", event_types=list(types), secret=None,
        audience=audience, unit=None, description=None,  # type: ignore[arg-type]
        allow_http=False).id


def apply(app: Notifier, received: ReceivedEvent, source: str = "petitions") -> bool:
    return app.apply_received(received, f"urn:phoihop:{JURISDICTION}:{source}#{source}")
