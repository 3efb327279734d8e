"""The yearly review (báo cáo sơ kết) as a clerk reads it, from the oversight service's
review document (``GET /review``, its shape fixed in docs): each figure's value beside the
previous period's and the change in words, bar charts drawn here as inline SVG (no script,
nothing from a CDN, readable without colour: the numbers are written on the bars, the
previous period striped), the agencies ranked by median days to answer, and the portal
page of each record behind a figure. Pure functions of the document, so the page and the
DOCX (``review_docx``) show the same words, and tests need no server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any
from urllib.parse import urlencode

from portal import formats, labels
from portal.pages import TEMPLATES, words_context
from portal.words import Language, text

# A record's API path in the service that owns it → its page in the portal.
PORTAL_PAGES = {"petitions": "/kien-nghi/{id}", "sessions": "/ky-hop/{id}",
                "resolutions": "/nghi-quyet/{id}", "voter-contacts": "/hoi-nghi/{id}",
                "letters": "/don-thu/{id}", "recommendations": "/giam-sat/kien-nghi#k-{id}"}
DASH = "—"
MINUS = "\u2212"  # a real minus sign, not a hyphen that a line may break after


@dataclass(frozen=True)
class Chosen:
    """The period and body a review is asked for, as the portal's addresses carry them."""

    first: str  # ISO day
    last: str
    body: str | None = None
    year: int | None = None  # when the period is a whole calendar year

    def service_params(self) -> dict[str, str]:
        params = {"from": self.first, "to": self.last}
        return params | ({"body": self.body} if self.body else {})

    def portal_query(self) -> str:
        params: dict[str, str] = ({"nam": str(self.year)} if self.year is not None
                                  else {"tu-ngay": self.first, "den-ngay": self.last})
        return urlencode(params | ({"co-quan": self.body} if self.body else {}))


@dataclass
class Row:
    """One figure as shown: its words and numbers already written for the language."""

    key: str
    label: str
    value: str
    previous: str
    change: str
    note: str
    parts: list[str]
    records: str  # the portal's page of the records behind it
    csv: str


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row]
    charts: list[str] = field(default_factory=list)  # inline SVG, already escaped


def period_words(period: dict[str, str], language: Language) -> str:
    """``năm 2023`` for a whole calendar year, else ``từ 01/03/2023 đến 30/06/2023``."""
    first, last = period["from"], period["to"]
    if first[5:] == "01-01" and last[5:] == "12-31" and first[:4] == last[:4]:
        return f"year {first[:4]}" if language == "en" else f"năm {first[:4]}"
    shown = (formats.day(first, language), formats.day(last, language))
    return "from {} to {}".format(*shown) if language == "en" else "từ {} đến {}".format(*shown)


def period_label(period: dict[str, str], language: Language) -> str:
    """A short name for a chart's bar: the year, or the two days."""
    first, last = period["from"], period["to"]
    if first[5:] == "01-01" and last[5:] == "12-31" and first[:4] == last[:4]:
        return first[:4]
    return f"{formats.day(first, language)}–{formats.day(last, language)}"


def amount(value: float | int | None, unit: str, language: Language) -> str:
    """A figure's number as written: 1.234, 21,5 ngày, 75 %; a dash when not computable."""
    if value is None:
        return DASH
    if unit == "share":
        return formats.percent(float(value), language)
    shown = _decimal(value, language)
    return f"{shown} {text('review_days', language)}" if unit == "days" else shown


def change(value: float | int | None, previous: float | int | None, unit: str,
           language: Language) -> str:
    """This period less the previous one, signed; shares in percentage points."""
    if value is None or previous is None:
        return DASH
    difference = (value - previous) * (100 if unit == "share" else 1)
    if abs(difference) < 1e-9:
        return text("review_no_change", language)
    sign = "+" if difference > 0 else MINUS
    shown = sign + _decimal(abs(round(difference, 1)), language)
    if unit == "share":
        return f"{shown} {text('review_points', language)}"
    return f"{shown} {text('review_days', language)}" if unit == "days" else shown


