"""Type stubs of the extension module ``itsm._itsm`` (re-exported by ``itsm``).

Conventions shared by every method:

- Datetime arguments must be aware ``datetime.datetime`` objects, with any
  ``tzinfo`` (``timezone.utc``, ``zoneinfo.ZoneInfo``, fixed offsets...). A naive
  datetime raises :class:`InvalidArgumentError`; anything that is not a datetime
  raises ``TypeError``.
- Returned datetimes are aware, with ``tzinfo=timezone.utc``.
- Everything is computed in whole milliseconds: sub-millisecond parts of
  datetimes and timedeltas are truncated.
- Instants must lie in 1900-01-01 to 2300-01-01 UTC, otherwise
  :class:`OutOfRangeError`.
- Documents (calendars, policy sets, timelines, availability inputs, periods,
  batch records, priority matrices, workflows, metrics and the records they
  read) are given as Python data (dicts or other mappings with str
  keys, lists, tuples, str, int, float, bool, None) or as JSON text. Inside
  the data, aware datetimes (any ``tzinfo``, pandas ``Timestamp`` too) stand
  for instants, ``date`` for local dates, ``timedelta`` for ISO 8601
  durations (``timedelta(hours=1, minutes=30)`` is ``"PT1H30M"``), numpy
  scalars for plain values, and NaN, ``pd.NA`` and ``pd.NaT`` for ``None``. A
  naive datetime or a negative timedelta is an error naming its path
  (``events[0].at: naive datetime; ...``). A malformed
  configuration document raises :class:`InvalidConfigError`, a malformed
  timeline or record :class:`InvalidInputError`; the message starts with
  the path of the bad field, such as
  ``policies[0].metrics[0].goal.business: ...``.
- SLA and availability results, and documents' ``to_dict()``, are Python data
  in the shapes of the core's JSON forms, under the same keys: instants are
  aware datetimes in UTC (``datetime(2026, 11, 23, 16, 0,
  tzinfo=timezone.utc)``), the durations of results (``*_ms``,
  ``paused_by_reason``) ``timedelta``, percentages floats, everything else
  as in JSON. The figures of a metrics report are numerators over
  denominators, so their milliseconds (``mttr_ms``...) stay ints; its ages
  and times up and down are ``timedelta``. The canonical JSON text, the same bytes in every language
  binding, comes from ``evaluate_json`` and ``to_json()`` (instants
  ``"2026-11-23T16:00:00.000Z"``, durations integer milliseconds). The shapes
  are the ``TypedDict`` types of :mod:`itsm.documents` (:class:`Evaluation`,
  :class:`AvailabilityReport`...), generated from the core's JSON Schemas
  (``schemas/``); ``itsm`` re-exports the result types for type checkers.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar, Protocol, final

import pyarrow  # type: ignore[import-untyped]

from itsm.documents import (
    AvailabilityReport,
    AvailableTransition,
    BatchItem,
    Category,
    ChangeConflict,
    ChangeWindows as ChangeWindowsDocument,
    Child,
    Command,
    Comment,
    Context,
    DeskDocument,
    ErrorDocument,
    Evaluation,
    Finding,
    GraphChange,
    GraphDocument,
    Impact,
    ImpactQuery,
    Link,
    PlannedChange,
    MajorIncident,
    MetricRecord,
    Metrics as MetricsDocument,
    MetricsReport,
    Outcome,
    PriorityAnswer,
    Reason,
    RecordDocument,
    RecordEvent,
    Reopened,
    RiskAssessment,
    RiskInput,
    RiskPolicy as RiskPolicyDocument,
    Round,
    Rule,
    Scalar,
    ScheduleDocument,
    Slot,
    SlotQuery,
    EventRow,
    SnapshotRow,
    TableOptions,
    TableResult,
    TicketRow,
    Verdict,
    Wakeup,
    WindowConflict,
    WorkflowDocument,
    WorkingDayMode,
)

class _ArrowStreamExportable(Protocol):
    """An Arrow stream producer (PyCapsule interface): a pyarrow Table or
    RecordBatchReader, a polars or pandas DataFrame, a DuckDB result."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

class _ArrowArrayExportable(Protocol):
    """An Arrow array producer (PyCapsule interface): a pyarrow Array, a
    polars Series."""

    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...

_ArrowColumn = _ArrowArrayExportable | _ArrowStreamExportable
"""A column: an Arrow array, or a stream of arrays (a chunked array)."""

__all__ = [
    "Calendar",
    "Timeline",
    "PolicySet",
    "Availability",
    "PriorityMatrix",
    "ServiceGraph",
    "RiskPolicy",
    "ChangeWindows",
    "Schedule",
    "Metrics",
    "Workflow",
    "Record",
    "Desk",
    "read_event",
    "read_event_json",
    "automation_template",
    "automation_template_names",
    "sla_template",
    "waiting_for_customer",
    "SLA_TEMPLATES",
    "tz_version",
    "ItsmError",
    "InvalidConfigError",
    "InvalidInputError",
    "InvalidArgumentError",
    "NoWorkingTimeError",
    "OutOfRangeError",
    "VersionConflictError",
    "CommandRefusedError",
    "__version__",
]

__version__: str
"""The version of the package."""

def tz_version() -> str:
    """The version of the IANA time zone database embedded in this build, such as ``"2025b"``."""

class ItsmError(Exception):
    """Base class of every error raised by itsm.

    ``str(err)`` is the core's message, ``err.code`` its stable,
    machine-readable code and ``err.document`` the core's error document (the
    same in every language binding).
    """

    code: str
    """``"invalid_config"``, ``"invalid_input"``, ``"invalid_argument"``,
    ``"no_working_time"``, ``"out_of_range"``, ``"version_conflict"`` or
    ``"command_refused"``."""
    document: ErrorDocument
    """The error as the core's document: ``{"code", "message", "path"?,
    "details"?}``, as a batch item's ``"error"`` holds it."""

class InvalidConfigError(ItsmError, ValueError):
    """A configuration document (calendar, policy set, availability input,
    period) is malformed (code ``"invalid_config"``).

    The message starts with the path of the bad field, such as
    ``week.tue[1]: end 08:00 is before start 14:00``; ``(document)`` stands
    for the document itself.
    """

    code: str

class InvalidInputError(ItsmError, ValueError):
    """An input document (a record's timeline, a record's fields given to a
    :class:`Workflow`) is malformed: bad data rather than bad configuration
    (code ``"invalid_input"``).

    The message starts with the path of the bad field, such as
    ``created_at: expected an RFC 3339 instant with an offset, found "yesterday"``,
    ``events[1].at: ... events must be in time order`` or
    ``state: the record has no state``.
    """

    code: str

class InvalidArgumentError(ItsmError, ValueError):
    """An argument is unacceptable (code ``"invalid_argument"``): a naive datetime,
    a negative duration, an end before its start, an unknown mode, template or
    built-in workflow, an evaluation instant before the record was created, a
    workflow request that is neither a transition nor a state, a workflow
    context that lacks what a guard reads (``context.actor``, ``context.now``,
    ``context.predicates``) or is malformed."""

    code: str

class NoWorkingTimeError(ItsmError):
    """The calendar has no working time within the search horizon of 10 years,
    so a due date or an opening cannot be found (code ``"no_working_time"``)."""

    code: str

class OutOfRangeError(ItsmError, ValueError):
    """An instant (an argument or a result) lies outside the supported range,
    1900-01-01 to 2300-01-01 UTC (code ``"out_of_range"``)."""

    code: str

class VersionConflictError(ItsmError):
    """A command (its ``expected_version``) or a list of events was written
    against a version of the record that is no longer its version: another
    writer came first (code ``"version_conflict"``). Reload the record and
    try again. ``document["details"]`` holds ``expected`` and ``actual`` too.

    Example::

        try:
            desk.execute(record, {"type": "comment", "text": "x", "expected_version": 1}, context)
        except VersionConflictError as conflict:
            conflict.expected, conflict.actual  # (1, 3)
    """

    code: str
    expected: int
    """The version the writer read."""
    actual: int
    """The record's version."""

class CommandRefusedError(ItsmError):
    """The record's workflow or the desk's rules refuse a command; the record
    is unchanged (code ``"command_refused"``). ``str(err)`` joins every
    reason's message; ``document["details"]`` holds ``command``, ``reasons``
    and, when there is one, ``instead`` too.

    Example::

        try:
            desk.execute(record, {"type": "transition", "transition": "resolve"}, context)
        except CommandRefusedError as refused:
            [r["code"] for r in refused.reasons]  # ["field_required", "field_required"]
    """

    code: str
    command: str
    """The refused command's type (``"transition"``, ``"approve"``)."""
    reasons: list[Reason]
    """Every reason, in the order the rules were judged."""
    instead: Command | None
    """The command to give instead, when there is one (a new incident
    following a closed one that may no longer reopen); else ``None``."""

