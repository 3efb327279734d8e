"""The báo cáo sơ kết as a DOCX: the review document poured into the template a clerk can
edit (``documents/bao-cao-so-ket.docx``, built by ``tools/make_review_template.py``) with
docxtpl. Always in Vietnamese: it is an administrative document of a Vietnamese body.
A pure function of the review document, so a test opens the result with python-docx."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from portal import formats
from portal.review import (
    Chosen,
    agency_name,
    body_name,
    period_label,
    period_words,
    ranked_agencies,
    sections_of,
    today_words,
)
from portal.words import Language, text

TEMPLATE = Path(__file__).parent / "documents" / "bao-cao-so-ket.docx"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
BODY_CODES = {"hdnd": "HĐND", "ubnd": "UBND", "dbqh": "ĐĐBQH", "mttq": "MTTQ"}
SIGNERS = {"hdnd": "TM. THƯỜNG TRỰC HĐND", "ubnd": "TM. ỦY BAN NHÂN DÂN",
           "dbqh": "TM. ĐOÀN ĐẠI BIỂU QUỐC HỘI", "mttq": "TM. BAN THƯỜNG TRỰC"}


def review_context(review: dict[str, Any], chosen: Chosen, today: date) -> dict[str, Any]:
    """What the template's tags read: every word already written in Vietnamese."""
    language: Language = "vi"  # an administrative document of a Vietnamese body
    body = review.get("body")
    sections = []
    for number, section in zip(ROMAN, sections_of(review, chosen, language), strict=False):
        rows = [{"label": _label(row.label, row.parts), "value": row.value,
                 "previous": row.previous, "change": row.change} for row in section.rows]
        notes = [f"{row.label}: {row.note}" for row in section.rows if row.note]
        sections.append({"number": number, "title": section.title, "rows": rows,
                         "notes": notes})
    ranked, apart = ranked_agencies(review.get("agencies") or [])
    agencies = [{"rank": rank, "name": agency_name(agency, language),
                 "answered": formats.number(agency["answered"], language),
                 "median_days": _days(agency["median_days"])} for rank, agency in ranked]
    too_few = "; ".join(f"{agency_name(agency, language)} "
                        f"({formats.number(agency['answered'], language)} kiến nghị)"
                        for agency in apart)
    return {
        "body_name": body_name(body, language),
        "body_code": BODY_CODES.get(body or "", "QCPH"),
        "signer_title": SIGNERS.get(body or "", "TM. CÁC CƠ QUAN PHỐI HỢP"),
        "date_line": today_words(today),
        "period_words": period_words(review["period"], language),
        "intro": _intro(review),
        "this_period": f"Kỳ này ({period_label(review['period'], language)})",
        "previous_period": f"Kỳ trước ({period_label(review['previous_period'], language)})",
        "sections": sections,
        "agencies_number": ROMAN[min(len(sections), len(ROMAN) - 1)],
        "agencies_rule": text("review_agencies_rule", language),
        "agencies": agencies,
        "too_few": too_few,
    }


def review_docx(review: dict[str, Any], chosen: Chosen, today: date) -> bytes:
    """The filled document's bytes."""
    document = DocxTemplate(str(TEMPLATE))
    document.render(review_context(review, chosen, today), autoescape=True)
    written = BytesIO()
    document.save(written)
    return written.getvalue()


def file_name(review: dict[str, Any]) -> str:
    """``bao-cao-so-ket-2023.docx``, or the two days of another period."""
    period = review["period"]
    label = period_label(period, "vi")
    shown = label if label.isdigit() else f"{period['from']}_{period['to']}"
    body = review.get("body")
    return f"bao-cao-so-ket-{shown}{'-' + body if body else ''}.docx"


def _label(label: str, parts: list[str]) -> str:
    return f"{label} (trong đó {'; '.join(parts)})" if parts else label


def _days(value: float) -> str:
    shown = f"{value:.1f}".replace(".", ",")
    return shown[:-2] if shown.endswith(",0") else shown


def _intro(review: dict[str, Any]) -> str:
    now = period_words(review["period"], "vi")
    before = period_words(review["previous_period"], "vi")
    return (f"Thực hiện Quy chế phối hợp, báo cáo sơ kết kết quả {now} như sau. Số liệu "
            f"được tổng hợp từ các hồ sơ đã ghi nhận trên hệ thống, tính đến "
            f"{formats.moment(review['as_of'], 'vi')}, so với kỳ trước ({before}).")
