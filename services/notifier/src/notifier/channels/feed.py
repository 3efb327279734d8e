"""The public Atom feed (RFC 4287) of published answers and passed resolutions.

Written with the standard library's ElementTree: a feed is a dozen elements, not worth a
dependency. Entry ids are the notifications' UUIDs (``urn:uuid:``), stable forever, so
feed readers never show an item twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from kernel.text import without_forbidden_characters

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)


def atom_feed(
    entries: list[dict[str, Any]], *, jurisdiction: str, self_url: str, now: datetime
) -> bytes:
    """The feed document; ``entries`` are notification summaries, newest first."""
    feed = ET.Element(_tag("feed"), {XML_LANG: "vi"})
    _text(feed, "id", f"urn:phoihop:{jurisdiction}:notifier:feed")
    _text(feed, "title", f"Thông báo công khai — {jurisdiction} (phoihop)")
    _text(feed, "subtitle", "Kết quả trả lời kiến nghị cử tri và nghị quyết HĐND được thông "
                            "qua / Answers to voters' petitions and resolutions passed")
    newest = max((_moment(e["occurred_at"]) for e in entries), default=now)
    _text(feed, "updated", _rfc3339(newest))
    ET.SubElement(feed, _tag("link"), {"rel": "self", "href": self_url,
                                       "type": "application/atom+xml"})
    author = ET.SubElement(feed, _tag("author"))
    _text(author, "name", f"HĐND, UBND, Ủy ban MTTQ — {jurisdiction}")
    _text(feed, "generator", "phoihop notifier")
    for entry in entries:
        _entry(feed, entry)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def _entry(feed: ET.Element, notification: dict[str, Any]) -> None:
    entry = ET.SubElement(feed, _tag("entry"))
    _text(entry, "id", f"urn:uuid:{notification['id']}")
    _text(entry, "title", notification["title"]["vi"])
    moment = _rfc3339(_moment(notification["occurred_at"]))
    _text(entry, "published", moment)
    _text(entry, "updated", moment)
    ET.SubElement(entry, _tag("category"), {"term": notification["type"]})
    title_en, body = notification["title"]["en"], notification["body"]
    content = f"{body['vi']}\n\n{title_en}\n{body['en']}"
    _text(entry, "content", content).set("type", "text")


def _tag(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    """An element holding ``text``. ElementTree writes any character it is given, and one
    control character (stored before the API refused them, or sent by an upstream service)
    would make the whole feed invalid XML: such characters are left out."""
    element = ET.SubElement(parent, _tag(name))
    element.text = without_forbidden_characters(text)
    return element


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