@final
class Calendar:
    """A business calendar, validated and ready for queries.

    Built from a calendar document (``docs/calendar-format.md``). Immutable,
    cheap to share between threads; equal when built from the same document.
    Unhashable, like ``dict``. Picklable.

    Example::

        calendar = Calendar.from_dict({
            "time_zone": "Europe/Berlin",
            "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]},
            "holidays": [{"date": "2026-12-22"}],
        })
    """

    @staticmethod
    def from_dict(document: Mapping[str, Any]) -> Calendar:
        """Reads a calendar document given as Python data.

        The document may contain dicts (or other mappings) with str keys, lists,
        tuples, str, int, float, bool and None.

        Raises:
            InvalidConfigError: the document is malformed or holds a value of
                another type; the message names the path of the bad field.
        """

    @staticmethod
    def from_json(text: str) -> Calendar:
        """Reads a calendar document from JSON text.

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    @staticmethod
    def twenty_four_seven() -> Calendar:
        """Always open, in UTC: the calendar of wall-clock durations."""

    def to_dict(self) -> dict[str, Any]:
        """The calendar document as Python data; :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The calendar document as compact JSON text; :meth:`from_json` reads it back."""

    @property
    def time_zone(self) -> str:
        """The IANA name of the zone whose local dates are the calendar's days."""

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __eq__(self, other: object, /) -> bool:
        """Whether both calendars were built from the same document."""

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def business_duration(self, start: datetime, end: datetime) -> timedelta:
        """Business time between two instants: the working time in ``[start, end)``.

        Raises:
            InvalidArgumentError: ``end`` is before ``start``.
            OutOfRangeError: an instant is outside the supported range.
        """

    def add_business(self, start: datetime, duration: timedelta) -> datetime:
        """The due date: the earliest instant at which ``duration`` of business time
        has elapsed since ``start``.

        8 hours from Monday 09:00 on a 09:00-17:00 calendar is Monday 17:00, not
        Tuesday 09:00. A zero duration gives ``start``.

        Raises:
            InvalidArgumentError: ``duration`` is negative.
            NoWorkingTimeError: no working time within 10 years.
            OutOfRangeError: the result would be past 2300.
        """

    def subtract_business(self, end: datetime, duration: timedelta) -> datetime:
        """The latest instant from which ``duration`` of business time runs until
        ``end``: "one hour before the deadline".

        1 hour before Monday 10:00 on a 09:00-17:00 calendar is Monday 09:00. A
        zero duration gives ``end``.

        Raises:
            InvalidArgumentError: ``duration`` is negative.
            NoWorkingTimeError: no working time within 10 years before ``end``.
            OutOfRangeError: the result would be before 1900.
        """

    def business_duration_array(
        self, start: _ArrowColumn, end: _ArrowColumn
    ) -> pyarrow.Array:
        """:meth:`business_duration` for every row of two timestamp columns
        with a time zone (pyarrow arrays or chunked arrays, polars Series): a
        ``pyarrow`` duration array in milliseconds, null where either is null.

        Raises:
            TypeError: an argument is not an Arrow array.
            InvalidInputError: a column is not timestamps with a time zone, the
                lengths differ, or a row's ``end`` is before its ``start``
                (named ``[row]``).
        """

    def add_business_array(
        self, start: _ArrowColumn, duration: _ArrowColumn
    ) -> pyarrow.Array:
        """:meth:`add_business` for every row: ``start[i]`` moved by
        ``duration[i]`` of business time, a ``pyarrow`` UTC timestamp array.
        Durations are a duration array (any unit) or integer milliseconds.

        Raises:
            TypeError: an argument is not an Arrow array.
            InvalidInputError: as :meth:`business_duration_array`; a negative
                duration names its row.
        """

    def add_working_days(
        self,
        start: datetime,
        days: int,
        mode: WorkingDayMode = "keep_time_of_day",
    ) -> datetime:
        """Adds ``days`` working days (negative: goes back).

        A working day is a local date of the calendar's zone with any working
        time; days count from the start's local date, so one working day after
        a Friday or a Saturday is the Monday. With ``"keep_time_of_day"`` the
        result keeps the start's local wall time; with ``"end_of_day"`` it is that
        day's closing instant, and zero days means the first closing at or after
        ``start``.

        Raises:
            InvalidArgumentError: ``mode`` is not one of the two names.
            NoWorkingTimeError: no working time within 10 years.
            OutOfRangeError: the result would be outside the supported range
                (whatever the size of ``days``, past 64 bits too).
            TypeError: ``days`` is not an int.
        """

    def is_working(self, at: datetime) -> bool:
        """Whether ``at`` is working time (windows are half-open: 17:00 on a
        09:00-17:00 calendar is not).

        Raises:
            OutOfRangeError: ``at`` is outside the supported range.
        """

    def next_opening(self, at: datetime) -> datetime:
        """The first working instant at or after ``at``: ``at`` itself when the
        calendar is working then, otherwise the next opening.

        Raises:
            NoWorkingTimeError: no working time within 10 years.
            OutOfRangeError: an instant is outside the supported range.
        """

    def next_closing(self, at: datetime) -> datetime | None:
        """When the working time that contains ``at`` ends, or, when the calendar
        is not working then, when the next working time ends.

        The closing instant itself is not working time: at exactly 17:00 on a
        09:00-17:00 calendar the answer is the next day's 17:00. ``None`` when the
        calendar works without a break for 10 years (a 24x7 calendar never
        closes).

        Raises:
            NoWorkingTimeError: no working time within 10 years.
            OutOfRangeError: an instant is outside the supported range.
        """

    def working_intervals(
        self, start: datetime, end: datetime
    ) -> list[tuple[datetime, datetime]]:
        """The working intervals within ``[start, end)``, clipped to it, in order,
        as half-open ``(start, end)`` pairs.

        Raises:
            InvalidArgumentError: ``end`` is before ``start``.
            OutOfRangeError: an instant is outside the supported range.
        """

# ---------------------------------------------------------------------------
# SLA clocks and availability

# The documents and results (Evaluation, AvailabilityReport, BatchItem,
# ErrorDocument, Finding...) are generated from the core's JSON Schemas into
# itsm/documents.py.

@final
class Timeline:
    """A record's history: its fields when created and every event since, in
    time order. The input of SLA evaluation (``docs/timeline-format.md``).

    Every method that takes a timeline also takes its document directly, as a
    dict or as JSON text; build a ``Timeline`` once to check a document early
    or to evaluate it against several policy sets. Immutable; equal when they
    hold the same history; unhashable, like ``dict``; picklable.

    Example::

        timeline = Timeline.from_dict({
            "id": "INC-42",
            "created_at": "2026-11-23T09:00:00Z",
            "fields": {"state": "new", "priority": "P2"},
            "events": [{"at": "2026-11-23T09:30:00Z", "type": "update",
                        "set": {"state": "in_progress"}}],
        })
    """

    @staticmethod
    def from_dict(document: Mapping[str, Any]) -> Timeline:
        """Reads a timeline document given as Python data.

        Raises:
            InvalidInputError: the document is malformed, such as events out of
                time order (``events[1].at: ... events must be in time order``);
                the message names the path of the bad field.
        """

    @staticmethod
    def from_json(text: str) -> Timeline:
        """Reads a timeline document from JSON text.

        Raises:
            InvalidInputError: the text is not JSON or the document is malformed.
        """

    def to_dict(self) -> dict[str, Any]:
        """The timeline document as Python data (instants as aware datetimes in
        UTC); :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The timeline document as compact JSON text; :meth:`from_json` reads it back."""

    @property
    def id(self) -> str:
        """The record's id."""

    @property
    def created_at(self) -> datetime:
        """When the record was created, as an aware datetime in UTC."""

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __eq__(self, other: object, /) -> bool:
        """Whether both timelines hold the same history."""

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

_TimelineLike = Timeline | Mapping[str, Any] | str

