"""Business calendars, business-time arithmetic and SLA clocks for IT service
management.

The rules are computed by a Rust core shared with the other language bindings,
so results are the same everywhere.

Example::

    from datetime import datetime, timedelta, timezone
    import itsm

    calendar = itsm.Calendar.from_dict({
        "time_zone": "Europe/Berlin",
        "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]},
    })
    due = calendar.add_business(
        datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc), timedelta(hours=8)
    )
    # datetime(2026, 11, 23, 16, 0, tzinfo=timezone.utc): Monday 17:00 in Berlin

SLA clocks: a :class:`PolicySet` evaluates a record's :class:`Timeline` at an
instant and returns Python data (:class:`Evaluation`), its instants aware
datetimes and its durations timedeltas::

    policies = itsm.PolicySet.template("itil_incident")
    evaluation = policies.evaluate(
        {"id": "INC-1", "created_at": "2026-11-23T09:00:00Z",
         "fields": {"state": "new", "priority": "P2"}},
        datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc),
    )

Workflows: a :class:`Workflow` (built in, or read from a document) answers
whether a record may make a move, with every reason against it, and which
moves are open to an actor now::

    incident = itsm.Workflow.builtin("incident")
    verdict = incident.validate(
        {"state": "in_progress", "assignment_group": "network"},
        "resolve",
        {"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}},
    )
    # verdict["allowed"] is False; verdict["reasons"] name resolution_code
    # and resolution_notes

Datetimes must be aware (any tzinfo: ``timezone.utc``, ``zoneinfo.ZoneInfo``...);
results are aware datetimes in UTC, in SLA and availability results too, whose
millisecond durations (``elapsed_ms``...) are ``timedelta``; ``evaluate_json``
and ``to_json()`` give the canonical JSON text. Everything is computed in whole
milliseconds: sub-millisecond parts of inputs are truncated.

Records: a :class:`Desk` judges commands against a :class:`Record` (an
incident, problem, request, change or task, the fold of its events) and
answers the events to store, the next record, follow-up commands and when to
wake; the host stores them (``examples/python_host/`` does it in SQLite)::

    desk = itsm.Desk()
    context = {"actor": {"id": "ann", "roles": ["agent"]},
               "now": datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)}
    outcome = desk.execute(None, {"type": "create", "id": "INC-1", "kind": "incident"}, context)
    record = itsm.Record.from_dict(outcome["record"])
    # record.state == "new"; a refused command raises CommandRefusedError with
    # every reason, a stale expected_version VersionConflictError

Metrics: :class:`Metrics` (how to count: by creation or resolution, the
denominator, wall-clock or business time) reports a period's figures over the
facts of records, such as a pandas export's ``to_dict("records")``: MTTA,
MTTR, SLA compliance, reopen rate, backlog ageing, change success rates and
score, MTBF per item, each ``{"numerator", "denominator", "value"}``::

    metrics = itsm.Metrics.from_dict({"denominator": "closed_and_breached"})
    report = metrics.report(
        [{"id": "INC-1", "kind": "incident", "created_at": "2026-11-02T09:00:00Z",
          "resolved_at": "2026-11-02T13:00:00Z", "closed_at": "2026-11-03T09:00:00Z"}],
        {"month": "2026-11"},
        datetime(2026, 12, 1, tzinfo=timezone.utc),
    )
    # report["mttr_ms"] == {"numerator": 14400000, "denominator": 1, "value": 14400000.0}

The result types (:class:`Evaluation`, :class:`AvailabilityReport`,
:class:`Verdict`...) and the workflow :class:`Context` are
``TypedDict`` definitions generated from the core's JSON Schemas into
:mod:`itsm.documents`, with every document's shape. ``itsm`` re-exports them
for type checkers only: import them from ``itsm`` under
``typing.TYPE_CHECKING``, or from ``itsm.documents`` anywhere.
"""

from typing import TYPE_CHECKING

from ._itsm import (
    SLA_TEMPLATES,
    Availability,
    Calendar,
    ChangeWindows,
    CommandRefusedError,
    Desk,
    InvalidArgumentError,
    InvalidConfigError,
    InvalidInputError,
    ItsmError,
    Metrics,
    NoWorkingTimeError,
    OutOfRangeError,
    PolicySet,
    PriorityMatrix,
    Record,
    RiskPolicy,
    Schedule,
    ServiceGraph,
    Timeline,
    VersionConflictError,
    Workflow,
    __version__,
    automation_template,
    automation_template_names,
    read_event,
    read_event_json,
    sla_template,
    tz_version,
    waiting_for_customer,
)
from ._tables import evaluate_frame, table_summary

if TYPE_CHECKING:
    # Result types and the workflow context, for type checkers only (see the
    # module docstring). A document whose title is also a class's name
    # (Timeline, PolicySet, Availability, RiskPolicy, Metrics) is not among
    # them: ``itsm.Metrics`` is the class, its document ``itsm.documents.Metrics``.
    from .documents import (
        AvailabilityReport as AvailabilityReport,
        AvailableTransition as AvailableTransition,
        BatchItem as BatchItem,
        BatchItemError as BatchItemError,
        BatchItemEvaluation as BatchItemEvaluation,
        Command as Command,
        Context as Context,
        CycleResult as CycleResult,
        DeskDocument as DeskDocument,
        ErrorDocument as ErrorDocument,
        Evaluation as Evaluation,
        EvaluationWarning as EvaluationWarning,
        Finding as Finding,
        GraphChange as GraphChange,
        GraphDocument as GraphDocument,
        Impact as Impact,
        ImpactQuery as ImpactQuery,
        MetricRecord as MetricRecord,
        MetricResult as MetricResult,
        MetricsReport as MetricsReport,
        ChangeConflict as ChangeConflict,
        Outcome as Outcome,
        PlannedChange as PlannedChange,
        Slot as Slot,
        SlotQuery as SlotQuery,
        WindowConflict as WindowConflict,
        PriorityAnswer as PriorityAnswer,
        Reason as Reason,
        RiskAssessment as RiskAssessment,
        RiskInput as RiskInput,
        RecordDocument as RecordDocument,
        RecordEvent as RecordEvent,
        Rule as Rule,
        Segment as Segment,
        TableOptions as TableOptions,
        TableResult as TableResult,
        TableRow as TableRow,
        TableSummary as TableSummary,
        TicketRow as TicketRow,
        EventRow as EventRow,
        SnapshotRow as SnapshotRow,
        ThresholdResult as ThresholdResult,
        Verdict as Verdict,
        Wakeup as Wakeup,
        WorkflowDocument as WorkflowDocument,
    )

    # The names the batch items had before they were generated.
    from typing import TypeAlias

    BatchEvaluation: TypeAlias = BatchItemEvaluation
    BatchFailure: TypeAlias = BatchItemError

__all__ = [
    "SLA_TEMPLATES",
    "Availability",
    "Calendar",
    "PolicySet",
    "PriorityMatrix",
    "ServiceGraph",
    "RiskPolicy",
    "ChangeWindows",
    "Schedule",
    "Metrics",
    "Timeline",
    "Workflow",
    "Record",
    "Desk",
    "read_event",
    "read_event_json",
    "automation_template",
    "automation_template_names",
    "sla_template",
    "waiting_for_customer",
    "evaluate_frame",
    "table_summary",
    "InvalidArgumentError",
    "InvalidConfigError",
    "InvalidInputError",
    "ItsmError",
    "NoWorkingTimeError",
    "OutOfRangeError",
    "VersionConflictError",
    "CommandRefusedError",
    "__version__",
    "tz_version",
]
