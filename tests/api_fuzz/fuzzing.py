"""Schemathesis against a service's own OpenAPI document, in process.

Each operation is fuzzed without state (positive data, then negative data), and the
links schemathesis infers between operations are walked as a state machine. Every
response must pass the checks below; failures of every operation are gathered and
reported together, each with a curl command that replays it.

Schemathesis's pytest plugin is not used: its lazy (fixture-built) schema reads
``request.node._nodeid``, which pytest 9 no longer has. The documented building blocks
(``APIOperation.as_strategy``, ``Case.call``/``validate_response``, ``as_state_machine``)
are driven by Hypothesis directly, with a fixed seed, a fixed number of examples and no
example database, so a CI run is reproducible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import schemathesis
from hypothesis import HealthCheck
from hypothesis import strategies as st
from hypothesis.errors import FlakyStrategyDefinition
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

SEED = 20250915
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
NEGATIVE_CHECKS = [*CHECKS, negative_data_rejection]
# What negative_data_rejection counts as "rejected": its defaults plus 413. A body past
# the size limit is refused before it is read, so it never reaches validation; that is
# a rejection all the same, not schema-violating data accepted.
REJECTED = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428",
            "429", "5xx"]
INPUTS = ("parameters", "requestBody", "security")  # what negative data can break
Pool = Mapping[str, Sequence[str]]  # parameter or body field name -> ids of real records


@dataclass
class FuzzReport:
    """What a run sent and got back, and what failed."""

    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    stopped_early: bool = False  # a stateful walk's replay drew differently (see walk_links)

    def answered(self, label: str, status: int) -> None:
        self.statuses[(label, status)] += 1

    def failed(self, what: str, error: BaseException) -> None:
        self.failures.append(f"=== {what}\n{str(error)[:4000]}")

    def succeeded(self, method: str) -> set[str]:
        """Operations of ``method`` that answered 2xx at least once."""
        return {label for (label, status) in self.statuses
                if label.startswith(method) and 200 <= status < 300}

    def summary(self) -> str:
        calls = sum(self.statuses.values())
        by_class = Counter(f"{status // 100}xx" for (_, status) in self.statuses.elements())
        return (f"{calls} requests over {len({label for label, _ in self.statuses})} "
                f"operations: {dict(sorted(by_class.items()))}; {len(self.failures)} failures"
                + ("; stopped early (a replay drew differently)" if self.stopped_early else ""))


def load_schema(app: Any, bearer: str,
                operations: Sequence[Mapping[str, Any]] = ()) -> schemathesis.BaseSchema:
    """The app's OpenAPI document, served by the app itself, with ``bearer`` as its auth;
    ``operations``: schemathesis's per-operation settings (``include-path`` and others)."""
    config = schemathesis.Config.from_dict({
        "seed": SEED,
        "checks": {"negative_data_rejection": {"expected-statuses": REJECTED}},
        "phases": {"stateful": {"generation": {"mode": "positive"}}},
        "auth": {"openapi": {"HTTPBearer": {"bearer": bearer}}},
        "operations": [dict(operation) for operation in operations],
    })
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


def assert_valid_openapi_31(app: Any) -> dict[str, Any]:
    """The document against the OpenAPI 3.1 meta-schema (schemathesis ships it), and each
    of its component schemas against JSON Schema 2020-12, OpenAPI 3.1's dialect."""
    schema = load_schema(app, bearer="unused")
    schema.validate()
    document: dict[str, Any] = schema.raw_schema
    assert document["openapi"].startswith("3.1."), document["openapi"]
    for name, component in document.get("components", {}).get("schemas", {}).items():
        try:
            Draft202012Validator.check_schema(component)
        except SchemaError as error:
            raise AssertionError(f"components.schemas.{name}: {error.message}") from error
    return document


def settings(max_examples: int, **more: Any) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=max_examples, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                               HealthCheck.data_too_large],
        print_blob=False, **more,
    )