def _decimal(value: float | int, language: Language) -> str:
    """Whole numbers grouped (12.345), others with one decimal (21,5 in Vietnamese)."""
    if float(value).is_integer():
        return formats.number(int(value), language)
    shown = f"{value:,.1f}"
    return shown if language == "en" else shown.replace(",", " ").replace(".", ",").replace(
        " ", ".")


def figure_links(key: str, chosen: Chosen) -> tuple[str, str]:
    """The portal's page of a figure's records and its CSV, for the chosen period."""
    query = chosen.portal_query()
    return f"/bao-cao/chi-so/{key}?{query}", f"/bao-cao/chi-so/{key}.csv?{query}"


def sections_of(review: dict[str, Any], chosen: Chosen, language: Language) -> list[Section]:
    """Every section's figures written for the language, and its charts."""
    en = language == "en"
    shown: list[Section] = []
    for section in review["sections"]:
        rows = [_row(figure, chosen, language) for figure in section["figures"]]
        title = section["title_en"] if en else section["title"]
        shown.append(Section(section["key"], title, rows,
                             bar_charts(section, review, language)))
    return shown


def _row(figure: dict[str, Any], chosen: Chosen, language: Language) -> Row:
    en = language == "en"
    unit = figure["unit"]
    records, csv = figure_links(figure["key"], chosen)
    parts = [f"{part['label_en'] if en else part['label']}: "
             f"{amount(part.get('value'), unit, language)}"
             for part in figure.get("parts") or []]
    return Row(key=figure["key"], label=figure["label_en"] if en else figure["label"],
               value=amount(figure.get("value"), unit, language),
               previous=amount(figure.get("previous"), unit, language),
               change=change(figure.get("value"), figure.get("previous"), unit, language),
               note=(figure.get("note_en") if en else figure.get("note")) or "",
               parts=parts, records=records, csv=csv)


def ranked_agencies(agencies: list[dict[str, Any]]
                    ) -> tuple[list[tuple[int, dict[str, Any]]], list[dict[str, Any]]]:
    """The ranked agencies, fewest median days first (ties share a rank, the next rank
    skips: 1, 1, 3), and the others apart, most answers first."""
    ranked = sorted((a for a in agencies if a.get("ranked") and a.get("median_days") is not None),
                    key=lambda a: (a["median_days"], -a["answered"], a["agency"], a["unit"] or ""))
    places: list[tuple[int, dict[str, Any]]] = []
    for index, agency in enumerate(ranked):
        same = places and places[-1][1]["median_days"] == agency["median_days"]
        places.append((places[-1][0] if same else index + 1, agency))
    apart = sorted((a for a in agencies if not (a.get("ranked") and
                                                 a.get("median_days") is not None)),
                   key=lambda a: (-a["answered"], a["agency"], a["unit"] or ""))
    return places, apart


def agency_name(agency: dict[str, Any], language: Language) -> str:
    name = labels.label("agency", agency["agency"], language)
    return f"{name} – {agency['unit']}" if agency.get("unit") else name


def portal_page(href: str) -> str | None:
    """A record's page in the portal, from its API path (``/petitions/{id}`` →
    ``/kien-nghi/{id}``); None where the portal has no page for that kind."""
    parts = href.strip("/").split("/")
    if len(parts) != 2 or parts[0] not in PORTAL_PAGES:
        return None
    return PORTAL_PAGES[parts[0]].format(id=parts[1])


# The charts: horizontal bars, two per figure, drawn to one scale per chart.
CHART_WIDTH = 640
BAR_HEIGHT = 18
LABEL_HEIGHT = 20
FIGURE_GAP = 14
LONGEST_BAR = 440  # leaves room for the number written after the longest bar
INK = "#1d3557"


