"""phoihop's pure core, shared by every service's domain.

What it holds (each module says more): ``rulebook`` (legal deadlines and thresholds as
data, the working-day calendar, the one date-shifting function and ``Deadline``),
``clock`` (the injectable ``Clock`` and the Vietnamese calendar day), ``actor`` (who acts,
and how an actor is written into events) and ``errors`` (the plain bases of every domain
error; the chassis's web layer turns them into problem documents).

It imports no web framework, no messaging and no database (``tests/test_layering.py``):
a domain depends on it, on ``contracts`` and on ``eventsourcing``, and on nothing else.
"""
