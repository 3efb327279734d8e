"""The places and units a supervision visits (communes, departments, associations, schools,
enterprises…).

There is no directory of the province's units yet: a unit is a name, checked and made
comparable here and nowhere else. ``checked_units`` is the one door every unit comes in
by, so a versioned directory (when the kernel has one) is plugged in here: it would
refuse an unknown name and return the directory's own spelling.
"""

from __future__ import annotations

from collections.abc import Iterable

from kernel.text import identifier_key
from oversight.domain.errors import InvalidCommandError

MAX_UNITS = 200  # a town's year visited 26 units; a programme item lists far fewer


def checked_units(names: Iterable[str], what: str = "units") -> tuple[str, ...]:
    """The units named, each once (the same name in any case or spacing is one unit), in
    the order given; at least one."""
    seen: dict[str, str] = {}
    for name in names:
        cleaned = " ".join(name.split())
        if cleaned:
            seen.setdefault(unit_key(cleaned), cleaned)
    if not seen:
        raise InvalidCommandError(f"name at least one of the {what}")
    if len(seen) > MAX_UNITS:
        raise InvalidCommandError(f"at most {MAX_UNITS} {what}")
    return tuple(seen.values())


def unit_key(name: str) -> str:
    """What two names of one unit are compared by."""
    return identifier_key(name)