def bar_charts(section: dict[str, Any], review: dict[str, Any], language: Language
               ) -> list[str]:
    """One chart per kind of number in the section (counts, days, shares: never two
    scales on one chart), of the figures with something to draw in either period (a
    figure at nothing in both stays in the table only)."""
    charts: list[str] = []
    for unit in ("count", "days", "share"):
        figures = [f for f in section["figures"] if f["unit"] == unit
                   and (f.get("value") or f.get("previous"))]
        if figures:
            chart_id = f"bieu-do-{section['key']}-{unit}".replace(".", "-")
            charts.append(_bar_chart(chart_id, section, figures, unit, review, language))
    return charts


def _bar_chart(chart_id: str, section: dict[str, Any], figures: list[dict[str, Any]],
               unit: str, review: dict[str, Any], language: Language) -> str:
    en = language == "en"
    now = period_label(review["period"], language)
    before = period_label(review["previous_period"], language)
    # Shares are drawn against the whole (100 %), not against the largest one shown.
    largest = 1 if unit == "share" else max(
        max(f.get("value") or 0, f.get("previous") or 0) for f in figures) or 1
    block = LABEL_HEIGHT + 2 * BAR_HEIGHT + 4 + FIGURE_GAP
    height = len(figures) * block + 4
    title = text("review_chart", language).format(
        title=section["title_en"] if en else section["title"])
    said = "; ".join(
        f"{f['label_en'] if en else f['label']}: {now} {amount(f.get('value'), unit, language)}"
        f", {before} {amount(f.get('previous'), unit, language)}" for f in figures)
    shapes = [
        f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-t" aria-describedby="{chart_id}-d" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(text("review_chart_desc", language))} '
        f'{escape(said)}.</desc>',
        f'<defs><pattern id="{chart_id}-soc" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" '
        f'stroke="{INK}" stroke-width="2"/></pattern></defs>',
    ]
    for index, figure in enumerate(figures):
        top = index * block
        label = figure["label_en"] if en else figure["label"]
        shapes.append(f'<text x="0" y="{top + 14}" class="chart-label">{escape(label)}</text>')
        for row, (name, value, fill) in enumerate((
                (now, figure.get("value"), INK),
                (before, figure.get("previous"), f"url(#{chart_id}-soc)"))):
            y = top + LABEL_HEIGHT + row * (BAR_HEIGHT + 4)
            width = 0 if value is None else max(2, round(LONGEST_BAR * value / largest))
            if width:
                shapes.append(f'<rect x="0" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                              f'fill="{fill}" stroke="{INK}"/>')
            written = amount(value, unit, language)
            shapes.append(f'<text x="{width + 6}" y="{y + 14}" class="chart-value">'
                          f'{escape(name)}: {escape(written)}</text>')
    shapes.append("</svg>")
    return "".join(shapes)


def body_name(body: str | None, language: Language) -> str:
    """The reporting body's name as a document's heading writes it."""
    if body is None:
        return text("review_body_all_heading", language)
    return text(f"review_body_{body}", language)


def today_words(today: date) -> str:
    """The date line of a Vietnamese document: ngày 03 tháng 12 năm 2026."""
    return f"ngày {today:%d} tháng {today:%m} năm {today.year}"


def review_html(review: dict[str, Any], chosen: Chosen, language: Language) -> str:
    """The review's part of the page (figures, charts, agencies) as HTML."""
    ranked, apart = ranked_agencies(review.get("agencies") or [])
    return TEMPLATES.get_template("_review.html").render(
        words_context(language), review=review, query=chosen.portal_query(),
        sections=sections_of(review, chosen, language), ranked=ranked, apart=apart,
        agency_name=lambda agency: agency_name(agency, language),
        amount=lambda value, unit: amount(value, unit, language),
        period_words=lambda period: period_words(period, language),
        period_label=lambda period: period_label(period, language))
