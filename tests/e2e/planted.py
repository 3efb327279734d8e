"""Searching every artefact of a run for planted personal data (a denouncer's identity, a
follower's address): the one search the confidentiality tests share.

``needles`` gives every form a value could be written in; ``leaks`` looks for them in
every file under a directory (stores, the NATS data directory, logs) and in every
response collected, and names where each was found.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from kernel.text import without_accents


def needles(values: Iterable[str]) -> set[bytes]:
    """Every form a value could be written in, as bytes: UTF-8 in NFC and NFD, without
    its accents, case-folded, JSON-escaped and in UTF-16; a phone also without spaces."""
    found: set[bytes] = set()
    for value in values:
        forms = {value, unicodedata.normalize("NFD", value), without_accents(value),
                 value.casefold(), without_accents(value).casefold()}
        if value.startswith(("0", "+")):
            forms.add(value.replace(" ", ""))
        for form in forms:
            found.add(form.encode("utf-8"))
            found.add(json.dumps(form).strip('"').encode("ascii"))  # \\u-escaped
            found.add(form.encode("utf-16-le"))
    return found


def artefacts(root: Path) -> list[Path]:
    """Every file written under ``root``."""
    return [path for path in sorted(root.rglob("*")) if path.is_file()]


def leaks(root: Path, planted: set[bytes], responses: Iterable[str] = ()
          ) -> list[tuple[str, str]]:
    """(where, what) for each planted form found in a file under ``root`` or a response."""
    found = [(str(path.relative_to(root)), needle.decode("utf-8", "replace"))
             for path in artefacts(root) for needle in planted
             if needle in path.read_bytes()]
    found += [("response", needle.decode("utf-8", "replace"))
              for text in responses for needle in planted if needle in text.encode("utf-8")]
    return found
