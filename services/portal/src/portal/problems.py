"""A service's problem document (RFC 9457), in words a clerk reads.

The services answer errors with English details meant for developers; the portal shows
a Vietnamese (or English) sentence chosen by status and type, and, for invalid input,
one line per field under the field's own label. The service's detail stays available
under "Chi tiết" for a support call, never as raw JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portal.words import Language

# (vi, en) by the problem's type slug (the last part of its type URI), else by status.
BY_TYPE: dict[str, tuple[str, str]] = {
    "unauthorized": ("Phiên làm việc đã hết hạn hoặc chưa đăng nhập. Xin đăng nhập lại.",
                     "Your session has ended or you are not signed in. Please sign in."),
    "forbidden": ("Cơ quan, đơn vị của anh/chị không có thẩm quyền làm việc này.",
                  "Your agency or unit may not do this."),
    "not-found": ("Không tìm thấy hồ sơ này. Có thể đường dẫn đã sai.",
                  "This record was not found. The link may be wrong."),
    "conflict": ("Không thực hiện được ở trạng thái hiện tại của hồ sơ. Có thể người khác "
                 "vừa xử lý; xin tải lại trang.",
                 "Not possible in the record's current state; someone may just have acted "
                 "on it. Please reload the page."),
    "unprocessable": ("Nội dung chưa hợp lệ theo quy định.", "The content breaks a rule."),
    "validation": ("Thông tin nhập chưa hợp lệ.", "Some of what was entered is not valid."),
    "payload-too-large": ("Nội dung quá dài.", "The content is too long."),
    "invalid-occurred-on": ("Ngày xảy ra không hợp lệ: chưa đến, quá xa, hoặc trước việc "
                            "mà nó theo sau.",
                            "The day given cannot be the day it happened: not yet come, too "
                            "far back, or before the act it follows."),
    "idempotency-key-reused": ("Biểu mẫu đã được gửi với nội dung khác. Xin tải lại trang.",
                               "The form was already sent with other content. Reload."),
}
BY_STATUS: dict[int, str] = {401: "unauthorized", 403: "forbidden", 404: "not-found",
                             409: "conflict", 413: "payload-too-large", 422: "validation"}
UNEXPECTED = ("Hệ thống gặp sự cố, xin thử lại sau ít phút.",
              "The system had a problem; please try again in a few minutes.")
UNREACHABLE = ("Không kết nối được dịch vụ {service}. Xin thử lại sau ít phút.",
               "Could not reach the {service} service. Please try again in a few minutes.")

# What pydantic's error types mean, for a field (vi, en).
FIELD_ERRORS: dict[str, tuple[str, str]] = {
    "missing": ("chưa nhập", "is missing"),
    "string_too_short": ("chưa nhập", "is empty"),
    "string_too_long": ("quá dài", "is too long"),
    "too_short": ("chưa đủ", "has too few items"),
    "too_long": ("quá nhiều", "has too many items"),
    "enum": ("chưa chọn đúng", "is not one of the choices"),
    "literal_error": ("chưa chọn đúng", "is not one of the choices"),
    "date_from_datetime_parsing": ("không phải ngày hợp lệ", "is not a valid date"),
    "date_parsing": ("không phải ngày hợp lệ", "is not a valid date"),
    "date_type": ("không phải ngày hợp lệ", "is not a valid date"),
    "date_out_of_range": ("nằm ngoài khoảng mười năm trước và sau năm nay",
                          "is more than ten years from this year"),
    "range_reversed": ("không được trước “Từ ngày”", "must not be before “From”"),
    "int_parsing": ("phải là số", "must be a number"),
    "greater_than_equal": ("quá nhỏ", "is too small"),
    "less_than_equal": ("quá lớn", "is too large"),
    "uuid_parsing": ("không hợp lệ", "is not valid"),
    "extra_forbidden": ("không được phép", "is not allowed"),
    "occurred_on": ("không thể là ngày xảy ra (chưa đến, hoặc trước việc trước đó)",
                    "cannot be the day it happened (not yet come, or before what it follows)"),
}
INVALID_FIELD = ("chưa hợp lệ", "is not valid")


class ServiceUnavailable(Exception):
    """A service did not answer (down, or too slow)."""

    def __init__(self, service: str) -> None:
        super().__init__(service)
        self.service = service

    def message(self, language: Language) -> str:
        vi, en = UNREACHABLE
        return (en if language == "en" else vi).format(service=self.service)


@dataclass
class ServiceProblem(Exception):
    """A 4xx or 5xx problem document from a service."""

    status: int
    document: dict[str, Any] = field(default_factory=dict)

    @property
    def type_slug(self) -> str:
        kind = str(self.document.get("type", ""))
        slug = kind.rsplit("/", 1)[-1] if kind else ""
        if slug in BY_TYPE:
            return slug
        return BY_STATUS.get(self.status, slug)

    @property
    def detail(self) -> str:
        return str(self.document.get("detail", ""))

    def message(self, language: Language) -> str:
        """One sentence saying what went wrong and what to do."""
        words = BY_TYPE.get(self.type_slug, UNEXPECTED if self.status >= 500 else
                            BY_TYPE["validation"])
        return words[1] if language == "en" else words[0]

    def field_errors(self) -> dict[str, str]:
        """Each invalid field (the last part of its location) and pydantic's error type."""
        found: dict[str, str] = {}
        for error in self.document.get("errors", []) or []:
            location = [str(part) for part in error.get("loc", [])]
            names = [part for part in location if part not in ("body", "query", "path")]
            if names:
                found.setdefault(names[0], str(error.get("type", "")))
        if self.type_slug == "invalid-occurred-on" and self.document.get("field"):
            found.setdefault(str(self.document["field"]), "occurred_on")  # kernel.occurred
        return found


def field_error(error_type: str, language: Language) -> str:
    vi, en = FIELD_ERRORS.get(error_type, INVALID_FIELD)
    return en if language == "en" else vi


def status_of(error: ServiceProblem | ServiceUnavailable) -> int:
    """The portal's own status for a page showing the error: the service's 4xx as it is;
    502 when the service failed, 503 when it did not answer."""
    if isinstance(error, ServiceUnavailable):
        return 503
    return error.status if error.status < 500 else 502