def fuzz_operations(schema: schemathesis.BaseSchema, *, bearers: Sequence[str], pool: Pool,
                    max_examples: int, prefer_real: bool = False) -> FuzzReport:
    """Every operation with positive data, then with negative data where it has any.

    A positive case keeps its generated value of a pooled name or takes a real one: by
    default either as often; with ``prefer_real`` it keeps it once in ``len(values) + 1``
    draws (for commands that succeed only on a few records in some state).
    """
    report = FuzzReport()
    ids = {name: st.sampled_from([*values, None]) if prefer_real
           else st.one_of(st.none(), st.sampled_from(list(values)))
           for name, values in pool.items() if values}
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):  # an operation schemathesis cannot read
            report.failed("OpenAPI document", result.err())
            continue
        operation = result.ok()
        _fuzz(operation, GenerationMode.POSITIVE, bearers, ids, max_examples, report)
        if any(operation.definition.raw.get(key) for key in INPUTS):
            _fuzz(operation, GenerationMode.NEGATIVE, bearers, ids, max_examples, report)
    return report


def _fuzz(operation: Any, mode: GenerationMode, bearers: Sequence[str],
          ids: Mapping[str, st.SearchStrategy[str | None]], max_examples: int,
          report: FuzzReport) -> None:
    checks = NEGATIVE_CHECKS if mode is GenerationMode.NEGATIVE else CHECKS
    # Positive cases act as a drawn agency on drawn real records; negative ones are left
    # exactly as generated, so the component they break is the one that is sent.
    choices = st.fixed_dictionaries({
        "bearer": st.sampled_from(list(bearers)),
        "ids": st.fixed_dictionaries(dict(ids)),
    })

    @settings(max_examples)
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode), drawn=choices)
    def run(case: Any, drawn: dict[str, Any]) -> None:
        if mode is GenerationMode.POSITIVE:
            _act_on_real_records(case, drawn["bearer"], drawn["ids"])
        response = case.call()
        report.answered(operation.label, response.status_code)
        case.validate_response(response, checks=checks)

    try:
        run()
    except (Exception, BaseExceptionGroup) as error:  # schemathesis's FailureGroup
        report.failed(f"{operation.label} ({mode.value} data)", error)


def _act_on_real_records(case: Any, bearer: str, ids: Mapping[str, str | None]) -> None:
    if "Authorization" in case.headers:
        case.headers["Authorization"] = f"Bearer {bearer}"
    for name, chosen in ids.items():
        if chosen is None:
            continue
        if name in (case.path_parameters or {}):
            case.path_parameters[name] = chosen
        if isinstance(case.body, dict) and name in case.body:
            case.body[name] = chosen


def walk_links(schema: schemathesis.BaseSchema, *, max_examples: int,
               steps: int) -> FuzzReport:
    """Stateful: chains of calls along the links schemathesis infers (create, then use)."""
    report = FuzzReport()
    machine: type[Any] = schema.as_state_machine()

    class Workflow(machine):  # type: ignore[misc]
        def validate_response(self, response: Any, case: Any, additional_checks: Any = None,
                              **kwargs: Any) -> None:
            report.answered(case.operation.label, response.status_code)
            try:
                case.validate_response(response, checks=CHECKS,
                                       transport_kwargs=kwargs or None, recorder=self.recorder)
            except (Exception, BaseExceptionGroup) as error:
                # Recorded when found: a replay of this walk may not meet it again.
                report.failed(f"stateful {case.operation.label}", error)
                raise

    try:
        Workflow.run(settings=settings(max_examples, stateful_step_count=steps))
    except FlakyStrategyDefinition:
        # The walk runs against one live service whose records grow from example to
        # example, so a replayed example can meet other answers and draw other steps:
        # hypothesis then stops with "inconsistent data generation". That says nothing
        # about the API; every failed check was recorded above when it happened.
        report.stopped_early = True
    except (Exception, BaseExceptionGroup) as error:
        report.failed("stateful workflow", error)
    return report


def assert_clean(report: FuzzReport, label: str, seen: Callable[[FuzzReport], None]) -> None:
    """Print what the run did; fail with every failure it found; then check its reach."""
    print(f"{label}: {report.summary()}")
    assert not report.failures, "\n\n".join(report.failures)
    seen(report)