@final
class PolicySet:
    """SLA policies, the calendars their clocks count in, and the rules that
    choose among them (``docs/sla-format.md``).

    Immutable and safe to share between threads; the GIL is released while the
    core evaluates. Equal when their documents (:meth:`to_dict`) are equal;
    unhashable, like ``dict``; picklable.

    Example::

        policies = PolicySet.template("itil_incident")
        evaluation = policies.evaluate(
            {"id": "INC-1", "created_at": "2026-11-23T09:00:00Z",
             "fields": {"state": "new", "priority": "P3"}},
            datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc),
        )
        evaluation["metrics"][0]["cycles"][0]["deadline"]
    """

    @staticmethod
    def from_dict(document: Mapping[str, Any]) -> PolicySet:
        """Reads a policy set document given as Python data.

        Raises:
            InvalidConfigError: the document is malformed (unknown fields, bad
                conditions or goals, a metric naming an unknown calendar,
                duplicate ids); the message names the path of the bad field.
        """

    @staticmethod
    def from_json(text: str) -> PolicySet:
        """Reads a policy set document from JSON text.

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    @staticmethod
    def template(name: str) -> PolicySet:
        """The policy set of a built-in template (one of :data:`SLA_TEMPLATES`).

        Raises:
            InvalidArgumentError: no template has that name.
        """

    def to_dict(self) -> dict[str, Any]:
        """The policy set document as Python data, with every default spelled
        out; :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The policy set document as compact JSON text; :meth:`from_json` reads it back."""

    @property
    def policy_ids(self) -> list[str]:
        """The ids of the policies, in document order."""

    def lint(self) -> list[Finding]:
        """Configurations that load but are almost certainly not what was meant
        (a clock that never runs, one paused from its start, one cancelled where
        it should pause, an unknown state); empty when none."""

    def evaluate(
        self, timeline: _TimelineLike, now: datetime, *, explain: bool = True, strict: bool = False
    ) -> Evaluation:
        """Evaluates one record at ``now``: which policies apply, and every
        attached clock read at ``now``. ``explain=False`` leaves every cycle's
        ``explanation`` empty.

        ``timeline`` is a :class:`Timeline`, or its document as a dict or as
        JSON text. Events after ``now`` are ignored.

        Raises:
            TypeError: ``timeline`` is none of those, or ``now`` is not a datetime.
            InvalidInputError: the timeline document is malformed.
            InvalidArgumentError: ``now`` is naive or before the record was
                created; a negotiated date field holds no instant.
            OutOfRangeError: ``now`` is outside the supported range.
        """

    def evaluate_json(
        self, timeline: _TimelineLike, now: datetime, *, explain: bool = True, strict: bool = False
    ) -> str:
        """As :meth:`evaluate`, returning the core's canonical JSON text of the
        evaluation: compact, keys sorted, the same bytes in every language."""
    def evaluate_batch(
        self,
        timelines: Iterable[_TimelineLike],
        now: datetime,
        *,
        explain: bool = True,
        strict: bool = False,
    ) -> list[BatchItem]:
        """Evaluates many records at the same ``now``, in order.
        ``explain=False`` leaves every cycle's ``explanation`` empty, which
        makes large batches much cheaper.

        The documents are read into Rust data first, then the GIL is released
        for the whole batch; split very large batches across threads to use
        several cores. Each record gives the core's batch item, the same
        document in every language: ``{"index", "record", "evaluation"}``
        (:class:`~itsm.documents.BatchItemEvaluation`), or, for a record that
        fails (a malformed document, ``now`` before its creation), ``{"index",
        "record", "error"}`` (:class:`~itsm.documents.BatchItemError`) with
        the core's :class:`ErrorDocument`, instead of raising. Tell them apart
        with ``"error" in item`` (type checkers narrow on it).

        Raises:
            TypeError: ``timelines`` is a str, a mapping, a single timeline or a
                table (evaluate tables with :meth:`evaluate_table`), or
                an item is not a timeline, a dict or JSON text.
            InvalidArgumentError: ``now`` is naive.
            OutOfRangeError: ``now`` is outside the supported range.
        """

    def evaluate_table(
        self,
        table: _ArrowStreamExportable,
        now: datetime,
        *,
        options: TableOptions | Mapping[str, Any] | None = None,
        threads: int = 1,
    ) -> pyarrow.Table:
        """Evaluates a whole table at ``now``: a ``pyarrow.Table`` with one row
        per ticket and clock.

        ``table`` is any Arrow stream producer: a pyarrow ``Table`` or
        ``RecordBatchReader``, a polars ``DataFrame``, a DuckDB result, a pandas
        ``DataFrame`` (through pyarrow). ``options`` (:class:`TableOptions`)
        names the shape, ``"tickets"`` (one row per ticket: ``id``, ``opened``,
        ``resolved``, ``pauses`` as a list of ``{start, end}``, and any column
        named like a field the set reads, see :meth:`fields_read`) or
        ``"events"`` (one row per change: ``id``, ``at``, ``field``, ``value``,
        optional ``type``, ``created`` and ``order``) or ``"snapshots"`` (one
        row per update carrying every current value: ``id``, ``at``, optional
        ``created`` and ``order``, and a column per field, diffed row to row),
        and every column's name. A real export is read in the policy's terms:
        ``field_names`` renames source fields, ``values`` maps source values
        (``{"priority": {"3 - Moderate": "P3"}}``, or one value setting
        several fields), ``null_marker`` reads a text as null, ``order`` orders
        a ticket's rows (``sys_mod_count``), ``out_of_order`` refuses, clamps
        or drops a row that goes back in time, and ``strict=False`` keeps and
        counts unmapped values instead of refusing them; the summary counts
        what was clamped, dropped or kept unmapped. Timestamps must carry a
        time zone.

        The result's columns: ``row``, ``record``, ``policy``, ``metric``,
        ``cycle``, ``status``, ``started_at``, ``stopped_at``, ``elapsed``,
        ``elapsed_wall``, ``paused``, ``goal``, ``remaining``,
        ``remaining_wall`` (durations), ``percent``, ``deadline``,
        ``original_deadline``, ``breached_at`` (UTC timestamps), ``overrun``,
        ``breached``, ``ever_breached``, ``thresholds_crossed`` (a list of
        names), ``next_wakeup``, ``warnings``, and ``error_code``,
        ``error_message``, ``error_path`` for a ticket that could not be
        evaluated. A ticket without a clock has one row without a metric.
        :func:`itsm.table_summary` reads the summary it carries. The GIL is
        released; ``threads`` above 1 splits the tickets shape across that many
        threads (at most 256).

        Raises:
            TypeError: ``table`` is not an Arrow stream producer.
            InvalidInputError: a column is missing, of the wrong type, naive,
                or holds a bad cell; the message names the column and row
                (``opened[17]: a value is required``).
            InvalidArgumentError: ``options`` is malformed, ``threads`` is 0,
                ``now`` is naive.
        """

    def evaluate_rows(
        self,
        rows: Iterable[TicketRow | EventRow | SnapshotRow | Mapping[str, Any]],
        now: datetime,
        *,
        options: TableOptions | Mapping[str, Any] | None = None,
    ) -> TableResult:
        """Evaluates a table given as rows (:class:`TicketRow` dicts, or with
        ``options={"shape": "events"}`` or ``{"shape": "snapshots"}``
        :class:`EventRow` or :class:`SnapshotRow` dicts) at ``now``:
        ``{"rows": [...], "summary": {...}}`` (:class:`TableResult`), instants
        as aware datetimes and durations as timedeltas. The same answer as
        :meth:`evaluate_table` on the same tickets, for data that is not a
        table; tables are far faster through :meth:`evaluate_table`.

        Raises:
            InvalidInputError: a row is malformed (``rows[3].opened: ...``) or
                holds a bad cell (``pauses[3]: pause 0 ends before it starts``).
            InvalidArgumentError: ``options`` is malformed, ``now`` is naive.
        """

    def fields_read(self) -> list[str]:
        """The names of every field the set reads, ``state`` first: the
        attribute columns a table must have for the set to see them."""

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __eq__(self, other: object, /) -> bool:
        """Whether both policy sets have the same document."""

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Availability:
    """What a service's availability is measured against: service hours (a
    calendar document; 24x7 UTC by default), a target percentage, outages (an
    ``"end"`` of ``None`` is still going on) and agreed maintenance windows.

    Immutable; picklable.

    Example::

        service = Availability.from_dict({
            "target": 99.9,
            "outages": [{"start": "2026-11-03T10:00:00Z", "end": "2026-11-03T10:43:12Z"}],
        })
        service.report({"month": "2026-11"}, datetime(2026, 12, 1, tzinfo=timezone.utc))
    """

    @staticmethod
    def from_dict(document: Mapping[str, Any]) -> Availability:
        """Reads an availability document given as Python data.

        Raises:
            InvalidConfigError: the document is malformed; the message names the
                path of the bad field.
        """

    @staticmethod
    def from_json(text: str) -> Availability:
        """Reads an availability document from JSON text.

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    def to_dict(self) -> dict[str, Any]:
        """The document it was read from, as Python data, with the ``start``
        and ``end`` of its outages and maintenance windows as aware datetimes
        in UTC; :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The document it was read from, as compact JSON text."""

    def report(self, period: Mapping[str, Any], now: datetime) -> AvailabilityReport:
        """The availability report for ``period`` as of ``now``.

        ``period`` is ``{"month": "2026-11"}`` (a calendar month in the service
        hours' zone), ``{"rolling_days": 30}`` (the days of 24 hours ending at
        ``now``) or ``{"from": "...", "to": "..."}`` (RFC 3339 instants).

        Raises:
            InvalidConfigError: ``period`` is malformed.
            InvalidArgumentError: ``now`` is naive, or the period does not fit
                the supported range.
            OutOfRangeError: ``now`` is outside the supported range.
        """

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

