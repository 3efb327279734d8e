"""The words of the letters domain."""

from __future__ import annotations

from enum import StrEnum


class LetterKind(StrEnum):
    """How a letter is classified (phân loại đơn)."""

    COMPLAINT = "complaint"  # khiếu nại
    DENUNCIATION = "denunciation"  # tố cáo
    PETITION = "petition"  # kiến nghị
    REFLECTION = "reflection"  # phản ánh
    INFORMATION = "information"  # tố cáo nặc danh: not a denunciation, kept as information


class Channel(StrEnum):
    """How the letter came in."""

    RECEPTION = "reception"  # tiếp công dân
    MAIL = "mail"  # qua bưu chính, gửi trực tiếp
    ONLINE = "online"  # tiếp công dân trực tuyến (Law 136/2025, from 2026-07-01)


class Status(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"  # thụ lý
    FORWARDED = "forwarded"  # chuyển đơn
    GUIDED = "guided"  # hướng dẫn
    DECIDED = "decided"  # quyết định giải quyết / kết luận nội dung tố cáo
    WITHDRAWN = "withdrawn"  # rút khiếu nại
    FILED = "filed"  # lưu đơn: kept as information (anonymous denunciations)
