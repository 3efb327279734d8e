"""Reading an application's notification log a page at a time: one loop for every reader
(read models, the audit, dead letters)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from eventsourcing.persistence import ApplicationRecorder, Notification

# The one page size of every reader of a notification log: a read of 500 rows costs about
# 8 ms on SQLite, short enough for a query waiting behind it.
BATCH = 500


def pages_after(recorder: ApplicationRecorder, start: int, limit: int,
                topics: Sequence[str] = ()) -> Iterator[Sequence[Notification]]:
    """The notifications after id ``start`` (of ``topics`` if given), ``limit`` at a time,
    oldest first, until a page comes back short. A reader that stops early loses nothing:
    it resumes by asking again after the last id it applied."""
    while True:
        page = recorder.select_notifications(start=start, limit=limit, topics=topics,
                                             inclusive_of_start=False)
        if page:
            yield page
        if len(page) < limit:
            return
        start = page[-1].id
