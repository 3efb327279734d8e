"""Audit by replay (decision 7): ``phoihop audit --service <name>``.

One pass over a service's notification log rebuilds every aggregate (checking that each
one's versions follow without gaps), extends a hash chain over the stored rows and checks
it against the seals of earlier audits, re-derives the service's read model and compares
it with what the service would hold, and checks that every event the relay recorded as
published is in the JetStream stream.
"""

from chassis.audit.replay import Replay, replay
from chassis.audit.report import AuditReport
from chassis.audit.spec import AuditSpec, ReadModelCheck

__all__ = ["AuditReport", "AuditSpec", "ReadModelCheck", "Replay", "replay"]
