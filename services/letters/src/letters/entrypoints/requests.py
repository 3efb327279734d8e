"""Bodies of the commands the letters API accepts: each a ``RequestBody`` (unknown fields
refused, strings bounded and in NFC, no control characters)."""

from __future__ import annotations

import base64
from typing import Annotated

from pydantic import AfterValidator, Field

from chassis.web.date_types import Day
from chassis.web.request_body import Paragraphs, RequestBody
from contracts.vocabulary import Agency
from letters.domain.letter import Intake
from letters.domain.values import Channel, LetterKind
from letters.vault.vault import Identity

Text = Annotated[str, Field(min_length=1, max_length=500)]
LongText = Annotated[Paragraphs, Field(min_length=1, max_length=20_000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
SIGNATURE_MAX_BYTES = 150 * 1024
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


def _signature_image(value: str) -> str:
    """A PNG or JPEG, base64 (strict), at most ``SIGNATURE_MAX_BYTES`` once decoded."""
    try:
        image = base64.b64decode(value, validate=True)
    except ValueError:
        raise ValueError("signature_image must be base64 (ảnh chữ ký phải mã hóa base64)") \
            from None
    if len(image) > SIGNATURE_MAX_BYTES:
        raise ValueError("signature_image is larger than 150 KB (ảnh chữ ký quá 150 KB)")
    if not image.startswith(IMAGE_MAGIC):
        raise ValueError("signature_image must be a PNG or JPEG (ảnh chữ ký phải là PNG "
                         "hoặc JPEG)")
    return value


SignatureImage = Annotated[str, Field(max_length=4 * (SIGNATURE_MAX_BYTES // 3 + 1)),
                           AfterValidator(_signature_image)]
FactDate = Annotated[Day | None, Field(description="Ngày — date; today when left out.")]


class DenouncerIdentity(RequestBody):
    """Người tố cáo — the denouncer: kept in the vault only, never in the letter."""

    name: Name = Field(description="Họ và tên.")
    identity_number: Annotated[str, Field(pattern=r"^[0-9]{9,12}$")] | None = Field(
        default=None, description="Số CCCD/CMND.")
    address: Text | None = Field(default=None, description="Địa chỉ.")
    phone: Annotated[str, Field(pattern=r"^\+?[0-9 .-]{8,20}$")] | None = Field(
        default=None, description="Số điện thoại.")
    email: Annotated[str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] \
        | None = Field(default=None, description="Thư điện tử.")
    signature_image: SignatureImage | None = Field(
        default=None, description="Chữ ký (ảnh quét PNG hoặc JPEG, base64, đến 150 KB) — "
        "the signature's scan, sealed in the vault with the rest.")

    def identity(self) -> Identity:
        return Identity(self.name, self.identity_number, self.address, self.phone, self.email,
                        self.signature_image)


class LetterCreate(RequestBody):
    """Tiếp nhận đơn — a letter received by the caller's body."""

    kind: LetterKind = Field(description="Khiếu nại, tố cáo, kiến nghị, phản ánh.")
    channel: Channel = Field(description="Tiếp công dân, bưu chính, trực tuyến.")
    received_on: Day = Field(description="Ngày nhận đơn.")
    summary: LongText = Field(description="Tóm tắt nội dung đơn.")
    sender_name: Name | None = Field(
        default=None, description="Người khiếu nại, kiến nghị, phản ánh (not a denouncer).")
    denouncer: DenouncerIdentity | None = Field(
        default=None, description="Người tố cáo: goes to the vault; none: anonymous.")
    remote: bool = Field(default=False, description="Vùng sâu, vùng xa.")
    complex_case: bool = Field(default=False, description="Vụ việc phức tạp.")
    several_places: bool = Field(default=False, description="Xác minh tại nhiều địa điểm.")
    decision_known_on: Day | None = Field(
        default=None, description="Ngày biết quyết định bị khiếu nại (thời hiệu).")

    def intake(self) -> Intake:
        return Intake(kind=self.kind, channel=self.channel, received_on=self.received_on,
                      summary=self.summary, sender_name=self.sender_name, remote=self.remote,
                      complex_case=self.complex_case, several_places=self.several_places,
                      decision_known_on=self.decision_known_on)


class AcceptCreate(RequestBody):
    accepted_on: FactDate = None


class ForwardCreate(RequestBody):
    to: Agency = Field(description="Cơ quan có thẩm quyền.")
    reason: Text = Field(description="Lý do chuyển.")
    forwarded_on: FactDate = None


class GuideCreate(RequestBody):
    reason: Text = Field(description="Hướng dẫn và lý do, gửi người viết đơn.")
    guided_on: FactDate = None


class ExtendCreate(RequestBody):
    reason: Text = Field(description="Lý do gia hạn.")
    extended_on: FactDate = None


class DecideCreate(RequestBody):
    outcome: LongText = Field(description="Quyết định giải quyết / kết luận nội dung tố cáo.")
    decided_on: FactDate = None


class NotifiedCreate(RequestBody):
    notified_on: FactDate = None


class WithdrawCreate(RequestBody):
    reason: Text = Field(description="Lý do rút khiếu nại.")
    withdrawn_on: FactDate = None


class Why(RequestBody):
    """Why the identity is needed: written into the vault's record of the attempt."""

    why: Text = Field(description="Lý do.")