SLA_TEMPLATES: tuple[str, ...]
"""The names of the built-in policy set templates: ``"itil_incident"`` (an SLA
per priority P1-P4 with response and resolution clocks, plus the
assignment-group OLA) and ``"assignment_group_ola"``."""

def sla_template(name: str) -> dict[str, Any]:
    """A built-in policy set document by name (one of :data:`SLA_TEMPLATES`), to
    load as it is or to change first (business hours, targets) and pass to
    :meth:`PolicySet.from_dict`.

    Raises:
        InvalidArgumentError: no template has that name.
    """

def waiting_for_customer() -> dict[str, Any]:
    """The pause condition "waiting for the customer": ``state`` ``on_hold`` with
    ``hold_reason`` ``awaiting_caller``, to use as a metric's ``"pause"``."""

# ---------------------------------------------------------------------------
# Priority

@final
class PriorityMatrix:
    """Impact x urgency to a priority, with ordered override rules (the first
    whose condition holds on the record's fields applies): ``raise`` moves the
    matrix's priority a number of steps towards the highest (negative: towards
    the lowest, bounded by the ends of ``priorities``), ``set`` gives one.

    The document is the shape of :class:`itsm.documents.PriorityMatrix`;
    :meth:`itil` is ITIL's 3 x 3 to P1-P5. Immutable and safe to share between
    threads; equal when built from the same document; unhashable, like
    ``dict``; picklable.

    Example::

        matrix = PriorityMatrix.itil()
        matrix.priority("medium", "high", {"vip": True})
        # {"priority": "P1", "matrix_priority": "P2",
        #  "override_applied": "overrides[0]", "override_name": "VIP caller"}
    """

    @staticmethod
    def from_dict(document: Mapping[str, Any]) -> PriorityMatrix:
        """Reads a priority matrix document given as Python data.

        Raises:
            InvalidConfigError: the document is malformed (a missing cell, an
                unknown priority, a value listed twice, an override with both or
                neither of ``raise`` and ``set``); the message names the path of
                the bad field, such as ``matrix.high: no priority for urgency "low"``.
        """

    @staticmethod
    def from_json(text: str) -> PriorityMatrix:
        """Reads a priority matrix document from JSON text.

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    @staticmethod
    def itil() -> PriorityMatrix:
        """ITIL's matrix: impact and urgency ``high``, ``medium``, ``low`` to
        ``P1`` (critical) to ``P5`` (planning), with one override, ``"VIP
        caller"``: a record whose ``vip`` field is true is raised one step."""

    def to_dict(self) -> dict[str, Any]:
        """The matrix document as Python data; :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The matrix document as compact JSON text; :meth:`from_json` reads it back."""

    @property
    def impacts(self) -> list[str]:
        """The impact values, the most severe first."""

    @property
    def urgencies(self) -> list[str]:
        """The urgency values, the most urgent first."""

    @property
    def priorities(self) -> list[str]:
        """The priority values, the highest first."""

    def priority(
        self, impact: str, urgency: str, fields: Mapping[str, Any] | None = None
    ) -> PriorityAnswer:
        """The priority of a record of this ``impact`` and ``urgency`` whose
        fields are ``fields`` (tested by the overrides; values as in a
        timeline's fields): ``{"priority", "matrix_priority",
        "override_applied", "override_name"}``, the last two ``None`` when no
        override applied.

        Raises:
            InvalidArgumentError: the matrix does not know ``impact`` or
                ``urgency``; the message names the argument.
            InvalidInputError: a value of ``fields`` is not JSON data; the
                message names its path (``fields.vip: ...``).
            TypeError: ``fields`` is not a mapping.
        """

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def lint(self) -> list[Finding]:
        """Rules that load but are almost certainly not what was meant, in
        order; empty when none. Codes: ``unused_priority`` (no cell, ``set``
        or ``raise`` ever gives the priority), ``unreachable_override`` (an
        earlier override always holds, or holds exactly when this one does)
        and ``override_changes_nothing`` (``raise: 0``).

        Example::

            PriorityMatrix.itil().lint()  # []
            PriorityMatrix.from_dict({
                "impacts": ["high"], "urgencies": ["high"], "priorities": ["P1", "P2"],
                "matrix": {"high": {"high": "P1"}},
            }).lint()
            # [{"path": "priorities[1]", "code": "unused_priority", "message": "..."}]
        """

    def __eq__(self, other: object, /) -> bool:
        """Whether both matrices have the same document."""

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

# ---------------------------------------------------------------------------
# Services

