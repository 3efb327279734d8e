"""JSON log lines, one object a line, so a log shipper can index them; never a credential.

``configure_logging`` (every service's start, chassis.runtime) installs one handler on the
root logger, with ``RedactingFilter``: whatever any logger writes, its own or a library's
(httpx logs each request's URL), passes through it. It masks the password of a URL
(``scheme://user:password@``), bearer tokens, Standard Webhooks secrets (``whsec_…``) and
values of ``password=``/``secret=``/``token=``-like fields, in the message and in a
traceback.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

from chassis.tracing import current_trace_id

MASK = "***"
_CREDENTIALS = [
    # scheme://user:password@host -> scheme://user:***@host (also with no user)
    (re.compile(r"(?P<keep>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/:@]*:)[^\s/@]+@"), rf"\g<keep>{MASK}@"),
    (re.compile(r"(?P<keep>\bbearer\s+)[A-Za-z0-9._~+/-]+=*", re.IGNORECASE), rf"\g<keep>{MASK}"),
    (re.compile(r"(?P<keep>\bwhsec_)[A-Za-z0-9+/]+=*"), rf"\g<keep>{MASK}"),
    (re.compile(r"(?P<keep>\b(?:password|passwd|pwd|secret|token|api_?key)[\"']?\s*[=:]\s*[\"']?)"
                r"[^\s\"'&,;]+", re.IGNORECASE), rf"\g<keep>{MASK}"),
]


def redact(text: str) -> str:
    """``text`` with every credential it shows masked."""
    for pattern, replacement in _CREDENTIALS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks credentials in a record's message and traceback before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object with time, level, logger, message and extras."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        trace_id = getattr(record, "trace_id", None) or current_trace_id()
        if trace_id:
            line["trace_id"] = trace_id
        if record.exc_text:  # formatted (and redacted) by RedactingFilter
            line["error"] = record.exc_text
        elif record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter(service))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