@final
class ServiceGraph:
    """Services, configuration items and redundancy groups joined by typed
    relations (``depends_on``, ``runs_on``, ``impacts``), and the impact of
    failed or degraded items on everything that depends on them.

    The document is the shape of :class:`itsm.documents.GraphDocument`;
    :meth:`apply` changes the graph one item, relation or group at a time
    (:class:`itsm.documents.GraphChange`). Impact flows from a failed item to
    what depends on it or runs on it, and along ``impacts`` relations; a
    redundancy group is down only when fewer than its minimum of members are
    up (a degraded member counts as up). Equal when the documents are;
    unhashable, like ``dict``; picklable.

    Example::

        graph = ServiceGraph({
            "items": [{"id": "payroll", "kind": "business_service"},
                      {"id": "db-1"}, {"id": "db-2"}],
            "groups": [{"id": "db", "members": ["db-1", "db-2"], "min_up": 1}],
            "relations": [{"from": "payroll", "kind": "depends_on", "to": "db"}],
        })
        impact = graph.impact({"failures": [{"item": "db-1"}]})
        [(a["id"], a["health"]) for a in impact["affected"]]
        # [("db-1", "down"), ("db", "degraded"), ("payroll", "degraded")]
    """

    def __new__(cls, document: GraphDocument | Mapping[str, Any] | None = None) -> ServiceGraph:
        """An empty graph, or the graph of ``document``.

        Raises:
            InvalidConfigError: as :meth:`from_dict`.
        """

    @staticmethod
    def from_dict(document: GraphDocument | Mapping[str, Any]) -> ServiceGraph:
        """Reads a graph document given as Python data.

        Raises:
            InvalidConfigError: a duplicate id, a relation or member naming an
                unknown node, the same relation twice, a group's bad minimum,
                or a relation that closes a cycle along which impact flows; the
                message names the path (``relations[2].to: unknown item or
                group "db-9"``) and the cycle (``a -> b -> a``).
        """

    @staticmethod
    def from_json(text: str) -> ServiceGraph:
        """Reads a graph document from JSON text.

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    def to_dict(self) -> GraphDocument:
        """The graph document as Python data; :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The graph document as compact JSON text; :meth:`from_json` reads it back."""

    def apply(self, change: GraphChange | Mapping[str, Any]) -> None:
        """Applies one change, or none of it: ``{"add_item": {...}}``,
        ``{"remove_item": "db-1"}``, ``{"add_relation": {...}}``,
        ``{"remove_relation": {...}}``, ``{"add_group": {...}}``,
        ``{"remove_group": "db"}``.

        Raises:
            InvalidInputError: the change is refused; the message names its
                field (``add_relation.to: unknown item or group "x"``,
                ``add_relation: closes a cycle along which impact flows: ...``).
        """

    def impact(self, query: ImpactQuery | Mapping[str, Any]) -> Impact:
        """Every node the query's failures bring down or degrade, within
        ``depth`` relations when given, nearest first, each with its cause
        and, for services, the path from a failed item; the services left
        operational; the counts.

        Raises:
            InvalidInputError: an unknown item or a group among the failures
                (``failures[0].item``), or a failure given as operational.
        """

    def __len__(self) -> int:
        """The number of items and groups."""

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __eq__(self, other: object, /) -> bool:
        """Whether both graphs have the same document."""

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

# ---------------------------------------------------------------------------
# Changes

@final
class RiskPolicy:
    """How risky a change is, and what its risk asks for: ordered
    first-match ``rules`` over the change's fields, a ``questionnaire``
    whose answers add up to a score in bands, and an impact x probability
    ``matrix``; every part that gives a level is reported and the highest of
    ``levels`` wins. Each level names its ``approvals``: the approval steps
    (as a ``request_approval`` command takes them) and whether the CAB
    reviews.

    The document is the shape of :class:`itsm.documents.RiskPolicy`.
    Immutable and safe to share between threads; equal when built from the
    same document; unhashable, like ``dict``; picklable.

    Example::

        policy = RiskPolicy.from_dict({
            "levels": ["low", "high"], "default": "low",
            "rules": [{"when": {"field_eq": {"field": "category", "value": "database"}}, "risk": "high"}],
            "approvals": {"low": {}, "high": {"steps": [{"mode": "all", "approvers": ["dba"]}], "cab": True}},
        })
        policy.assess({"fields": {"category": "database"}})["approval"]["cab"]  # True
    """

    @staticmethod
    def from_dict(document: RiskPolicyDocument | Mapping[str, Any]) -> RiskPolicy:
        """Reads a risk policy document given as Python data.

        Raises:
            InvalidConfigError: a level listed twice or unknown
                (``rules[1].risk: "extreme" is not one of the levels ...``), a
                level without approvals, bands out of order, a matrix cell
                missing; the message names the path.
        """

    @staticmethod
    def from_json(text: str) -> RiskPolicy:
        """Reads a risk policy document from JSON text.

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    def to_dict(self) -> RiskPolicyDocument:
        """The policy document as Python data; :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The policy document as compact JSON text; :meth:`from_json` reads it back."""

    def assess(self, change: RiskInput | Mapping[str, Any]) -> RiskAssessment:
        """The risk of a change given by its ``fields`` (tested by the rules),
        ``answers`` (question id to answer), and ``impact`` and
        ``probability``: the highest level, every source that gave one
        (``rule``, ``questionnaire`` with its ``score``, ``matrix``, or
        ``default`` alone), and the level's ``approval``.

        Raises:
            InvalidInputError: an unknown question, answer, impact or
                probability, an impact without a probability, a field value
                that is a list or a dict; the message names the field
                (``answers.tested: "maybe" is not one of no, partly, yes``).
        """

    def __eq__(self, other: object, /) -> bool:
        """Whether both policies have the same document."""

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class ChangeWindows:
    """Maintenance windows a change must lie inside, and freeze and blackout
    windows it must stay out of, each recurring through a calendar (its
    working intervals are the occurrences) or one-off, and scoped to services
    or items and so to everything they depend on (a freeze on payroll freezes
    its database); every item when the scope is empty.

    The document is the shape of :class:`itsm.documents.ChangeWindows`.
    Intervals are half-open; back-to-back occurrences of one window join.
    Immutable and safe to share between threads; equal when their documents
    are; unhashable, like ``dict``; picklable.

    Example::

        windows = ChangeWindows.from_dict({"windows": [
            {"id": "year-end", "kind": "freeze", "scope": ["payroll"],
             "occurrences": [{"from": "2026-12-20T00:00:00Z", "to": "2027-01-04T00:00:00Z"}]}]})
        windows.check(graph, {"items": ["db"], "start": "2026-12-22T22:00:00Z",
                              "end": "2026-12-23T02:00:00Z"})
        # [{"kind": "inside_freeze", "item": "db", "window": "year-end", "from": ..., "to": ...}]
    """

    @staticmethod
    def from_dict(document: ChangeWindowsDocument | Mapping[str, Any]) -> ChangeWindows:
        """Reads a windows document given as Python data.

        Raises:
            InvalidConfigError: a repeated id, a window with both or neither
                of ``calendar`` and ``occurrences``, an occurrence that ends
                before it starts, a bad calendar; the message names the path.
        """

    @staticmethod
    def from_json(text: str) -> ChangeWindows:
        """Reads a windows document from JSON text.

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    def to_dict(self) -> ChangeWindowsDocument:
        """The windows document as Python data; :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The windows document as compact JSON text; :meth:`from_json` reads it back."""

    def check(self, graph: ServiceGraph, change: PlannedChange | Mapping[str, Any]) -> list[WindowConflict]:
        """The window conflicts of a planned change (``items``, ``start``,
        ``end``; instants as datetimes or RFC 3339 text): every freeze and
        blackout occurrence it overlaps on an item they cover
        (``inside_freeze``, ``inside_blackout``, with the overlap), and every
        item covered by maintenance windows that the change does not lie
        inside one occurrence of (``outside_maintenance``).

        Raises:
            InvalidInputError: an item or a window's scope the graph does not
                know (``items[1]``, ``windows[0].scope[2]``), an end before
                the start.
        """

    def next_slot(
        self, graph: ServiceGraph, query: SlotQuery | Mapping[str, Any], schedule: Schedule | None = None
    ) -> Slot | None:
        """The first slot of ``duration_ms`` from ``from`` that ends by
        ``until`` without a window conflict, and without a conflict with a
        change of ``schedule`` (the same item, a related item, a shared
        service, the query's ``assignee``), as ``{"start", "end"}``; ``None``
        when there is none.

        Raises:
            InvalidInputError: as :meth:`check`, a duration below 1 ms, or
                ``until`` before ``from``.
        """

    def __eq__(self, other: object, /) -> bool:
        """Whether both have the same document."""

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Schedule:
    """The changes scheduled (``{"changes": [{"id", "items", "start", "end",
    "assignee"}]}``), for conflicts between them: two changes that overlap
    (half-open intervals) and touch the same item, related items (one's
    failure reaches the other, any ancestor or descendant), items a shared
    service depends on, or the same assignee. Every rule that holds is
    reported, both sides named.

    Immutable and safe to share between threads; equal when their documents
    are; unhashable, like ``dict``; picklable.

    Example::

        schedule = Schedule.from_dict({"changes": [
            {"id": "CHG-1", "items": ["vm"], "start": "2026-11-28T22:00:00Z", "end": "2026-11-29T02:00:00Z"},
            {"id": "CHG-2", "items": ["app"], "start": "2026-11-29T01:00:00Z", "end": "2026-11-29T03:00:00Z"}]})
        schedule.conflicts(graph)[0]["kind"]  # "related_item" when app runs on vm
    """

    @staticmethod
    def from_dict(document: ScheduleDocument | Mapping[str, Any]) -> Schedule:
        """Reads a schedule given as Python data.

        Raises:
            InvalidInputError: a change without an id or with an id used
                before (``changes[1].id``), a change that ends before it
                starts (``changes[0].end``).
        """

    @staticmethod
    def from_json(text: str) -> Schedule:
        """Reads a schedule from JSON text.

        Raises:
            InvalidInputError: the text is not JSON or the schedule is malformed.
        """

    def to_dict(self) -> ScheduleDocument:
        """The schedule as Python data; :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The schedule as compact JSON text; :meth:`from_json` reads it back."""

    def conflicts(self, graph: ServiceGraph) -> list[ChangeConflict]:
        """Every conflict between two scheduled changes, each pair once (the
        change that starts first is ``change``), found by a sweep over start
        times.

        Raises:
            InvalidInputError: an item the graph does not know
                (``changes[3].items[0]``).
        """

    def conflicts_of(self, graph: ServiceGraph, change: PlannedChange | Mapping[str, Any]) -> list[ChangeConflict]:
        """The conflicts of a planned change with every scheduled change it
        overlaps (a scheduled change checked again by its id is skipped).

        Raises:
            InvalidInputError: an item the graph does not know (``items[0]``),
                an end before the start.
        """

    def __len__(self) -> int:
        """The number of changes."""

    def __eq__(self, other: object, /) -> bool:
        """Whether both have the same document."""

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

# ---------------------------------------------------------------------------
# Metrics

@final
class Metrics:
    """How service management figures are counted, and the figures of a
    period over a collection of records' facts: MTTA, MTTR, SLA compliance,
    reopen rate, resolution on first assignment, reassignments, backlog
    ageing, change success and failure rates, the change success score, the
    emergency change ratio and MTBF per configuration item, each with its
    numerator and denominator.

    The document (every field optional) says which records a period holds
    (``by``: ``"creation"`` or ``"resolution"``), what the ticket figures are
    over (``denominator``: ``"closed"`` or ``"closed_and_breached"``),
    wall-clock or business time (``time``, with a ``calendar``), the
    ``kinds`` counted as tickets, the backlog's ``ageing_buckets_ms`` and the
    ``score``'s points; it is the shape of :class:`itsm.documents.Metrics`.
    Immutable and safe to share between threads; equal when built from the
    same document; unhashable, like ``dict``; picklable.

    Example::

        metrics = Metrics.from_dict({"denominator": "closed_and_breached"})
        report = metrics.report(
            tickets.to_dict("records"),  # a pandas DataFrame; NaT is absent
            {"month": "2026-11"},
            datetime(2026, 12, 1, tzinfo=timezone.utc),
        )
        report["mttr_ms"]         # {"numerator": 972000000, "denominator": 3, "value": 324000000.0}
        report["sla_compliance"]  # {"numerator": 1, "denominator": 3, "value": 0.3333333333333333}
    """

    @staticmethod
    def from_dict(document: MetricsDocument | Mapping[str, Any]) -> Metrics:
        """Reads a metrics document given as Python data.

        Raises:
            InvalidConfigError: business time without a ``calendar``, bucket
                bounds not positive or out of order
                (``ageing_buckets_ms[1]: 3600000 does not follow 86400000 in
                ascending order``), a score ``start`` outside ``min`` to
                ``max``, an unknown field or value; the message names the path.
        """

    @staticmethod
    def from_json(text: str) -> Metrics:
        """Reads a metrics document from JSON text.

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    def to_dict(self) -> MetricsDocument:
        """The metrics document as Python data, every default written out;
        :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The metrics document as compact JSON text; :meth:`from_json` reads it back."""

    def report(
        self,
        records: Sequence[MetricRecord | Mapping[str, Any]],
        period: Mapping[str, Any],
        now: datetime,
    ) -> MetricsReport:
        """Every figure of ``period`` over ``records`` as of ``now``.

        ``records`` is a list (or tuple) of records' facts in the shape of
        :class:`itsm.documents.MetricRecord` (``id``, ``kind`` and
        ``created_at`` required; ``acknowledged_at``, ``resolved_at``,
        ``closed_at``, ``due_at``, ``reopened``, ``reassignments``, ``item``,
        ``group``, ``cancelled``; for changes ``outcome``, ``emergency``,
        ``caused_incidents``), such as ``DataFrame.to_dict("records")``:
        instants as aware datetimes (pandas ``Timestamp`` too) or RFC 3339
        text, and ``None``, NaN, ``pd.NaT`` or ``pd.NA`` for a fact that is
        absent. ``period`` is ``{"month": "2026-11"}`` (a calendar month in
        the calendar's zone, UTC without one), ``{"rolling_days": 30}`` (the
        days of 24 hours ending at ``now``) or ``{"from": ..., "to": ...}``.
        Facts after ``now`` have not happened yet. The GIL is released while
        the core computes.

        The report's instants (``period_start``, ``period_end``) are aware
        datetimes in UTC; every figure is ``{"numerator", "denominator",
        "value"}`` with ``value`` the unrounded quotient, or ``None`` when the
        denominator is 0; the numerators of durations (``mtta_ms``,
        ``mttr_ms``, ``mtbf_ms``) are ints of milliseconds; the backlog's ages
        (``oldest_ms``, ``from_ms``, ``to_ms``) and an item's ``up_ms`` and
        ``down_ms`` are ``timedelta``.

        Raises:
            InvalidInputError: a malformed record, a naive datetime in one,
                two records with one id, a time before ``created_at``, change
                facts on a record that is not a change; the message names the
                field (``records[3].resolved_at: is before `created_at```).
            InvalidConfigError: ``period`` is malformed.
            InvalidArgumentError: ``now`` is naive, or the period does not fit
                the supported range.
            OutOfRangeError: ``now`` is outside the supported range.
            TypeError: ``records`` is a table (use :meth:`report_table`), or ``now`` is
                not a datetime.
        """

    def report_table(
        self,
        table: _ArrowStreamExportable,
        period: Mapping[str, Any],
        now: datetime,
    ) -> MetricsReport:
        """:meth:`report` over an Arrow table of records: any Arrow PyCapsule
        producer (pyarrow ``Table`` or ``RecordBatchReader``, polars
        ``DataFrame``, DuckDB result; pandas through
        ``pyarrow.Table.from_pandas(df)``), one row per record, its columns
        named as :class:`itsm.documents.MetricRecord`'s fields. ``id`` (strings
        or integers), ``kind`` and ``created_at`` are required; the other
        fields are read when their column is there, and other columns are left
        alone. Instants are timestamps with a time zone; a null is an absent
        instant, item or outcome, a count of 0 (floats with gaps, as pandas
        makes of an integer column, are read when whole) or a false flag.
        The rows are read without the GIL.

        Raises:
            InvalidInputError: the column (and row) that cannot be read
                (``created_at: the table has no such column ...``,
                ``reopened[3]: expected a count ...``, naive timestamps), then
                the report's own refusals naming ``records[row].field``.
            InvalidConfigError: ``period`` is malformed.
            InvalidArgumentError: ``now`` is naive, or the period does not fit
                the supported range.
            TypeError: ``table`` is not an Arrow table.
        """

    def __eq__(self, other: object, /) -> bool:
        """Whether both have the same document."""

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

# ---------------------------------------------------------------------------
# Workflows

@final
class Workflow:
    """A workflow: the states a record can be in, the transitions between
    them and the guards on each (``docs/workflow-format.md``), compiled once
    and asked on every request: may this record make this move, and if not,
    every reason why; which moves are open to this actor now.

    The document is the shape of :class:`itsm.documents.WorkflowDocument`;
    :meth:`builtin` gives the ITIL workflows (:meth:`builtin_names`).
    Immutable and safe to share between threads; equal when built from the
    same document; unhashable, like ``dict``; picklable.

    A record is a mapping of its fields (its ``state`` among them), values
    as in a timeline's fields: str, int, float, bool, None, aware datetimes
    (canonical instants), NaN and ``pd.NA`` (``None``). The context is a
    :class:`itsm.documents.Context`: the actor, the host's ``now`` (an aware
    datetime), approvals, child tasks and the host's answers to predicates;
    a guard that reads something the context lacks raises
    :class:`InvalidArgumentError` naming it (``context.actor``,
    ``context.now``, ``context.predicates``), never a silent refusal.

    Example::

        incident = Workflow.builtin("incident")
        verdict = incident.validate(
            {"state": "in_progress", "assignment_group": "network"},
            "resolve",
            {"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}},
        )
        verdict["allowed"]                # False
        verdict["reasons"][0]["message"]  # "resolve needs resolution_code"
    """

    @staticmethod
    def from_dict(document: WorkflowDocument | Mapping[str, Any]) -> Workflow:
        """Reads a workflow document given as Python data.

        Example::

            Workflow.from_dict({
                "initial": "new",
                "states": [{"id": "new", "category": "new"},
                           {"id": "closed", "category": "closed"}],
                "transitions": [{"name": "close", "from": "new", "to": "closed"}],
            })

        Raises:
            InvalidConfigError: the document is malformed or would not load
                (an unknown state or calendar, a duplicate, a transition named
                like a state, a cycle of required fields); the message names
                the path, such as ``transitions[0].to: unknown state `closed`
                (the workflow's states: new)``.
        """

    @staticmethod
    def from_json(text: str) -> Workflow:
        """Reads a workflow document from JSON text.

        Example::

            Workflow.from_json(Workflow.builtin("problem").to_json())

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    @staticmethod
    def builtin(name: str) -> Workflow:
        """A built-in ITIL workflow (one of :meth:`builtin_names`).

        Example::

            change = Workflow.builtin("change_normal")

        Raises:
            InvalidArgumentError: no built-in workflow has that name.
        """

    @staticmethod
    def builtin_names() -> list[str]:
        """The names of the built-in workflows.

        Example::

            Workflow.builtin_names()
            # ["incident", "problem", "service_request", "change_standard",
            #  "change_normal", "change_emergency", "task"]
        """

    @staticmethod
    def builtin_document(name: str) -> WorkflowDocument:
        """A built-in workflow's document, to change (another hold reason, a
        stricter guard, the host's own calendars) and load with :meth:`from_dict`.

        Example::

            document = Workflow.builtin_document("incident")
            hold_reason = next(f for f in document["fields"] if f["id"] == "hold_reason")
            hold_reason["values"] = [*(hold_reason.get("values") or []), "awaiting_evidence"]
            ours = Workflow.from_dict(document)

        Raises:
            InvalidArgumentError: no built-in workflow has that name.
        """

    @staticmethod
    def lint_document(document: WorkflowDocument | Mapping[str, Any]) -> list[Finding]:
        """Every finding of a workflow document, without loading it: the
        reasons it would not load (``unknown_state``, ``duplicate_state``,
        ``name_is_a_state``, ``required_fields_cycle``...) or, when there are
        none, its traps (see :meth:`lint`), in order.

        Example::

            Workflow.lint_document({
                "initial": "new",
                "states": [{"id": "new", "category": "new"},
                           {"id": "closed", "category": "closed"},
                           {"id": "limbo", "category": "active"}],
                "transitions": [{"name": "close", "from": "new", "to": "closed"}],
            })
            # [{"path": "states[2]", "code": "unreachable_state", "message": "..."}]

        Raises:
            InvalidConfigError: the document cannot be read at all (a missing
                ``states``, a value of the wrong type).
        """

    def lint(self) -> list[Finding]:
        """The workflow's traps, in order; empty when none: a state no way
        leads to from ``initial`` (``unreachable_state``), one with no way to a
        terminal state, transitions leaving a terminal state, duplicate
        transitions, fields no ``fields`` entry declares, values outside a
        field's ``values``.

        Example::

            Workflow.builtin("incident").lint()  # []
        """

    def to_dict(self) -> WorkflowDocument:
        """The workflow document as Python data; :meth:`from_dict` reads it back.

        Example::

            [s["id"] for s in Workflow.builtin("incident").to_dict()["states"]]
        """

    def to_json(self) -> str:
        """The workflow document as compact JSON text; :meth:`from_json` reads it back.

        Example::

            Workflow.from_json(Workflow.builtin("incident").to_json())
        """

    @property
    def name(self) -> str | None:
        """The workflow's name, when its document gives one.

        Example::

            Workflow.builtin("incident").name  # "incident"
        """

    def category(self, state: str) -> Category | None:
        """What a state means, whatever the workflow calls it: ``"new"``,
        ``"active"``, ``"pending"``, ``"resolved"``, ``"closed"`` or
        ``"cancelled"``; ``None`` when the workflow has no such state.

        Example::

            Workflow.builtin("incident").category("on_hold")  # "pending"
        """

    def validate(
        self, record: Mapping[str, object], request: str, context: Context | None = None
    ) -> Verdict:
        """Whether ``record`` may make the move ``request`` (a transition's
        name, or the id of the state to move to) in ``context``.

        Allowed: ``{"allowed": True, "from", "transition", "to", "sets"?,
        "reasons": []}``, ``sets`` the fields the transition sets, for the host
        to apply. Refused: ``"allowed": False`` and every reason against it,
        in document order (:class:`itsm.documents.Reason`: ``code``, ``path``
        in the workflow document, ``field``?, ``message``). Asking for a state
        that several transitions lead to takes the first that is allowed, or
        reports the reasons of each.

        ``record`` holds the fields as the move would leave them: the current
        ``state`` and any field sent with the request (a resolution code sent
        with "resolve").

        Example::

            Workflow.builtin("incident").validate(
                {"state": "new", "caller": "bob", "assignment_group": "network"},
                "assign",
                {"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}},
            )
            # {"allowed": True, "from": "new", "transition": "assign",
            #  "to": "assigned", "reasons": []}

        Raises:
            InvalidInputError: the record has no ``state``, or one the
                workflow lacks (path ``state``); a field holds a value that is
                not JSON data (the message names the field).
            InvalidArgumentError: ``request`` is neither a transition nor a
                state (``transition``); a guard in question needs what the
                context lacks (``context.actor``, ``context.now``,
                ``context.predicates``); the context is malformed or its
                ``now`` naive (the message names the path, ``context.now``).
            TypeError: ``record`` or ``context`` is not a mapping.
        """

    def allows(
        self, record: Mapping[str, object], request: str, context: Context | None = None
    ) -> bool:
        """Whether :meth:`validate` would allow the move, without building
        any reason: the fast answer, for checks on every request.

        Example::

            Workflow.builtin("incident").allows(
                {"state": "new"}, "resolve", {"actor": {"id": "ann", "roles": ["agent"]}}
            )  # False

        Raises:
            As :meth:`validate`.
        """

    def available(
        self, record: Mapping[str, object], context: Context | None = None
    ) -> list[AvailableTransition]:
        """Every transition leaving the record's state, in document order,
        each ``{"transition", "label"?, "to", "allowed", "reasons"}``: what a
        screen needs to draw its buttons, enabled or with their reasons.

        Example::

            moves = Workflow.builtin("incident").available(
                {"state": "resolved", "caller": "bob"}, {"actor": {"id": "bob"}}
            )
            [(m["transition"], m["allowed"]) for m in moves]
            # [("reopen", True), ("close", True)]

        Raises:
            As :meth:`validate`, for the guards of any of these transitions.
        """

    def validate_json(self, record_json: str, request: str, context_json: str) -> str:
        """As :meth:`validate`, with the record's fields and the context as
        JSON text (``now`` an RFC 3339 instant), returning the core's
        canonical JSON text of the verdict: compact, keys sorted, the same
        bytes in every language. Store it, or compare it byte for byte.

        Example::

            Workflow.builtin("incident").validate_json(
                '{"state": "new"}', "assign", '{"actor": {"id": "ann", "roles": ["agent"]}}'
            )
            # '{"allowed":false,"from":"new","reasons":[...],"to":"assigned","transition":"assign"}'

        Raises:
            InvalidInputError: ``record_json`` is not a JSON object; as
                :meth:`validate` otherwise.
            InvalidArgumentError: ``context_json`` is not JSON or not a
                context; as :meth:`validate` otherwise.
        """

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __eq__(self, other: object, /) -> bool:
        """Whether both workflows have the same document."""

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

# ---------------------------------------------------------------------------
# Records, the desk and automation

@final
class Record:
    """A record: an incident, problem, service request, change or task, as
    the fold of its events. Its document (:class:`itsm.documents.RecordDocument`)
    is what a host stores beside the events; reading it checks that its
    fields are the fold of its history. Records come from
    :meth:`Desk.execute` (``Record.from_dict(outcome["record"])``), from
    storage (:meth:`from_json`) or from their events (:meth:`replay`).

    Immutable: every change is a new record. Equal when their canonical JSON
    texts are equal; unhashable, like ``dict``; picklable.

    Example::

        desk = Desk()
        context = {"actor": {"id": "ann", "roles": ["agent"]},
                   "now": datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)}
        outcome = desk.execute(None, {"type": "create", "id": "INC-1", "kind": "incident",
                                      "fields": {"caller": "bob"}}, context)
        record = Record.from_dict(outcome["record"])
        record.state, record.version  # ("new", 1)
        Record.replay(outcome["events"]) == record  # True
    """

    @staticmethod
    def from_json(text: str) -> Record:
        """Reads a record document from JSON text (what :meth:`to_json` wrote).

        Example::

            Record.from_json(record.to_json()) == record  # True

        Raises:
            InvalidInputError: the text is not JSON, or the document is
                malformed: a ``schema_version`` newer than this library
                reads, fields that are not the fold of the history
                (``fields.priority: is not what the history sets``).
        """

    @staticmethod
    def from_dict(document: RecordDocument | Mapping[str, Any]) -> Record:
        """Reads a record document given as Python data (instants as aware
        datetimes or RFC 3339 text), such as an outcome's ``"record"``.

        Example::

            record = Record.from_dict(outcome["record"])

        Raises:
            InvalidInputError: as :meth:`from_json`.
            TypeError: ``document`` is not a mapping.
        """

    @staticmethod
    def replay(events: Iterable[RecordEvent | Mapping[str, Any]]) -> Record:
        """The record its events make, in order: the first (``created`` or
        ``imported``) creates it, every other applies.

        Example::

            Record.replay(stored_events).to_json() == stored_record_json  # True

        Raises:
            InvalidInputError: no event; an event is malformed (``[2].at: ...``)
                or does not fit (``events[2].type: INC-1 is already created``).
            VersionConflictError: versions skip or repeat.
            TypeError: ``events`` is a str, bytes or a mapping, or not iterable.
        """

    @staticmethod
    def replay_json(text: str) -> Record:
        """As :meth:`replay`, from the events' JSON text (an array).

        Example::

            Record.replay_json('[{"record": "T-1", "version": 1, ...}]')

        Raises:
            As :meth:`replay`.
        """

    def apply(self, events: Iterable[RecordEvent | Mapping[str, Any]]) -> Record:
        """A new record: this one with ``events`` applied in order (the
        record itself is unchanged).

        Example::

            record = record.apply(outcome["events"])

        Raises:
            VersionConflictError: an event's version is not the next one.
            InvalidInputError: an event is malformed, for another record, lies
                before the last one, creates the record again, or answers an
                approval that does not exist (``events[0].record: ...``).
            TypeError: ``events`` is a str, bytes or a mapping, or not iterable.
        """

    def apply_json(self, text: str) -> Record:
        """As :meth:`apply`, from the events' JSON text (an array).

        Raises:
            As :meth:`apply`.
        """

    def to_dict(self) -> RecordDocument:
        """The record document as Python data (instants as aware datetimes
        in UTC); :meth:`from_dict` reads it back."""

    def to_json(self) -> str:
        """The record document as canonical JSON text (compact, keys sorted,
        the same bytes in every language); :meth:`from_json` reads it back."""

    @property
    def id(self) -> str:
        """The record's id, given by the host."""

    @property
    def kind(self) -> str:
        """``"incident"``, ``"problem"``, ``"service_request"``, ``"change"`` or ``"task"``."""

    @property
    def workflow(self) -> str:
        """The name of the workflow that judges it."""

    @property
    def version(self) -> int:
        """The number of events applied: each event makes the next version."""

    @property
    def state(self) -> str:
        """Its state (``"in_progress"``)."""

    @property
    def fields(self) -> dict[str, Scalar]:
        """Its fields now, ``state`` among them (a new dict each time)."""

    @property
    def category(self) -> Category:
        """The category of its state, whatever the workflow calls it.

        Example::

            record.state, record.category  # ("on_hold", "pending")
        """

    @property
    def created_at(self) -> datetime:
        """When it was created (or imported), as an aware datetime in UTC."""

    @property
    def created_by(self) -> str:
        """Who created (or imported) it."""

    @property
    def state_since(self) -> datetime:
        """When it entered its state.

        Example::

            now - record.state_since  # how long it has been on hold
        """

    @property
    def resolved_at(self) -> datetime | None:
        """When it was last resolved, while it is resolved or closed; else ``None``."""

    @property
    def closed_at(self) -> datetime | None:
        """When it was closed or cancelled; else ``None``."""

    @property
    def reopened(self) -> Reopened | None:
        """How often, when and by whom it was reopened (``{"count", "last_at",
        "last_by"}``); ``None`` when never.

        Example::

            (record.reopened or {}).get("count", 0)
        """

    @property
    def reassignments(self) -> int:
        """How often its assignment group changed from one group to another."""

    @property
    def approvals(self) -> list[Round]:
        """Every round of approvals, the current one last; a round's
        ``steps`` list their approvers and answers.

        Example::

            [a["answer"] for step in record.approvals[-1]["steps"] for a in step["approvers"]]
        """

    @property
    def pending_approval(self) -> Round | None:
        """The current round of approvals while it is pending; ``None`` otherwise.

        Example::

            round = record.pending_approval
            waiting = [] if round is None else [
                a["approver"] for step in round["steps"] for a in step["approvers"]
                if a["answer"] == "pending"]
        """

    @property
    def links(self) -> list[Link]:
        """Its links (``{"kind", "target"}``), in the order they were made.

        Example::

            [link["target"] for link in record.links if link["kind"] == "parent"]
        """

    @property
    def children(self) -> list[Child]:
        """Its children (tasks, child incidents) and their states (``{"id", "state"}``)."""

    @property
    def comments(self) -> list[Comment]:
        """Its comments and work notes (``{"at", "by", "text", "internal"}``),
        oldest first.

        Example::

            [c["text"] for c in record.comments if not c["internal"]]  # what the caller sees
        """

    @property
    def major_incident(self) -> MajorIncident | None:
        """Its flag as a major incident (``{"rule", "at", "notify"}``);
        ``None`` when not flagged."""

    def timeline(self) -> Timeline:
        """Its history as the SLA engine reads it, for :meth:`PolicySet.evaluate`.

        Example::

            PolicySet.template("itil_incident").evaluate(record.timeline(), now)
        """

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __eq__(self, other: object, /) -> bool:
        """Whether both records have the same canonical JSON text."""

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Desk:
    """The configuration records are judged by, and the one place commands
    are decided: workflows by record kind (the built-in ITIL workflows
    always there), who may not approve, the reopen window, major-incident
    triggers, cascades, automation rules, SLA policies and a priority matrix
    (:class:`itsm.documents.DeskDocument`, every part optional).

    A command (:class:`itsm.documents.Command`) against a record, in a
    context naming the actor and ``now``, gives an
    :class:`itsm.documents.Outcome`: the events to store, the next record's
    document, follow-up commands for this or other records, whom to tell,
    and when to call :meth:`wake`. The desk stores nothing: the host keeps
    the record and its events. Immutable and safe to share between threads;
    the GIL is released while the core judges; equal when their documents
    are; unhashable, like ``dict``; picklable.

    Example::

        desk = Desk({"automation": [automation_template("auto_close")]})
        context = {"actor": {"id": "ann", "roles": ["agent"]},
                   "now": datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)}
        created = desk.execute(None, {"type": "create", "id": "INC-1", "kind": "incident"}, context)
        record = Record.from_dict(created["record"])
    """

    def __new__(cls, document: DeskDocument | Mapping[str, Any] | None = None) -> Desk:
        """The desk of ``document``; the default desk when ``None``.

        Raises:
            InvalidConfigError: the document is malformed, naming the path
                (``kinds.incident: no workflow named nonesuch ...``).
            TypeError: ``document`` is not a mapping.
        """

    @staticmethod
    def from_json(text: str) -> Desk:
        """Reads a desk document from JSON text.

        Example::

            Desk.from_json('{"reopen_window_days": 10}')

        Raises:
            InvalidConfigError: the text is not JSON or the document is malformed.
        """

    def to_dict(self) -> DeskDocument:
        """The desk document as Python data; ``Desk(document)`` reads it back."""

    def to_json(self) -> str:
        """The desk document as canonical JSON text; :meth:`from_json` reads it back."""

    def execute(
        self,
        record: Record | None,
        command: Command | Mapping[str, Any],
        context: Context | Mapping[str, Any],
    ) -> Outcome:
        """Judges ``command`` against ``record`` (``None`` for ``create`` and
        ``import``) in ``context`` (the actor and ``now``, an aware
        datetime; no approvals or children: the record's own are used).

        Example::

            outcome = desk.execute(record, {"type": "assign", "assignment_group": "network"},
                                   {"actor": {"id": "ann", "roles": ["agent"]}, "now": now})
            record = Record.from_dict(outcome["record"])
            store(outcome["events"])      # versions record.version - n + 1 .. record.version
            outcome["followups"]          # commands for this record or others
            outcome["next_wakeup"]        # when to call wake, or None

        Raises:
            CommandRefusedError: the workflow or the desk's rules refuse it, with
                every reason; the record is unchanged.
            VersionConflictError: the command's ``expected_version`` is not the
                record's version.
            InvalidArgumentError: a context without actor or ``now``, a ``now``
                before the record's last event, a record given to ``create``
                or none to another command, or a malformed command
                (``command.text``) or context (``context.now``).
            TypeError: ``command`` or ``context`` is not a mapping.
        """

    def execute_json(self, record_json: str | None, command_json: str, context_json: str) -> str:
        """As :meth:`execute`, on JSON texts (the record's document or
        ``None``), answering the outcome's canonical JSON text: for hosts
        that store JSON.

        Example::

            Desk().execute_json(None, '{"type": "create", "id": "T-1", "kind": "task"}',
                                '{"actor": {"id": "ann"}, "now": "2026-11-23T09:00:00Z"}')

        Raises:
            As :meth:`execute`; a bad record text is an
            :class:`InvalidInputError` naming its path.
        """

    def wake(self, record: Record, since: datetime | None, now: datetime) -> Wakeup:
        """What time asks of ``record`` at ``now``: the follow-up commands of
        automation rules whose time trigger was met in ``(since, now]``
        (every one met by ``now`` when ``since`` is ``None``; pass the instant
        of the last wake), whom to tell, the SLA evaluation when the desk has
        policies, and ``next_wakeup``.

        Example::

            wakeup = desk.wake(record, last_wake, now)
            for followup in wakeup["followups"]:
                ...  # give followup["command"] to followup["record"]

        Raises:
            InvalidArgumentError: ``now`` before the record's creation, or a
                naive datetime.
            OutOfRangeError: ``now`` outside the supported years.
        """

    def wake_json(self, record_json: str, since: str | None, now: str) -> str:
        """As :meth:`wake`, on the record's JSON text and RFC 3339 instants,
        answering the wakeup's canonical JSON text.

        Raises:
            As :meth:`wake`; a bad instant is an :class:`InvalidArgumentError`
            naming ``since`` or ``now``.
        """

    def workflow(self, name: str) -> Workflow | None:
        """A workflow of the desk by name (built in, or from the document's
        ``workflows``); ``None`` when it has none of that name: what a screen
        asks for the moves open on a record.

        Example::

            incident = desk.workflow(record.workflow)
            incident.available(record.fields, {"actor": {"id": "ann", "roles": ["agent"]}})
        """

    def default_workflow(self, kind: str) -> str | None:
        """The workflow a kind's records take when a command names none;
        ``None`` for a kind the desk does not know.

        Example::

            Desk().default_workflow("change")  # "change_normal"
        """

    __hash__: ClassVar[None]  # type: ignore[assignment]

    def __eq__(self, other: object, /) -> bool:
        """Whether both desks have the same document.

        Example::

            Desk.from_json(desk.to_json()) == desk  # True
        """

    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def read_event(document: RecordEvent | Mapping[str, Any] | str) -> RecordEvent:
    """One record event (Python data or JSON text), read and checked: its
    document as Python data.

    Raises:
        InvalidInputError: the event is malformed, naming the path.
        TypeError: ``document`` is neither a mapping nor a str.
    """

def read_event_json(text: str) -> str:
    """One record event's JSON text, read and checked: its canonical JSON text.

    Raises:
        InvalidInputError: the event is malformed, naming the path.
    """

def automation_template(name: str) -> Rule:
    """A shipped automation rule by name (:func:`automation_template_names`),
    as Python data to copy into a desk's ``automation`` list and edit.

    Example::

        Desk({"automation": [automation_template("auto_close")]})

    Raises:
        InvalidArgumentError: no template has that name.
    """

def automation_template_names() -> list[str]:
    """The names of the shipped automation rules.

    Example::

        automation_template_names()  # ["auto_assign", "escalate_on_sla", "auto_close"]
    """
