# Generated from schemas/*.schema.json by bindings/python/generate_documents.py
# with datamodel-code-generator: do not edit. The schemas are generated from the
# core's Rust types (`make schemas`); regenerate this module after them.
"""The documents of itsm as ``TypedDict`` types, as Python data.

Results (:class:`Evaluation`, :class:`AvailabilityReport`, :data:`BatchItem`,
:class:`ErrorDocument`, :class:`Finding`...) and the documents' ``to_dict()``
are exactly these shapes, with instants as aware ``datetime`` in UTC and
millisecond durations as ``timedelta``; their JSON text (``to_json()``,
``evaluate_json``) writes canonical instant strings and integers. Inputs
(:data:`Calendar`, :class:`PolicySet`, :class:`Timeline`, :class:`Availability`,
:class:`Period`) are these shapes too, and also take the JSON forms of their
values (instant strings) and Python's own values (pandas timestamps,
timedeltas, numpy scalars...).
"""

from datetime import datetime, timedelta
from typing import Any, Literal, Optional, TypeAlias

from typing_extensions import NotRequired, TypedDict


class Assign(TypedDict, closed=True):
    assigned_to: NotRequired[str | None]
    """The person, if any."""
    assignment_group: str
    """The group."""


class ActionAssign(TypedDict, closed=True):
    """Assign the record to a group, and to a person when given."""

    assign: Assign


class ActionSetPriority(TypedDict, closed=True):
    """Set the record's `priority` field."""

    set_priority: str


class ActionTransition(TypedDict, closed=True):
    """Move the record by a transition (or to a state)."""

    transition: str


class Notify(TypedDict, closed=True):
    message: str
    """What."""
    to: list[str]
    """Whom."""


class ActionNotify(TypedDict, closed=True):
    """Tell people (ids, groups or roles, as the host resolves them)."""

    notify: Notify


class ActionAddNote(TypedDict, closed=True):
    """Add an internal work note."""

    add_note: str


class Actor(TypedDict, closed=True):
    """An authenticated actor: an id, the roles it holds and the groups it belongs to."""

    groups: NotRequired[list[str]]
    """Groups belonged to (`service_desk`, `network`)."""
    id: str
    """The actor's id, as the host knows it."""
    roles: NotRequired[list[str]]
    """Roles held (`agent`, `change_manager`)."""


AmbiguousTimes: TypeAlias = Literal['refuse', 'earlier', 'later']
"""
What a local time that happens twice reads as: in Europe/Berlin,
2026-10-25 02:30 is 00:30Z (summer time) and 01:30Z (winter time).
"""


class AnchorFirstSet(TypedDict, closed=True):
    """
    The first step that gives the field a value (`{"first_set": "assignment_group"}`);
    the creation when it never does.
    """

    first_set: str


Anchor: TypeAlias = Literal['created'] | AnchorFirstSet
"""Where a recomputed clock counts from."""


Answer: TypeAlias = Literal['pending', 'approved', 'rejected', 'not_required']
"""An approver's answer, as the record keeps it."""


ApprovalOutcome: TypeAlias = Literal['pending', 'approved', 'rejected']
"""Where a step or a round stands."""


class ApprovalRule(TypedDict, closed=True):
    """
    How a record's approvals are counted.

    A quorum is reached when the approved share of the counted approvals is at
    least `threshold_percent`; 0 means the first answer decides. Approvals by
    an actor that a `not_by` field names never count, and each is a reason of
    its own.
    """

    group: NotRequired[str | None]
    """Count only approvals asked of this group."""
    not_by: NotRequired[list[str]]
    """
    Record fields naming actors whose approvals never count
    (`requested_by`, `implementer`).
    """
    threshold_percent: NotRequired[int]
    """The approved share needed, in percent (0 to 100)."""


class Band(TypedDict, closed=True):
    """
    A score band: a score of at least `at_least` (up to the next band) gives
    `risk`.
    """

    at_least: int
    """The lowest score of the band."""
    risk: str
    """The level it gives."""


class BatchSummary(TypedDict, closed=True):
    """
    Counts over a batch: how many records were evaluated, failed, and warned
    about, per warning code.
    """

    error_codes: dict[str, int]
    """Errors by code."""
    errors: int
    """Records that failed, each with its error in its item."""
    evaluated: int
    """Records evaluated."""
    records: int
    """Records in the batch."""
    warned: int
    """Evaluated records with at least one warning."""
    warnings: dict[str, int]
    """Warnings by code, over all records."""


CascadeOn: TypeAlias = Literal['parent_resolved', 'problem_resolved']
"""Which resolution a cascade follows."""


Category: TypeAlias = Literal['new', 'active', 'pending', 'resolved', 'closed', 'cancelled']
"""
What a state means, whatever the workflow calls it: reports and clocks read
categories, not state names.
"""


class Group(TypedDict, closed=True):
    degraded: int
    """Members degraded."""
    down: int
    """Members down."""
    members: int
    """Members in all."""
    min_up: int
    """Members that must be up."""


class CauseGroup(TypedDict, closed=True):
    """
    A redundancy group, counting its members: down when fewer than
    `min_up` are up (a degraded member counts as up).
    """

    group: Group


ChangeConflictKind: TypeAlias = Literal['same_item', 'related_item', 'shared_service', 'assignee_double_booked']
"""How two changes conflict."""


ChangeOutcome: TypeAlias = Literal['successful', 'successful_with_issues', 'failed', 'backed_out']
"""How a change ended."""


class ChangeOutcomes(TypedDict, closed=True):
    """The completed changes by outcome."""

    backed_out: int
    """Backed out."""
    failed: int
    """Failed."""
    successful: int
    """Implemented as planned."""
    successful_with_issues: int
    """Implemented with issues."""


class Child(TypedDict, closed=True):
    """
    A child task of a record (a change task, a fulfilment task, a child
    incident) and its state.
    """

    id: str
    """The child's id."""
    state: str
    """The child's state."""


class CommandAssign(TypedDict):
    """
    Assign to a group, a person or both; takes the workflow's `assign`
    transition when one leaves the record's state.
    """

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    assigned_to: NotRequired[str | None]
    """The person."""
    assignment_group: NotRequired[str | None]
    """The group."""
    type: Literal['assign']


class CommandComment(TypedDict):
    """Add a comment, or an internal work note."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    internal: NotRequired[bool]
    """A work note the requester does not see."""
    text: str
    """The text."""
    type: Literal['comment']


class CommandApprove(TypedDict):
    """Approve, as the acting approver."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    comment: NotRequired[str | None]
    """A comment."""
    type: Literal['approve']


class CommandReject(TypedDict):
    """Refuse, as the acting approver."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    comment: NotRequired[str | None]
    """A comment."""
    type: Literal['reject']


class CommandDelegateApproval(TypedDict):
    """Hand the acting approver's pending approval to someone else."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    to: str
    """The delegate."""
    type: Literal['delegate_approval']


class CommandAddChild(TypedDict):
    """Add a child (a task, a child incident) in its state."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    id: str
    """The child's id."""
    state: str
    """Its state."""
    type: Literal['add_child']


class CommandUpdateChild(TypedDict):
    """Record a child's new state."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    id: str
    """The child's id."""
    state: str
    """Its state."""
    type: Literal['update_child']


class CommandRemoveChild(TypedDict):
    """Remove a child."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    id: str
    """The child's id."""
    type: Literal['remove_child']


class CommandReopen(TypedDict):
    """Reopen a resolved record by its workflow's `reopen` transition."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    reason: NotRequired[str | None]
    """Why."""
    type: Literal['reopen']


class CommandRecordKnownError(TypedDict):
    """Record a problem's known error."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    root_cause: str
    """Why it happens."""
    symptom: str
    """What users see."""
    type: Literal['record_known_error']
    workaround: str
    """How to get by until it is fixed."""


class ConditionAlways(TypedDict, closed=True):
    """Always true (`{"always": true}`) or always false (`{"always": false}`)."""

    always: bool


class ConditionFieldSet(TypedDict, closed=True):
    """
    The field holds a value after the event: anything but null or a blank
    string (`is_set`).
    """

    field_set: str


class ConditionChanges(TypedDict, closed=True):
    """The event changes the field at all."""

    changes: str


class ConditionEventIs(TypedDict, closed=True):
    """The event's type is one of these (creation is `"created"`)."""

    event_is: list[str]


Contract: TypeAlias = Literal['sla', 'ola', 'underpinning_contract']
"""Which agreement a policy stands for."""


Date: TypeAlias = str
"""A local date YYYY-MM-DD."""


Decision: TypeAlias = Literal['pending', 'approved', 'rejected']
"""An approver's answer."""


Denominator: TypeAlias = Literal['closed', 'closed_and_breached']
"""What the ticket figures are over."""


Duration: TypeAlias = str
"""An ISO 8601 duration of hours, minutes and seconds (PT8H, PT1H30M, PT0.5S); days are ambiguous and refused."""


DurationMs: TypeAlias = timedelta
"""A duration in whole milliseconds."""


class ErrorDocument(TypedDict, closed=True):
    """
    The document form of an error, the same in every language:
    `{"code", "message", "path"?, "details"?}`. `message` is the error's full
    sentence (`week.tue[1]: end 08:00 is before start 14:00`); `path` is set for
    document errors, `details` carries a variant's other fields.
    """

    code: Literal['invalid_config', 'invalid_input', 'invalid_argument', 'no_working_time', 'out_of_range', 'version_conflict', 'command_refused']
    """The stable code of `Error::code`."""
    details: NotRequired[dict[str, Any] | None]
    """
    The variant's other fields (`argument`; `from`, `direction`, `years`;
    `instant`, `min`, `max`; `expected`, `actual`; `command`, `reasons`,
    `instead`).
    """
    message: str
    """The whole message, as the error displays."""
    path: NotRequired[str | None]
    """The path of the bad field in the document, for document errors."""


class EvaluateOptions(TypedDict, closed=True):
    """How much an evaluation computes, and how strict it is."""

    explain: NotRequired[bool]
    """Fill each cycle's explanation (true by default)."""
    strict: NotRequired[bool]
    """
    Refuse a record that would give warnings: the first warning becomes an
    `invalid_input` error naming its path (false by default).
    """


class Figure(TypedDict, closed=True):
    """
    A figure: its numerator over its denominator, and their quotient.

    For a mean duration the numerator is the total in milliseconds and the
    denominator the records counted; for a rate both are counts.
    """

    denominator: int
    """What it is over."""
    numerator: int
    """What is counted or added up."""
    value: float | None
    """`numerator / denominator`, unrounded; `null` when the denominator is 0."""


class Finding(TypedDict):
    """
    A finding of a linter: a document that loads but is almost certainly not
    what was meant, or (for the linters that read a document before loading it)
    a reason it would not load. The same shape for every area: policy sets,
    workflows, priority matrices.
    """

    code: Literal['start_inside_stop', 'pause_inside_start', 'start_excludes_pause', 'unknown_state', 'unknown_calendar', 'duplicate_state', 'duplicate_field', 'duplicate_transition_name', 'name_is_a_state', 'required_fields_cycle', 'unreachable_state', 'no_way_to_terminal', 'no_terminal_state', 'leaves_terminal_state', 'duplicate_transition', 'undeclared_field', 'unknown_value', 'unused_priority', 'unreachable_override', 'override_changes_nothing']
    """A stable code; each linter lists its own."""
    message: str
    """What is wrong, in a sentence."""
    path: str
    """The path of the part of the document concerned."""


FromStates: TypeAlias = str | list[str]
"""
The states a transition leaves from: `"*"` (every state that is not final,
except the transition's own target), one state id, or a list of them.
"""


class GraphChangeRemoveItem(TypedDict, closed=True):
    """Removes an item with its relations and its places in groups."""

    remove_item: str


class GraphChangeRemoveGroup(TypedDict, closed=True):
    """Removes a group with its relations and its places in other groups."""

    remove_group: str


class GroupModel(TypedDict, closed=True):
    """
    A redundancy group: members that stand in for each other ("at least 2 of
    the 3 web nodes up"). Relations may point at the group as at an item; it is
    down only when fewer than its minimum of members are up (a degraded member
    counts as up), and degraded when any member is down or degraded.
    """

    id: str
    """Unique among items and groups."""
    members: list[str]
    """Items or groups, each at most once."""
    min_up: NotRequired[int | None]
    """
    How many members must be up, from 1 to the number of members; or give
    `min_up_percent`.
    """
    min_up_percent: NotRequired[int | None]
    """
    The share of members that must be up, in percent (1 to 100), rounded
    up to whole members; or give `min_up`.
    """


class GuardFieldSet(TypedDict, closed=True):
    """The field holds a value."""

    field_set: str


class GuardActorHasRole(TypedDict, closed=True):
    """The actor holds one of these roles."""

    actor_has_role: list[str]


class GuardActorInGroup(TypedDict, closed=True):
    """The actor belongs to one of these groups."""

    actor_in_group: list[str]


class GuardActorInRecordGroup(TypedDict, closed=True):
    """The actor belongs to the group this record field names."""

    actor_in_record_group: str


class GuardActorIs(TypedDict, closed=True):
    """The actor is the one this record field names."""

    actor_is: str


class GuardActorIsNot(TypedDict, closed=True):
    """The actor is not the one this record field names."""

    actor_is_not: str


class GuardApprovals(TypedDict, closed=True):
    """The record's approvals reach a quorum."""

    approvals: ApprovalRule


class GuardChildrenIn(TypedDict, closed=True):
    """Every child task is in one of these states."""

    children_in: list[str]


class GuardInsideWindow(TypedDict, closed=True):
    """`now` lies in the named calendar's working time (a maintenance window)."""

    inside_window: str


class GuardOutsideFreeze(TypedDict, closed=True):
    """`now` lies outside the named calendar's working time (a freeze)."""

    outside_freeze: str


class GuardHost(TypedDict, closed=True):
    """The host's own predicate, answered in the context."""

    host: str


Health: TypeAlias = Literal['operational', 'degraded', 'down']
"""
How a node stands, from best to worst. A status page shows them as
operational, warning and incident.
"""


class ImpactCounts(TypedDict, closed=True):
    """How many services and items stand how."""

    items_degraded: int
    """Items (and groups) degraded, the failures included."""
    items_down: int
    """Items (and groups) down, the failures included."""
    services_degraded: int
    """Services degraded."""
    services_down: int
    """Services down."""
    services_operational: int
    """Services operational."""


Instant: TypeAlias = datetime
"""An RFC 3339 instant with an offset (2026-11-23T09:00:00Z); results use the canonical form 2026-11-23T09:00:00.000Z."""


ItemKind: TypeAlias = Literal['business_service', 'technical_service', 'offering', 'item']
"""What an item is."""


class ItemReliability(TypedDict, closed=True):
    """The reliability of one configuration item over the period so far."""

    down_ms: DurationMs
    """Time down in the period so far."""
    failures: int
    """
    Failures that start in the period (touching or overlapping incidents
    are one failure).
    """
    item: str
    """The item."""
    mtbf_ms: Figure
    """Mean time between failures: `up_ms` over `failures`."""
    up_ms: DurationMs
    """Time up in the period so far, in the time basis."""


LinkKind: TypeAlias = Literal['parent', 'problem', 'incident', 'change', 'caused_by', 'duplicate_of', 'follows', 'related']
"""What a link says of its target."""


class Maintenance(TypedDict, closed=True):
    """An agreed maintenance window."""

    end: Instant
    """First instant after."""
    id: NotRequired[str | None]
    """The host's id for it."""
    start: Instant
    """First instant."""


class MajorIncident(TypedDict, closed=True):
    """A record's flag as a major incident."""

    at: Instant
    """When."""
    notify: list[str]
    """Whom the rule said to tell."""
    rule: str
    """The trigger rule that matched."""


MappedValue: TypeAlias = str | float | bool | dict[str, str | float | bool | None] | None
"""The field's value ("P3"), or several fields' values ({"state": "on_hold", "hold_reason": "awaiting_caller"})."""


MetricKind: TypeAlias = Literal['response', 'resolution', 'next_update', 'custom']
"""What a metric measures: a label for reports."""


Mode: TypeAlias = Literal['any', 'all', 'quorum']
"""How a step is decided."""


NodeKind: TypeAlias = Literal['business_service', 'technical_service', 'offering', 'item', 'group']
"""What a node of the graph is."""


class Notification(TypedDict):
    """Someone to tell, and why (`major_incident:<rule>`, `automation:<rule id>`)."""

    because: str
    """Why."""
    message: str
    """What."""
    record: str
    """The record concerned."""
    to: list[str]
    """Whom."""


Observed: TypeAlias = Literal['as_is', 'nearest_weekday', 'next_monday']
"""How an annual holiday that falls on a weekend is observed."""


Occurrence = TypedDict(
    'Occurrence',
    {
        'from': Instant,
        'to': Instant,
    },
    closed=True,
)


OneOrManyNames: TypeAlias = str | list[str]


OptionalDurationMs: TypeAlias = timedelta | None
"""A duration in whole milliseconds, or null."""


OptionalInstant: TypeAlias = datetime | None
"""An RFC 3339 instant with an offset, or null."""


OutOfOrder: TypeAlias = Literal['refuse', 'clamp', 'drop']
"""
What a row that goes back in time gets: a row before its ticket's creation
or, with an order column, before a row that comes earlier in that order.
"""


class Outage(TypedDict, closed=True):
    """An outage of the service."""

    end: NotRequired[OptionalInstant]
    """When it ended; `None` while it goes on."""
    id: NotRequired[str | None]
    """The host's id for it."""
    start: Instant
    """When it began."""


class PauseRow(TypedDict, closed=True):
    """One pause of a ticket."""

    end: NotRequired[OptionalInstant]
    """When it ended; null while paused."""
    start: Instant
    """When it started."""


PeriodMonth = TypedDict(
    'PeriodMonth',
    {
        'from': NotRequired[Instant | None],
        'month': str | None,
        'rolling_days': NotRequired[int | None],
        'to': NotRequired[Instant | None],
    },
    closed=True,
)


PeriodRollingDays = TypedDict(
    'PeriodRollingDays',
    {
        'from': NotRequired[Instant | None],
        'month': NotRequired[str | None],
        'rolling_days': int | None,
        'to': NotRequired[Instant | None],
    },
    closed=True,
)


PeriodFromTo = TypedDict(
    'PeriodFromTo',
    {
        'from': Instant | None,
        'month': NotRequired[str | None],
        'rolling_days': NotRequired[int | None],
        'to': Instant | None,
    },
    closed=True,
)


Period: TypeAlias = PeriodMonth | PeriodRollingDays | PeriodFromTo
"""The period a report covers."""


PeriodBy: TypeAlias = Literal['creation', 'resolution']
"""Which records a period holds."""


class PlannedChange(TypedDict, closed=True):
    """
    A change as windows and other changes judge it: what it touches, when,
    and who carries it out.
    """

    assignee: NotRequired[str | None]
    """Who carries it out (for double-booking between changes)."""
    end: Instant
    """
    When it ends (half-open: a change ending when a freeze starts does not
    overlap it).
    """
    id: NotRequired[str | None]
    """The change's id, carried."""
    items: list[str]
    """The items and services it touches (ids of the service graph)."""
    start: Instant
    """When it starts."""


class PriorityAnswer(TypedDict, closed=True):
    """What the matrix answers for a record."""

    matrix_priority: str
    """The matrix cell's priority, before any override."""
    override_applied: str | None
    """The path of the override that applied (`overrides[0]`), if one did."""
    override_name: str | None
    """That override's name, if it has one."""
    priority: str
    """The priority to use."""


class Question(TypedDict, closed=True):
    """A question and the points of each answer."""

    answers: dict[str, int]
    """The points of each answer."""
    id: str
    """How answers name it."""
    text: NotRequired[str | None]
    """Shown to people."""


class Questionnaire(TypedDict, closed=True):
    """
    Questions whose answers add up to a score, and the bands that turn the
    score into a level.
    """

    bands: list[Band]
    """In increasing `at_least`; the first band starts at the lowest score."""
    questions: list[Question]
    """The questions."""


class Reason(TypedDict):
    """
    Why a move or a command is refused: a stable code, the path of what
    refused (in the workflow document for a guard or a requirement, in the
    command for a record's own rules), and a sentence. Workflows and records
    share it, so a host reads every refusal the same way.

    | code | refused by |
    | --- | --- |
    | `not_from_state` | the transition does not leave from the record's state (path: its `from`) |
    | `no_transition_to_state` | no transition leads to the state asked for (path: the state) |
    | `field_required` | a field the transition `requires` is not set |
    | `field_value_unknown` | a required field holds a value outside its declared `values` |
    | `field_not_set`, `field_not_equal`, `field_not_in` | the field guards |
    | `condition_failed` | a `condition` guard (the message is the guard's) |
    | `role_missing`, `group_missing`, `not_in_record_group` | the actor guards |
    | `actor_not_named` | `actor_is`: the actor is not the one the field names |
    | `segregation_of_duties` | `actor_is_not`: the actor is the one the field names |
    | `approvals_missing`, `approvals_pending`, `approvals_rejected` | the quorum of `approvals` |
    | `approval_not_counted` | an approval by an actor its `not_by` excludes (one reason each) |
    | `children_open` | `children_in` |
    | `outside_window`, `inside_freeze` | the calendar guards |
    | `predicate_failed` | a `host` guard the host answered false |
    | `no_alternative_passed` | an `any` guard none of whose guards passes |
    | `record_closed` | a record command: the record is closed or cancelled |
    | `reopen_window_passed` | `reopen`: the window after resolution has passed |
    | `not_reopenable` | `reopen`: no `reopen` transition leaves the record's state |
    | `self_approval` | an answer or a delegation by an actor whose approval never counts |
    | `not_an_approver`, `already_answered`, `no_approval_pending`, `approvals_suspended` | the approval commands |
    | `approval_in_progress` | `request_approval` while a request is open |
    | `link_to_itself`, `link_exists`, `link_unknown`, `link_not_allowed`, `second_parent` | the link commands |
    | `child_exists`, `child_unknown` | the child commands |
    | `field_not_declared` | `set_fields`, `assign`: a field the workflow does not declare |
    | `state_field` | `set_fields`: the state moves only through transitions |
    | `nothing_to_change` | a command that would change nothing |
    """

    code: Literal['not_from_state', 'no_transition_to_state', 'field_required', 'field_value_unknown', 'field_not_set', 'field_not_equal', 'field_not_in', 'condition_failed', 'role_missing', 'group_missing', 'not_in_record_group', 'actor_not_named', 'segregation_of_duties', 'approvals_missing', 'approvals_pending', 'approvals_rejected', 'approval_not_counted', 'children_open', 'outside_window', 'inside_freeze', 'predicate_failed', 'no_alternative_passed', 'record_closed', 'reopen_window_passed', 'not_reopenable', 'self_approval', 'not_an_approver', 'already_answered', 'no_approval_pending', 'approvals_suspended', 'approval_in_progress', 'link_to_itself', 'link_exists', 'link_unknown', 'link_not_allowed', 'second_parent', 'child_exists', 'child_unknown', 'field_not_declared', 'state_field', 'nothing_to_change']
    """A stable code (see the table above)."""
    field: NotRequired[str | None]
    """The record field concerned, when one is."""
    message: str
    """The reason, in a sentence for people."""
    path: str
    """
    The path of what refused: in the workflow document for a guard or a
    requirement (`transitions[8].guards[1]`), in the command for a
    record's own rules (`command.approver`).
    """
    transition: NotRequired[str | None]
    """The transition refused, when the reason concerns one."""


class ReassignmentCount(TypedDict, closed=True):
    """How many resolved records were reassigned a given number of times."""

    reassignments: int
    """The number of reassignments."""
    records: int
    """The resolved records reassigned that often."""


class RecordEventCommented(TypedDict):
    """A comment or an internal work note."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    internal: bool
    """A work note the requester does not see."""
    text: str
    """The text."""
    type: Literal['commented']


class RecordEventApprovalAnswered(TypedDict):
    """An approver answered (the actor is who answered)."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    answer: Answer
    """`approved` or `rejected`."""
    approver: str
    """The approver answering, as the step names them."""
    comment: NotRequired[str | None]
    """Their comment."""
    step: int
    """The step."""
    type: Literal['approval_answered']


RecordEventApprovalDelegated = TypedDict(
    'RecordEventApprovalDelegated',
    {
        'actor': str,
        'at': Instant,
        'record': str,
        'schema_version': NotRequired[int],
        'version': int,
        'from': str,
        'step': int,
        'to': str,
        'type': Literal['approval_delegated'],
    },
)


class RecordEventApprovalsSuspended(TypedDict):
    """The pending approvals were suspended: the record went on hold."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    type: Literal['approvals_suspended']


class RecordEventApprovalsReinstated(TypedDict):
    """The suspended approvals were reinstated: the record came off hold."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    type: Literal['approvals_reinstated']


class RecordEventChildAdded(TypedDict):
    """A child (a task, a child incident) was added."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    child: Child
    """The child and its state."""
    type: Literal['child_added']


class RecordEventChildUpdated(TypedDict):
    """A child's state changed."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    child: Child
    """The child and its new state."""
    type: Literal['child_updated']


class RecordEventChildRemoved(TypedDict):
    """A child was removed."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    id: str
    """Its id."""
    type: Literal['child_removed']


class RecordEventMajorIncidentFlagged(TypedDict):
    """The record was flagged a major incident."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    notify: list[str]
    """Whom to tell."""
    rule: str
    """The trigger rule that matched."""
    type: Literal['major_incident_flagged']


RelationKind: TypeAlias = Literal['depends_on', 'runs_on', 'impacts']
"""How two nodes are related, read as `from <kind> to`."""


ReopenPolicy: TypeAlias = Literal['continue_paused', 'continue_counting', 'first_completion', 'new_cycle']
"""What happens when a stopped clock's record is reopened."""


class Reopened(TypedDict, closed=True):
    """How often and when a record was reopened."""

    count: int
    """How many times."""
    last_at: Instant
    """The last time."""
    last_by: str
    """By whom, the last time."""


class RiskInput(TypedDict, closed=True):
    """What is known of one change."""

    answers: NotRequired[dict[str, str]]
    """
    The questionnaire's answers by question id; unanswered questions score
    nothing.
    """
    fields: NotRequired[dict[str, Any]]
    """The change's fields, which the rules test."""
    impact: NotRequired[str | None]
    """The impact, for the matrix (with `probability`)."""
    probability: NotRequired[str | None]
    """The probability, for the matrix (with `impact`)."""


class RiskMatrix(TypedDict, closed=True):
    """Impact x probability to a level."""

    cells: dict[str, dict[str, str]]
    """The level of each impact (outer key) and probability (inner key)."""
    impacts: list[str]
    """Impact values."""
    probabilities: list[str]
    """Probability values."""


RiskSourceKind: TypeAlias = Literal['rule', 'questionnaire', 'matrix', 'default']
"""Which part of the policy gave a level."""


Scalar: TypeAlias = str | float | bool | None
"""A field value: a string, number, boolean or null."""


Scalars: TypeAlias = list[str | float | bool | None]


class ScheduleDocument(TypedDict, closed=True):
    """The document of a schedule."""

    changes: list[PlannedChange]
    """The changes, in any order, each with an id."""


class ScorePoints(TypedDict, closed=True):
    """
    The change success score's points: a score starts at `start`, each
    completed change adds the points of its outcome and of the incidents it
    caused, and the sum is held within `min..=max`.
    """

    backed_out: NotRequired[int]
    """Points for a backed-out change."""
    caused_incident: NotRequired[int]
    """Points for each incident a change caused."""
    failed: NotRequired[int]
    """Points for a failed change."""
    max: NotRequired[int]
    """The highest score."""
    min: NotRequired[int]
    """The lowest score."""
    start: NotRequired[int]
    """Where a score starts (a team with no changes has it)."""
    successful: NotRequired[int]
    """Points for a successful change."""
    successful_with_issues: NotRequired[int]
    """Points for a change successful with issues."""


SegmentKind: TypeAlias = Literal['counted', 'outside_hours', 'holiday', 'paused']
"""A kind of interval in an explanation."""


Selection: TypeAlias = Literal['all', 'first', 'shortest', 'longest']
"""How one policy is chosen when several match a record."""


Shape: TypeAlias = Literal['tickets', 'events', 'snapshots']
"""Which shape a table has."""


class Slot(TypedDict, closed=True):
    """A slot without window conflicts."""

    end: Instant
    """When it then ends."""
    start: Instant
    """When the change may start."""


SlotQuery = TypedDict(
    'SlotQuery',
    {
        'assignee': NotRequired[str | None],
        'duration_ms': int,
        'from': Instant,
        'items': list[str],
        'until': Instant,
    },
    closed=True,
)


class SnapshotRow(TypedDict, closed=True):
    """One update of the snapshots shape: every current value of the ticket."""

    at: Instant
    """When the update happened."""
    created: NotRequired[OptionalInstant]
    """
    When the ticket was created (read from its first row); absent, at its
    first row.
    """
    fields: NotRequired[dict[str, Scalar]]
    """
    The ticket's values after the update, by source field; a field a row
    leaves out is null in it.
    """
    id: str
    """The ticket's id."""
    order: NotRequired[int | None]
    """
    Its place among the ticket's rows; when any row has one, every row
    needs one and rows go in its order.
    """


class StateDefinition(TypedDict, closed=True):
    """A state and its category."""

    category: Category
    """What the state means across workflows."""
    id: str
    """The state's id, as the record's `state` field holds it."""
    label: NotRequired[str | None]
    """A label for people."""


Status: TypeAlias = Literal['running', 'paused', 'met', 'breached', 'cancelled']
"""A metric's status at `now` (a clock that never started has no result)."""


class StepRequest(TypedDict, closed=True):
    """One step as a command asks for it."""

    approvers: list[str]
    """The approvers' actor ids."""
    group: NotRequired[str | None]
    """The group the step is asked of (`cab`), which workflow guards count by."""
    mode: Mode
    """How the step is decided."""
    name: NotRequired[str | None]
    """A name for people (`manager`, `cab`)."""
    threshold_percent: NotRequired[int | None]
    """For `quorum`: the approved share needed, 0 to 100."""


class SuccessScore(TypedDict, closed=True):
    """The change success score and what it is made of."""

    caused_incidents: int
    """The incidents they caused."""
    changes: int
    """The completed changes counted."""
    points: int
    """The points the completed changes earned (and lost)."""
    start: int
    """Where it started."""
    value: int
    """`start + points`, held within the score's bounds."""


class Retroactive(TypedDict, closed=True):
    anchor: NotRequired[Anchor]
    """Where the clock counts from (`created` by default)."""
    pauses: NotRequired[bool]
    """Whether past pauses of the new definition count (true by default)."""


class SwitchModeRetroactive(TypedDict, closed=True):
    """
    The new definition is applied retroactively from an anchor, with or
    without replaying its pause conditions over the past
    (`{"retroactive": {"anchor": "created", "pauses": true}}`).
    """

    retroactive: Retroactive


SwitchMode: TypeAlias = Literal['restart'] | Literal['keep_elapsed'] | SwitchModeRetroactive
"""
What happens to a running or paused clock when the policy judging it changes
(a priority change moves an incident to another policy). A stopped clock
keeps the definition it was judged by.
"""


class TableRow(TypedDict, closed=True):
    """
    One result row as a document: a ticket and clock, as a `ResultTable` row
    says it, durations in milliseconds.
    """

    breached: bool | None
    """Whether the current cycle is breached."""
    breached_at: OptionalInstant
    """When the goal was breached."""
    cycle: int | None
    """The current cycle, from 1."""
    deadline: OptionalInstant
    """The deadline."""
    elapsed_ms: OptionalDurationMs
    """Time counted."""
    elapsed_wall_ms: OptionalDurationMs
    """Wall time counted."""
    error: ErrorDocument | None
    """The error that prevented the ticket's evaluation."""
    ever_breached: bool | None
    """Whether any cycle was."""
    goal_ms: OptionalDurationMs
    """The goal."""
    metric: str | None
    """The metric."""
    next_wakeup: OptionalInstant
    """When the clock must be read again."""
    original_deadline: OptionalInstant
    """The deadline had the clock never paused."""
    overrun_ms: OptionalDurationMs
    """Time counted past the goal."""
    paused_ms: OptionalDurationMs
    """Time paused."""
    percent: float | None
    """Elapsed over goal, in percent."""
    policy: str | None
    """The policy judging the clock."""
    record: str
    """The ticket's id."""
    remaining_ms: OptionalDurationMs
    """Time left to the goal."""
    remaining_wall_ms: OptionalDurationMs
    """Wall time left to the deadline."""
    row: int
    """The ticket's row (tickets) or number in order of first appearance (events)."""
    started_at: OptionalInstant
    """When it started."""
    status: Status | None
    """Its status."""
    stopped_at: OptionalInstant
    """When it stopped."""
    thresholds_crossed: list[str]
    """The thresholds crossed, in the metric's order."""
    warnings: int
    """How many warnings the ticket's values gave."""


class TableSummary(TypedDict, closed=True):
    """
    The counts of a table's results: how many tickets and clocks, how the
    clocks stand, and SLA compliance with its denominator stated.

    Clocks are counted by their current cycle. `at_risk` counts live clocks
    (running or paused) not yet breached that have crossed a threshold.
    `compliance` is `met / (met + breached)`: clocks that are finished or
    already breached; running, paused and cancelled clocks are left out, and
    an empty denominator gives `null`.
    """

    at_risk: int
    """Live clocks that crossed a threshold but are not breached."""
    breached: int
    """Clocks breached (their current cycle)."""
    cancelled: int
    """Clocks cancelled."""
    clamped: int
    """
    Rows that went back in time, moved to the earliest instant they may
    have (`out_of_order: clamp`).
    """
    clocks: int
    """Clocks (ticket and metric pairs)."""
    compliance: float | None
    """`met / (met + breached)`, from 0 to 1; null when both are zero."""
    dropped: int
    """Rows that went back in time, left out (`out_of_order: drop`)."""
    error_codes: dict[str, int]
    """Errors by code."""
    errors: int
    """Tickets whose evaluation failed."""
    met: int
    """Clocks met."""
    no_policy: int
    """Tickets no policy applies to."""
    not_started: int
    """Tickets a policy applies to whose clocks have not started."""
    paused: int
    """Clocks paused."""
    records: int
    """Tickets evaluated, failed or not."""
    running: int
    """Clocks running."""
    unmapped: dict[str, dict[str, int]]
    """
    Values kept as they were for want of a mapping (`strict: false`), by
    field and value: how many cells.
    """
    warned: int
    """Tickets with at least one warning."""


class ThresholdPercent(TypedDict, closed=True):
    """An instant of a clock worth a notification."""

    after_deadline: NotRequired[Duration | None]
    """This long after the deadline."""
    before_deadline: NotRequired[Duration | None]
    """This long before the deadline."""
    in_business_hours: NotRequired[bool]
    """Move the instant into working hours."""
    name: NotRequired[str | None]
    """Shown in results; by default `75%`, `PT1H before`, `PT30M after`."""
    percent: float | None
    """A share of the goal, 0 to 100000 with at most two decimals."""
    wall: NotRequired[bool]
    """Offsets in wall time rather than the goal's terms."""


class ThresholdBeforeDeadline(TypedDict, closed=True):
    """An instant of a clock worth a notification."""

    after_deadline: NotRequired[Duration | None]
    """This long after the deadline."""
    before_deadline: Duration | None
    """This long before the deadline."""
    in_business_hours: NotRequired[bool]
    """Move the instant into working hours."""
    name: NotRequired[str | None]
    """Shown in results; by default `75%`, `PT1H before`, `PT30M after`."""
    percent: NotRequired[float | None]
    """A share of the goal, 0 to 100000 with at most two decimals."""
    wall: NotRequired[bool]
    """Offsets in wall time rather than the goal's terms."""


class ThresholdAfterDeadline(TypedDict, closed=True):
    """An instant of a clock worth a notification."""

    after_deadline: Duration | None
    """This long after the deadline."""
    before_deadline: NotRequired[Duration | None]
    """This long before the deadline."""
    in_business_hours: NotRequired[bool]
    """Move the instant into working hours."""
    name: NotRequired[str | None]
    """Shown in results; by default `75%`, `PT1H before`, `PT30M after`."""
    percent: NotRequired[float | None]
    """A share of the goal, 0 to 100000 with at most two decimals."""
    wall: NotRequired[bool]
    """Offsets in wall time rather than the goal's terms."""


Threshold: TypeAlias = ThresholdPercent | ThresholdBeforeDeadline | ThresholdAfterDeadline
"""An instant of a clock worth a notification."""


class ThresholdResult(TypedDict, closed=True):
    """A threshold of a cycle."""

    at: Instant
    """When it was crossed, or when it will be if the clock runs on."""
    crossed: bool
    """Whether it has been crossed."""
    name: str
    """The threshold's name."""


class TicketRow(TypedDict, closed=True):
    """One ticket of the tickets shape."""

    fields: NotRequired[dict[str, Scalar]]
    """Its attributes (`priority`...), as the fields they fill."""
    id: str
    """The ticket's id."""
    opened: Instant
    """When it was opened."""
    pauses: NotRequired[list[PauseRow]]
    """Its pauses, in order."""
    resolved: NotRequired[OptionalInstant]
    """When it was resolved; null while open."""


class TicketStates(TypedDict, closed=True):
    """
    The states a ticket row stands for: it is created in `opened`, each pause
    moves it to `paused` and back to `resumed`, and its resolution to
    `resolved`. The defaults are the built-in incident workflow's.
    """

    opened: NotRequired[str]
    """`"new"` by default."""
    paused: NotRequired[str]
    """`"on_hold"` by default."""
    resolved: NotRequired[str]
    """`"resolved"` by default."""
    resumed: NotRequired[str]
    """`"in_progress"` by default."""


TimeBasis: TypeAlias = Literal['wall', 'business']
"""How durations are measured."""


TimeOfDay: TypeAlias = str
"""A local time of day HH:MM or HH:MM:SS; 24:00 ends a day."""


TimeZone: TypeAlias = str
"""An IANA time zone name (Europe/Berlin, America/New_York, UTC)."""


class TriggerEvent(TypedDict, closed=True):
    """
    When a command yields an event of one of these types (`created`,
    `transitioned`, `commented`).
    """

    event: OneOrManyNames


class Sla(TypedDict, closed=True):
    metric: str
    """The metric's id (`resolution`)."""
    threshold: str
    """The threshold's name, or `breached`."""


class TriggerSla(TypedDict, closed=True):
    """
    When an SLA clock of the record crosses a threshold (by its name, such
    as `75%`), or breaches (`breached`).
    """

    sla: Sla


Verdict = TypedDict(
    'Verdict',
    {
        'allowed': bool,
        'from': str,
        'reasons': list[Reason],
        'sets': NotRequired[dict[str, Scalar]],
        'to': NotRequired[str | None],
        'transition': NotRequired[str | None],
    },
)


class WaitDays(TypedDict, closed=True):
    """Days of 24 hours."""

    days: int


class WaitHours(TypedDict, closed=True):
    """Hours."""

    hours: int


class WaitMinutes(TypedDict, closed=True):
    """Minutes."""

    minutes: int


Wait: TypeAlias = WaitDays | WaitHours | WaitMinutes
"""
A wait in wall-clock time: exactly one of `days` (of 24 hours), `hours` or
`minutes`, a whole number above zero.
"""


WarningCode: TypeAlias = Literal['unknown_state', 'unmentioned_value', 'no_policy_applies']
"""What an evaluation warns about."""


WeekdayKey: TypeAlias = Literal['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']


Window: TypeAlias = tuple[TimeOfDay, TimeOfDay]
"""A half-open window [start, end) of local wall time."""


WindowConflictKind: TypeAlias = Literal['inside_freeze', 'inside_blackout', 'outside_maintenance']
"""How a change conflicts with a window."""


WindowKind: TypeAlias = Literal['maintenance', 'freeze', 'blackout']
"""What a window does to the changes it covers."""


WorkingDayMode: TypeAlias = Literal['keep_time_of_day', 'end_of_day']
"""
Where a working-day result lands within its day; keeping the time of day is
the default.
"""


class ActionSet(TypedDict, closed=True):
    """Set fields."""

    set: dict[str, Scalar]


Action: TypeAlias = ActionAssign | ActionSetPriority | ActionSet | ActionTransition | ActionNotify | ActionAddNote
"""What a rule asks for; the record module answers each as a command."""


class AgeBucket(TypedDict, closed=True):
    """One bucket of the backlog's ages: `[from_ms, to_ms)`."""

    from_ms: DurationMs
    """The youngest age in the bucket."""
    records: int
    """The unresolved records of an age in the bucket."""
    to_ms: OptionalDurationMs
    """The first age after it; `null` for the last, open-ended bucket."""


class Approval(TypedDict, closed=True):
    """One approval of a record: who was asked, in which group, and their answer."""

    approver: str
    """The approver's actor id."""
    decision: Decision
    """The answer so far."""
    group: NotRequired[str | None]
    """The group the approval was asked of (`cab`, `ecab`), if any."""


class ApprovalPolicy(TypedDict, closed=True):
    """
    What a level asks for: the approval steps (as a `request_approval`
    command takes them) and whether the CAB reviews.
    """

    cab: NotRequired[bool]
    """Whether the change advisory board reviews the change."""
    steps: NotRequired[list[StepRequest]]
    """The steps, in sequence; none for a change that needs no approval."""


class Approver(TypedDict, closed=True):
    """One approver of a step."""

    answer: Answer
    """The answer so far."""
    approver: str
    """The actor asked (after delegation, the delegate)."""
    at: NotRequired[OptionalInstant]
    """When it was answered."""
    comment: NotRequired[str | None]
    """The approver's comment."""
    delegated_from: NotRequired[str | None]
    """Whom the approval was first asked of, when it was delegated."""


class AvailabilityReport(TypedDict, closed=True):
    """
    An availability report for one period, as of `now`.

    Durations are milliseconds of agreed service time: service hours less
    maintenance. Figures "so far" stop at `now` for a period still running.
    """

    agreed_ms: DurationMs
    """Agreed service time in the whole period."""
    agreed_so_far_ms: DurationMs
    """Agreed service time from the period's start to `now` (or its end)."""
    allowed_downtime_ms: DurationMs
    """Downtime the target allows over the whole period."""
    availability_percent: float | None
    """
    Agreed time up so far as a share of agreed time so far, unrounded;
    `None` when no service time has passed yet.
    """
    burn_rate: float | None
    """
    How fast the budget burns: the downtime share so far divided by the
    share the target allows; 1.0 uses exactly the budget by the period's end.
    """
    downtime_ms: DurationMs
    """Outage time within agreed service time, so far."""
    error_budget_remaining_ms: DurationMs
    """Allowed downtime not yet used; negative once the target is missed."""
    error_budget_remaining_percent: float | None
    """
    The remaining budget as a share of the allowed downtime (`None` for a
    100 % target).
    """
    met: bool
    """Whether availability so far meets the target (true with no service time yet)."""
    outages_counted: int
    """How many outages overlap agreed service time in the period so far."""
    period_end: Instant
    """First instant after the period."""
    period_start: Instant
    """First instant of the period."""
    target_percent: float
    """The target, in percent."""


class AvailableTransition(TypedDict):
    """
    One transition out of the record's state, as
    `Workflow::available` lists it: what a UI
    needs to draw a button, enabled or with its reasons.
    """

    allowed: bool
    """Whether it may be taken now."""
    label: NotRequired[str | None]
    """Its label, when the workflow gives one."""
    reasons: list[Reason]
    """Every reason against, empty when allowed."""
    to: str
    """The state it leads to."""
    transition: str
    """The transition's name."""


class Backlog(TypedDict, closed=True):
    """What is unresolved at `now`, by age."""

    buckets: list[AgeBucket]
    """The records by age, one bucket more than the bounds."""
    oldest_ms: OptionalDurationMs
    """The age of the oldest; `null` with none."""
    records: int
    """The unresolved records."""


class BatchItemError(TypedDict, closed=True):
    """It could not be: a bad document or a failed computation."""

    index: int
    """The record's position in the batch, from 0."""
    record: str | None
    """The record's id; `null` when its document has no readable id."""
    error: ErrorDocument


class Cascade(TypedDict, closed=True):
    """What one resolution passes on to other records, as commands."""

    copy: NotRequired[list[str]]
    """Fields copied from the resolved record into the command."""
    on: CascadeOn
    """Which resolution."""
    set: NotRequired[dict[str, Scalar]]
    """Fields the command sets besides."""
    to: str
    """The transition (or state) to ask of each record reached."""


class Relation(TypedDict, closed=True):
    kind: RelationKind
    """
    The relation's kind, as it is stated (`depends_on`: this node
    depends on `via`; `impacts`: `via` impacts this node).
    """
    via: str
    """The node impact came from."""


class CauseRelation(TypedDict, closed=True):
    """Impact reached it from `via` along a relation of this kind."""

    relation: Relation


Cause: TypeAlias = Literal['failed'] | CauseRelation | CauseGroup
"""Why a node is affected."""


ChangeConflict = TypedDict(
    'ChangeConflict',
    {
        'assignee': NotRequired[str | None],
        'change': str,
        'from': Instant,
        'item': str,
        'kind': ChangeConflictKind,
        'other': str,
        'other_item': str,
        'service': NotRequired[str | None],
        'to': Instant,
    },
    closed=True,
)


class CommandImport(TypedDict):
    """
    Bring a record over from another system in whatever state it has
    there: checked against the workflow's states and field values, not its edges.
    """

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    fields: dict[str, Scalar]
    """Its fields, `state` among them."""
    id: str
    """As for `create`."""
    kind: str
    """As for `create`."""
    type: Literal['import']
    workflow: NotRequired[str | None]
    """As for `create`."""


class CommandTransition(TypedDict):
    """Move by a transition, named or by its target state, setting fields with it."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    set: NotRequired[dict[str, Scalar]]
    """Fields set with the move (resolution code and notes)."""
    transition: str
    """The transition's name, or the state to move to."""
    type: Literal['transition']


class CommandSetFields(TypedDict):
    """Set fields (not `state`); `null` clears one."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    set: dict[str, Scalar]
    """The fields."""
    type: Literal['set_fields']


class CommandRequestApproval(TypedDict):
    """Ask for approvals: steps decided in order."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    on_approved: NotRequired[str | None]
    """The transition to ask for once approved."""
    on_rejected: NotRequired[str | None]
    """The transition to ask for once refused."""
    steps: list[StepRequest]
    """The steps."""
    type: Literal['request_approval']


class CommandLink(TypedDict):
    """Link to another record."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    kind: LinkKind
    """What the target is to this record."""
    target: str
    """The target's id."""
    type: Literal['link']


class CommandUnlink(TypedDict):
    """Remove a link."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    kind: LinkKind
    """As for `link`."""
    target: str
    """As for `link`."""
    type: Literal['unlink']


class Comment(TypedDict, closed=True):
    """A comment or work note on a record."""

    at: Instant
    """When."""
    by: str
    """By whom."""
    internal: bool
    """A work note the requester does not see."""
    text: str
    """The text."""


class ConditionStateIn(TypedDict, closed=True):
    """The `state` field's value after the event is one of these."""

    state_in: Scalars


class ConditionStateNotIn(TypedDict, closed=True):
    """The `state` field's value after the event is none of these."""

    state_not_in: Scalars


class FieldIn(TypedDict, closed=True):
    field: str
    """Field name."""
    values: Scalars
    """Accepted values."""


class ConditionFieldIn(TypedDict, closed=True):
    """The field's value after the event is one of these."""

    field_in: FieldIn


class FieldEq(TypedDict, closed=True):
    field: str
    """Field name."""
    value: Scalar
    """The value."""


class ConditionFieldEq(TypedDict, closed=True):
    """The field's value after the event is this one."""

    field_eq: FieldEq


class ChangesTo(TypedDict, closed=True):
    field: str
    """Field name."""
    values: Scalars
    """Accepted new values."""


class ConditionChangesTo(TypedDict, closed=True):
    """The event changes the field to one of these values."""

    changes_to: ChangesTo


class ChangesFrom(TypedDict, closed=True):
    field: str
    """Field name."""
    values: Scalars
    """Accepted old values."""


class ConditionChangesFrom(TypedDict, closed=True):
    """The event changes the field away from one of these values."""

    changes_from: ChangesFrom


class Context(TypedDict, closed=True):
    """
    Who acts and when, as the host tells it: the actor's id, roles and groups,
    the host's `now`, and what the host read beside the record: its approvals,
    its child tasks' states and the answers of the host's own predicates. The
    core reads no clock and no store, so these are exactly as fresh as the
    host's read.
    """

    actor: NotRequired[Actor | None]
    """The actor, when one acts."""
    approvals: NotRequired[list[Approval]]
    """The record's approvals, as requested and answered so far."""
    children: NotRequired[list[Child]]
    """The record's child tasks and their states."""
    now: NotRequired[OptionalInstant]
    """The host's current instant."""
    predicates: NotRequired[dict[str, bool]]
    """
    The host's answers to the predicates that workflow guards name
    (`{"credit_check_passed": true}`).
    """


class DateHours(TypedDict, closed=True):
    """Special hours on one date, replacing everything else (an empty list closes it)."""

    date: Date
    """The local date."""
    hours: list[Window]
    """Its windows."""


class EvaluationWarning(TypedDict, closed=True):
    """Something a record holds that its policy set does not know."""

    code: WarningCode
    """A stable code."""
    message: str
    """What is wrong, in a sentence."""
    path: str
    """
    Where in the timeline document the value first appears
    (`fields.priority`, `events[3].set.state`); empty for the record as a whole.
    """


class Event(TypedDict, closed=True):
    """
    One change to a record: at an instant, of a type, setting some fields, by an
    actor when the host knows one.
    """

    actor: NotRequired[str | None]
    """Who did it, when the host knows."""
    at: Instant
    """When it happened."""
    set: NotRequired[dict[str, Scalar]]
    """The fields it sets; a `null` value clears a field."""
    type: str
    """
    What happened (`"assigned"`, `"comment"`, `"state_changed"`, ...): free
    text that conditions test with `event_is`.
    """


class EventRow(TypedDict, closed=True):
    """One event or field change of the events shape."""

    at: Instant
    """When it happened."""
    created: NotRequired[OptionalInstant]
    """
    When the ticket was created (read from its first row); absent, at its
    first row.
    """
    field: NotRequired[str | None]
    """The field it sets; absent for an event that sets none."""
    id: str
    """The ticket's id."""
    order: NotRequired[int | None]
    """
    Its place among the ticket's rows (ServiceNow's `sys_mod_count`); when
    any row has one, every row needs one and rows go in its order.
    """
    type: NotRequired[str | None]
    """The event's type; absent is `update`."""
    value: NotRequired[Scalar]
    """The field's new value; null clears it."""


class ExtraWorkingDayHours(TypedDict, closed=True):
    """A date that works although the week template or a holiday would close it."""

    date: Date
    """The local date."""
    hours: list[Window] | None
    """Its windows."""
    like: NotRequired[WeekdayKey | None]
    """The weekday whose windows it takes."""


class ExtraWorkingDayLike(TypedDict, closed=True):
    """A date that works although the week template or a holiday would close it."""

    date: Date
    """The local date."""
    hours: NotRequired[list[Window] | None]
    """Its windows."""
    like: WeekdayKey | None
    """The weekday whose windows it takes."""


ExtraWorkingDay: TypeAlias = ExtraWorkingDayHours | ExtraWorkingDayLike
"""A date that works although the week template or a holiday would close it."""


class Failure(TypedDict, closed=True):
    """A failed or degraded item."""

    health: NotRequired[Health]
    """`down` (the default) or `degraded`."""
    item: str
    """The item's id."""


class FieldDefinition(TypedDict, closed=True):
    """A record field the workflow names."""

    id: str
    """The field's name in the record."""
    label: NotRequired[str | None]
    """A label for people."""
    requires: NotRequired[list[str]]
    """
    Fields that must be set whenever this one is required (a vendor
    reference whenever a vendor hold reason is). Cycles are refused.
    """
    values: NotRequired[Scalars | None]
    """
    The values the field may take; any other is refused wherever a
    transition requires the field. Absent: any value.
    """


class GraphChangeAddGroup(TypedDict, closed=True):
    """Adds a redundancy group of existing nodes."""

    add_group: GroupModel


class GroupReport(TypedDict, closed=True):
    """
    The figures of one group's records: the tickets and changes the period
    holds, and the group's tickets unresolved at `now`.
    """

    backlog: int
    """The group's tickets unresolved at `now`."""
    change_failure_rate: Figure
    """Failed and backed-out changes over completed ones."""
    change_success_rate: Figure
    """Successful changes over completed ones."""
    change_success_score: SuccessScore
    """The group's change success score."""
    changes: int
    """The group's changes in the period."""
    emergency_change_ratio: Figure
    """Emergency changes over the changes."""
    first_assignment_resolution: Figure
    """Resolved tickets never reassigned."""
    group: str | None
    """
    The group (`group` of the records' facts); `null` for the records
    without one.
    """
    mtta_ms: Figure
    """Mean time to acknowledge."""
    mttr_ms: Figure
    """Mean time to resolve."""
    reassignments_per_ticket: Figure
    """Reassignments per resolved ticket."""
    reopen_rate: Figure
    """Resolved tickets ever reopened."""
    sla_compliance: Figure
    """Tickets resolved by their deadline."""
    tickets: int
    """The group's tickets in the period."""


class GuardFieldEq(TypedDict, closed=True):
    """The field has this value."""

    field_eq: FieldEq


class GuardFieldIn(TypedDict, closed=True):
    """The field has one of these values."""

    field_in: FieldIn


class ImpactQuery(TypedDict, closed=True):
    """What to analyse: the failures, and how far impact is followed."""

    depth: NotRequired[int | None]
    """
    The most relations impact is followed across from a failed item
    (joining a redundancy group costs none); no limit when absent.
    """
    failures: list[Failure]
    """The failed or degraded items."""


Item = TypedDict(
    'Item',
    {
        'class': NotRequired[str | None],
        'id': str,
        'kind': NotRequired[ItemKind],
        'name': NotRequired[str | None],
    },
    closed=True,
)


class Link(TypedDict, closed=True):
    """A link from a record to another, by the other's id."""

    kind: LinkKind
    """What the target is to this record."""
    target: str
    """The target's id."""


class MetricRecord(TypedDict, closed=True):
    """
    The facts of one record that metrics read: what a host keeps or an
    export carries.

    JSON form (only `id`, `kind` and `created_at` are required):
    ```json
    {"id": "INC-7", "kind": "incident", "created_at": "2026-11-02T09:00:00Z",
     "acknowledged_at": "2026-11-02T09:20:00Z", "resolved_at": "2026-11-02T13:00:00Z",
     "closed_at": "2026-11-05T13:00:00Z", "due_at": "2026-11-02T17:00:00Z",
     "reopened": 0, "reassignments": 1, "item": "db-1"}
    ```
    A change adds `outcome`, `emergency` and `caused_incidents`.
    """

    acknowledged_at: NotRequired[OptionalInstant]
    """
    When it was first acknowledged (first response, or first taken in
    hand); left out when it never was.
    """
    cancelled: NotRequired[bool | None]
    """
    Whether it was cancelled: cancelled records are counted apart and
    left out of every other figure (null reads as false).
    """
    caused_incidents: NotRequired[int | None]
    """For a change, how many incidents it caused (null reads as 0)."""
    closed_at: NotRequired[OptionalInstant]
    """When it was closed (or cancelled); left out while open."""
    created_at: Instant
    """When it was created."""
    due_at: NotRequired[OptionalInstant]
    """
    The deadline of its resolution SLA (an evaluation's `deadline`);
    records without one are left out of SLA compliance. Met when resolved
    at or before it; breached once `now` is past it while unresolved.
    """
    emergency: NotRequired[bool | None]
    """For a change, whether it is an emergency change (null reads as false)."""
    group: NotRequired[str | None]
    """
    The group it is reported under (an assignment group, a team, a
    service): the report gives each group's figures besides the whole's.
    """
    id: str
    """The record's id, unique in the collection."""
    item: NotRequired[str | None]
    """
    The configuration item it concerns: an incident on an item is a
    failure of that item from its creation to its resolution.
    """
    kind: str
    """`incident`, `problem`, `service_request`, `change`, `task` or the host's own."""
    outcome: NotRequired[ChangeOutcome | None]
    """For a change, how it ended; left out while it has not."""
    reassignments: NotRequired[int | None]
    """
    How often its assignment group changed from one group to another
    (null reads as 0).
    """
    reopened: NotRequired[int | None]
    """How often it was reopened (null reads as 0, as an export's empty cell)."""
    resolved_at: NotRequired[OptionalInstant]
    """When it was last resolved; left out while unresolved."""


class MetricsReport(TypedDict, closed=True):
    """Every figure of a period, as of `now`."""

    backlog: Backlog
    """The tickets unresolved at `now`, whatever the period, by age."""
    by: PeriodBy
    """Which records the period holds."""
    cancelled: int
    """The cancelled records in the period, left out of every figure."""
    change_failure_rate: Figure
    """Failed and backed-out changes over the completed changes."""
    change_outcomes: ChangeOutcomes
    """The completed changes by outcome."""
    change_success_rate: Figure
    """Successful changes (with issues or not) over the completed changes."""
    change_success_score: SuccessScore
    """The change success score."""
    changes: int
    """The changes in the period, cancelled ones left out."""
    denominator: Denominator
    """What the ticket figures are over."""
    emergency_change_ratio: Figure
    """Emergency changes over the changes."""
    first_assignment_resolution: Figure
    """Resolved tickets never reassigned over the resolved tickets."""
    groups: list[GroupReport]
    """
    The figures per group, sorted by group (records without one first),
    when any record has a `group`; empty otherwise. The groups' tickets,
    changes, backlog, numerators and denominators add up to the whole's.
    """
    mtbf: list[ItemReliability]
    """Per item with incidents in the period, sorted by item."""
    mtta_ms: Figure
    """
    Mean time to acknowledge: time from creation to acknowledgement over
    the acknowledged tickets.
    """
    mttr_ms: Figure
    """
    Mean time to resolve: time from creation to resolution over the closed
    tickets (and the age of the open breached ones, with that denominator).
    """
    period_end: Instant
    """First instant after the period."""
    period_start: Instant
    """First instant of the period."""
    reassignment_counts: list[ReassignmentCount]
    """The resolved tickets by how often they were reassigned, fewest first."""
    reassignments_per_ticket: Figure
    """Reassignments over the resolved tickets."""
    reopen_rate: Figure
    """Resolved tickets ever reopened over the resolved tickets."""
    sla_compliance: Figure
    """
    Tickets resolved by their deadline over the closed tickets with one
    (and the open breached ones, with that denominator).
    """
    tickets: int
    """
    The tickets in the period (records of the counted kinds, cancelled
    ones left out).
    """
    time: TimeBasis
    """How durations are measured."""


class NthWeekdayDocument(TypedDict, closed=True):
    """The dates of an nth-weekday holiday."""

    month: int
    """Month, 1-12."""
    n: int
    """1-5 from the start of the month, -1 (last) to -5 from its end."""
    weekday: WeekdayKey
    """The weekday."""


class RecordEventCreated(TypedDict):
    """The record was created in its workflow's initial state."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    category: Category
    """The category of its state."""
    fields: dict[str, Scalar]
    """Its fields, `state` among them."""
    kind: str
    """`incident`, `problem`, `service_request`, `change` or `task`."""
    type: Literal['created']
    workflow: str
    """The workflow that judges it."""


class RecordEventImported(TypedDict):
    """
    The record was brought over from another system in whatever state it
    had there.
    """

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    category: Category
    """As for `created`."""
    fields: dict[str, Scalar]
    """As for `created`."""
    kind: str
    """As for `created`."""
    type: Literal['imported']
    workflow: str
    """As for `created`."""


class RecordEventFieldsSet(TypedDict):
    """Fields were set (`null` clears one)."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    set: dict[str, Scalar]
    """The fields."""
    type: Literal['fields_set']


class RecordEventAssigned(TypedDict):
    """The record was assigned."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    set: dict[str, Scalar]
    """`assignment_group` and `assigned_to`, as set."""
    type: Literal['assigned']


RecordEventTransitioned = TypedDict(
    'RecordEventTransitioned',
    {
        'actor': str,
        'at': Instant,
        'record': str,
        'schema_version': NotRequired[int],
        'version': int,
        'category': Category,
        'from': str,
        'set': NotRequired[dict[str, Scalar]],
        'to': str,
        'transition': str,
        'type': Literal['transitioned'],
    },
)


RecordEventReopened = TypedDict(
    'RecordEventReopened',
    {
        'actor': str,
        'at': Instant,
        'record': str,
        'schema_version': NotRequired[int],
        'version': int,
        'category': Category,
        'from': str,
        'reason': NotRequired[str | None],
        'set': NotRequired[dict[str, Scalar]],
        'to': str,
        'transition': str,
        'type': Literal['reopened'],
    },
)


class RecordEventApprovalRequested(TypedDict):
    """Approvals were asked for."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    on_approved: NotRequired[str | None]
    """The transition to ask for once approved."""
    on_rejected: NotRequired[str | None]
    """The transition to ask for once refused."""
    steps: list[StepRequest]
    """The steps, in order."""
    type: Literal['approval_requested']


class RecordEventLinked(TypedDict):
    """A link to another record was added."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    link: Link
    """The link."""
    type: Literal['linked']


class RecordEventUnlinked(TypedDict):
    """A link was removed."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    link: Link
    """The link."""
    type: Literal['unlinked']


class RecordEventKnownErrorRecorded(TypedDict):
    """A problem's known error was recorded."""

    actor: str
    """Who did it."""
    at: Instant
    """When it happened."""
    record: str
    """The record's id."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    version: int
    """The record's version once this event is applied: 1 for its creation."""
    set: dict[str, Scalar]
    """`known_error`, `symptom`, `root_cause` and `workaround`."""
    type: Literal['known_error_recorded']


RecordEvent: TypeAlias = RecordEventCreated | RecordEventImported | RecordEventFieldsSet | RecordEventAssigned | RecordEventTransitioned | RecordEventReopened | RecordEventCommented | RecordEventApprovalRequested | RecordEventApprovalAnswered | RecordEventApprovalDelegated | RecordEventApprovalsSuspended | RecordEventApprovalsReinstated | RecordEventLinked | RecordEventUnlinked | RecordEventChildAdded | RecordEventChildUpdated | RecordEventChildRemoved | RecordEventKnownErrorRecorded | RecordEventMajorIncidentFlagged
"""
One event of a record: the version it makes, when, by whom, and what
changed. `schema_version` is the version of the event document (events
written before it existed read as version 1).
"""


RelationModel = TypedDict(
    'RelationModel',
    {
        'from': str,
        'kind': RelationKind,
        'to': str,
    },
    closed=True,
)


class RiskSource(TypedDict, closed=True):
    """One level a part of the policy gave."""

    name: NotRequired[str | None]
    """The rule's name, when it has one."""
    path: str
    """
    Where in the policy (`rules[2]`, `questionnaire.bands[1]`,
    `matrix.cells.high.likely`, `default`).
    """
    risk: str
    """The level it gave."""
    score: NotRequired[int | None]
    """The questionnaire's score."""
    source: RiskSourceKind
    """Which part."""


Segment = TypedDict(
    'Segment',
    {
        'from': Instant,
        'kind': SegmentKind,
        'reason': NotRequired[str | None],
        'to': Instant,
    },
    closed=True,
)


class Step(TypedDict, closed=True):
    """One step of a round."""

    approvers: list[Approver]
    """Its approvers."""
    group: NotRequired[str | None]
    """The group it was asked of."""
    mode: Mode
    """How the step is decided."""
    name: NotRequired[str | None]
    """A name for people."""
    outcome: ApprovalOutcome
    """Its outcome so far."""
    threshold_percent: NotRequired[int | None]
    """For `quorum`: the approved share needed."""


class TableOptions(TypedDict, closed=True):
    """
    How a host's table is laid out: its shape, the name of each column, and for
    the tickets shape the states its rows stand for. Every language reads a
    table by this document, so the same options pick the same columns.
    """

    ambiguous_times: NotRequired[AmbiguousTimes]
    """
    What a local time that happens twice (in the hour the clocks go back)
    reads as.
    """
    at: NotRequired[str]
    """Events: the instant of the event (`"at"`)."""
    created: NotRequired[str | None]
    """
    Events and snapshots: when the ticket was created (`null`: at its
    first row).
    """
    field: NotRequired[str]
    """Events: the field it sets (`"field"`); null for an event that sets none."""
    field_names: NotRequired[dict[str, str]]
    """
    Source field names and the policy's fields they fill: columns of the
    tickets and snapshots shapes, names in the field column of events
    (`{"incident_state": "state"}`).
    """
    fields: NotRequired[list[str] | None]
    """
    The attribute columns read into fields; `null` (the default) reads every
    column named like a field the policy set reads, or renamed to one.
    """
    id: NotRequired[str]
    """The ticket id column (`"id"`)."""
    null_marker: NotRequired[str | None]
    """A text that reads as null in every value cell (`""`, `"NULL"`)."""
    opened: NotRequired[str]
    """Tickets: when the ticket was opened (`"opened"`)."""
    order: NotRequired[str | None]
    """
    Events and snapshots: the integer column that orders a ticket's rows
    (ServiceNow's `sys_mod_count`); `null` orders them by instant, equal
    instants in the input's order.
    """
    out_of_order: NotRequired[OutOfOrder]
    """What a row that goes back in time gets (`"refuse"` by default)."""
    pause_end: NotRequired[str]
    """The end field of a pause, null while paused (`"end"`)."""
    pause_start: NotRequired[str]
    """The start field of a pause (`"start"`)."""
    pauses: NotRequired[str]
    """
    Tickets: its pause intervals, a list of `{start, end}` (`"pauses"`); an
    absent column means no pauses.
    """
    resolved: NotRequired[str]
    """Tickets: when it was resolved, null while open (`"resolved"`)."""
    shape: NotRequired[Shape]
    """`tickets` (the default) or `events`."""
    states: NotRequired[TicketStates]
    """Tickets: the states its rows stand for."""
    strict: NotRequired[bool]
    """
    `true` (the default): a value of a field `values` maps that has no
    mapping is an error naming its cell. `false`: it is kept as it is and
    counted in the summary's `unmapped`.
    """
    time_format: NotRequired[str | None]
    """
    The format of timestamp text, in strftime notation
    (`"%d.%m.%Y %H:%M:%S"`, with `%z` when it carries an offset); `null`
    reads RFC 3339 and `2026-11-23 09:00:00`.
    """
    time_zone: NotRequired[TimeZone | None]
    """
    The zone of naive timestamps and of timestamp text without an offset
    (`"Europe/Berlin"`); such timestamps are refused without it.
    """
    type: NotRequired[str]
    """
    Events: the event's type (`"type"`); an absent column or a null is
    `update`.
    """
    value: NotRequired[str]
    """Events: the field's new value (`"value"`); null clears the field."""
    values: NotRequired[dict[str, dict[str, MappedValue]]]
    """
    Source values and what they map to, by the policy's field: `{"priority":
    {"3 - Moderate": "P3"}, "state": {"Awaiting User Info": {"state":
    "on_hold", "hold_reason": "awaiting_caller"}}}`. A number or boolean
    cell matches by its JSON text (`"3"`, `"true"`); a null is not mapped.
    """


class TableResult(TypedDict, closed=True):
    """
    The results of a table given as rows: a row per ticket and clock, and the
    summary.
    """

    rows: list[TableRow]
    """The result rows, as `ResultTable` orders them."""
    summary: TableSummary
    """The counts."""


class Timeline(TypedDict, closed=True):
    """
    A record's history: its fields when created and every event since, in time
    order (equal instants keep their order). The input of SLA evaluation; hosts
    build it from any ticket system's history (see `docs/timeline-format.md`).

    The constructors keep the invariants: events are never before the creation
    or before the event they follow, field values are scalars, instants lie in
    the supported range. Reading a document checks the same, and names the path.
    """

    created_at: Instant
    """When the record was created."""
    events: NotRequired[list[Event]]
    """Everything that happened since, in time order."""
    fields: NotRequired[dict[str, Scalar]]
    """Its fields at creation."""
    id: str
    """The record's id, as the host knows it."""


class InState(TypedDict, closed=True):
    after: Wait
    """How long."""
    state: str
    """The state."""


class TriggerInState(TypedDict, closed=True):
    """When the record has been in a state this long."""

    in_state: InState


class TriggerAfterResolution(TypedDict, closed=True):
    """This long after the record was resolved, while it stays resolved."""

    after_resolution: Wait


Trigger: TypeAlias = TriggerEvent | TriggerSla | TriggerInState | TriggerAfterResolution
"""When a rule may fire."""


class WeekDays(TypedDict, closed=True):
    """Hours per weekday; a weekday left out is closed."""

    fri: NotRequired[list[Window]]
    mon: NotRequired[list[Window]]
    sat: NotRequired[list[Window]]
    sun: NotRequired[list[Window]]
    thu: NotRequired[list[Window]]
    tue: NotRequired[list[Window]]
    wed: NotRequired[list[Window]]


WindowConflict = TypedDict(
    'WindowConflict',
    {
        'change': NotRequired[str | None],
        'from': Instant,
        'item': str,
        'kind': WindowConflictKind,
        'to': Instant,
        'window': str,
    },
    closed=True,
)


class Affected(TypedDict, closed=True):
    """A node brought down or degraded."""

    cause: Cause
    """Why."""
    depth: int
    """The fewest relations between it and a failed item."""
    health: Health
    """How it stands."""
    id: str
    """The node's id."""
    kind: NodeKind
    """What it is."""
    path: NotRequired[list[str]]
    """
    For a service: the nodes impact came through, from a failed item to
    the service itself. Empty for items and groups.
    """


class CommandCreate(TypedDict):
    """Create a record in its workflow's initial state."""

    expected_version: NotRequired[int | None]
    """
    The record version the command was written against, if the host
    checks it.
    """
    rule: NotRequired[str | None]
    """
    The automation rule that asked for this command, in the follow-ups a
    desk answers. Its events fire no event-triggered rule, so rules cannot
    set each other off without end.
    """
    fields: NotRequired[dict[str, Scalar]]
    """Its first fields (no `state`: the workflow's initial state is taken)."""
    id: str
    """The new record's id, given by the host."""
    kind: str
    """`incident`, `problem`, `service_request`, `change` or `task`."""
    links: NotRequired[list[Link]]
    """Links to make at once (a follow-up incident, a child's parent)."""
    type: Literal['create']
    workflow: NotRequired[str | None]
    """The workflow, when not the desk's default for the kind."""


Command: TypeAlias = CommandCreate | CommandImport | CommandAssign | CommandTransition | CommandSetFields | CommandComment | CommandRequestApproval | CommandApprove | CommandReject | CommandDelegateApproval | CommandLink | CommandUnlink | CommandAddChild | CommandUpdateChild | CommandRemoveChild | CommandReopen | CommandRecordKnownError
"""
A command to a record: an action and, optionally, the version of the
record it was written against (a form loaded earlier); a record at another
version refuses it with `version_conflict`.
"""


class CycleResult(TypedDict, closed=True):
    """
    A metric's clock read at `now`, for one cycle.

    Durations are milliseconds, measured in the goal's own terms: business time
    in the metric's calendar, or wall time for a wall goal.
    """

    breached_at: OptionalInstant
    """The deadline, when breached."""
    cycle: int
    """1 for the first cycle; a reopen with the `new_cycle` policy starts the next."""
    deadline: OptionalInstant
    """
    The earliest instant at which elapsed time reaches the goal, projected
    from the clock's last change (it does not move while paused).
    """
    deadline_next_opening: OptionalInstant
    """
    The first working instant at or after the deadline: where work resumes
    when the deadline is a closing instant.
    """
    elapsed_ms: DurationMs
    """Time counted towards the goal."""
    elapsed_wall_ms: DurationMs
    """Wall time the clock was running."""
    explanation: list[Segment]
    """
    The intervals from the start to the stop (or `now`): counted, outside
    hours, holiday, paused. Empty when the evaluation was asked not to
    explain (`crate::sla::EvaluateOptions`).
    """
    goal_ms: DurationMs
    """
    The goal in the goal's terms (for a negotiated date, the business time
    from the start to it).
    """
    metric: str
    """The metric's id."""
    next_wakeup: OptionalInstant
    """
    When to evaluate again: the first instant after `now` at which a
    threshold is crossed or the clock breaches if nothing happens; `None` when
    paused, stopped, or breached with no threshold left.
    """
    original_deadline: OptionalInstant
    """The deadline had the clock never paused."""
    overrun_ms: DurationMs
    """Elapsed time beyond the goal."""
    paused_by_reason: dict[str, DurationMs]
    """`paused_ms` per reason."""
    paused_ms: DurationMs
    """Time paused, in the goal's terms (a pause in closed hours counts nothing)."""
    percent: float | None
    """Elapsed time as a percentage of the goal, unrounded; `None` for a zero goal."""
    remaining_ms: DurationMs
    """Goal minus elapsed time, at least 0."""
    remaining_wall_ms: DurationMs
    """Wall time from `now` to the deadline, at least 0; 0 once stopped."""
    started_at: OptionalInstant
    """When the cycle started."""
    status: Status
    """The status at `now`."""
    stopped_at: OptionalInstant
    """When the clock stopped (met or breached) or was cancelled."""
    thresholds: list[ThresholdResult]
    """
    Every threshold with its instant (crossed, or projected from the clock's
    last change).
    """


class Followup(TypedDict):
    """
    A command the host should give next, to another record or this one, and
    why (`cascade:parent_resolved`, `approval:approved`, `parent`,
    `automation:<rule id>`).
    """

    because: str
    """Why."""
    command: Command
    """The command."""
    record: str
    """The record to give it to."""


class GraphChangeAddItem(TypedDict, closed=True):
    """Adds an item."""

    add_item: Item


class GraphChangeAddRelation(TypedDict, closed=True):
    """Adds a relation."""

    add_relation: RelationModel


class GraphChangeRemoveRelation(TypedDict, closed=True):
    """Removes a relation."""

    remove_relation: RelationModel


GraphChange: TypeAlias = GraphChangeAddItem | GraphChangeRemoveItem | GraphChangeAddRelation | GraphChangeRemoveRelation | GraphChangeAddGroup | GraphChangeRemoveGroup
"""
One change to a graph: `{"add_item": {...}}`, `{"remove_item": "db-1"}`,
`{"add_relation": {...}}`, `{"remove_relation": {...}}`, `{"add_group":
{...}}`, `{"remove_group": "db-cluster"}`.
"""


class GraphDocument(TypedDict, closed=True):
    """
    The graph as a document: every item, relation and group.

    ```json
    {"items": [{"id": "payroll", "kind": "business_service"}, {"id": "db-1"}, {"id": "db-2"}],
     "groups": [{"id": "db-cluster", "members": ["db-1", "db-2"], "min_up": 1}],
     "relations": [{"from": "payroll", "kind": "depends_on", "to": "db-cluster"}]}
    ```
    """

    groups: NotRequired[list[GroupModel]]
    """Redundancy groups."""
    items: NotRequired[list[Item]]
    """Services and configuration items."""
    relations: NotRequired[list[RelationModel]]
    """Relations between items and groups."""


HolidayDate = TypedDict(
    'HolidayDate',
    {
        'annual': NotRequired[str | None],
        'closed': NotRequired[list[Window] | None],
        'date': Date | None,
        'easter': NotRequired[int | None],
        'from': NotRequired[Date | None],
        'name': NotRequired[str | None],
        'nth_weekday': NotRequired[NthWeekdayDocument | None],
        'observed': NotRequired[Observed | None],
        'to': NotRequired[Date | None],
    },
    closed=True,
)


HolidayFromTo = TypedDict(
    'HolidayFromTo',
    {
        'annual': NotRequired[str | None],
        'closed': NotRequired[list[Window] | None],
        'date': NotRequired[Date | None],
        'easter': NotRequired[int | None],
        'from': Date | None,
        'name': NotRequired[str | None],
        'nth_weekday': NotRequired[NthWeekdayDocument | None],
        'observed': NotRequired[Observed | None],
        'to': Date | None,
    },
    closed=True,
)


HolidayAnnual = TypedDict(
    'HolidayAnnual',
    {
        'annual': str | None,
        'closed': NotRequired[list[Window] | None],
        'date': NotRequired[Date | None],
        'easter': NotRequired[int | None],
        'from': NotRequired[Date | None],
        'name': NotRequired[str | None],
        'nth_weekday': NotRequired[NthWeekdayDocument | None],
        'observed': NotRequired[Observed | None],
        'to': NotRequired[Date | None],
    },
    closed=True,
)


HolidayNthWeekday = TypedDict(
    'HolidayNthWeekday',
    {
        'annual': NotRequired[str | None],
        'closed': NotRequired[list[Window] | None],
        'date': NotRequired[Date | None],
        'easter': NotRequired[int | None],
        'from': NotRequired[Date | None],
        'name': NotRequired[str | None],
        'nth_weekday': NthWeekdayDocument | None,
        'observed': NotRequired[Observed | None],
        'to': NotRequired[Date | None],
    },
    closed=True,
)


HolidayEaster = TypedDict(
    'HolidayEaster',
    {
        'annual': NotRequired[str | None],
        'closed': NotRequired[list[Window] | None],
        'date': NotRequired[Date | None],
        'easter': int | None,
        'from': NotRequired[Date | None],
        'name': NotRequired[str | None],
        'nth_weekday': NotRequired[NthWeekdayDocument | None],
        'observed': NotRequired[Observed | None],
        'to': NotRequired[Date | None],
    },
    closed=True,
)


Holiday: TypeAlias = HolidayDate | HolidayFromTo | HolidayAnnual | HolidayNthWeekday | HolidayEaster
"""A holiday: whole local days, or the closed parts of them."""


class Impact(TypedDict, closed=True):
    """The answer of an impact analysis."""

    affected: list[Affected]
    """
    Every node down or degraded, nearest the failures first (by depth,
    then in the order nodes were added).
    """
    counts: ImpactCounts
    """The counts."""
    operational_services: list[str]
    """The services left operational, in the order they were added."""


class MetricResult(TypedDict, closed=True):
    """
    A metric's clock for one record: every cycle, and what the record's policy
    set says about it.
    """

    breached: bool
    """Whether the current (last) cycle is breached."""
    contract: Contract
    """That policy's contract."""
    cycles: list[CycleResult]
    """Every cycle, oldest first."""
    ever_breached: bool
    """Whether any cycle ever breached."""
    kind: MetricKind
    """`response`, `resolution`, `next_update` or `custom`."""
    metric: str
    """The metric's id."""
    name: str | None
    """The metric's name, if any."""
    policy: str
    """The policy judging the clock now."""


class RiskAssessment(TypedDict, closed=True):
    """A change's risk, why, and what it asks for."""

    approval: ApprovalPolicy
    """What the level asks for."""
    risk: str
    """The highest level of the sources."""
    sources: list[RiskSource]
    """
    Every level given, in the order rules, questionnaire, matrix (or the
    default alone).
    """


class Round(TypedDict, closed=True):
    """One round of approvals: steps decided in order."""

    on_approved: NotRequired[str | None]
    """The transition to ask for once approved, if any."""
    on_rejected: NotRequired[str | None]
    """The transition to ask for once refused, if any."""
    outcome: ApprovalOutcome
    """The round's outcome so far."""
    requested_at: Instant
    """When."""
    requested_by: str
    """Who asked."""
    steps: list[Step]
    """The steps, in order: a step is open once every step before it approved."""
    suspended: NotRequired[bool]
    """Whether its pending approvals are suspended (the record is on hold)."""


Week: TypeAlias = Literal['24x7'] | WeekDays
"""Working hours per weekday (a missing weekday is closed), or "24x7"."""


class Evaluation(TypedDict, closed=True):
    """A record evaluated against a policy set at `now`."""

    matched: list[str]
    """Ids of the policies that match the record now, in document order."""
    metrics: list[MetricResult]
    """The clocks attached now, by policy and metric order."""
    next_wakeup: OptionalInstant
    """The earliest `next_wakeup` of any clock: schedule one timer for it."""
    now: Instant
    """The instant of the evaluation."""
    record: str
    """The record's id."""
    selected: list[str]
    """Ids of the policies selected among them."""
    warnings: NotRequired[list[EvaluationWarning]]
    """
    What the record holds that the policy set does not know (a state it
    does not list, a value no condition mentions, no policy at all); left
    out when there is nothing to say.
    """


class RecordDocument(TypedDict, closed=True):
    """
    A record: an incident, problem, service request, change or task, as the
    fold of its events. Its JSON document is what hosts store beside the
    events; reading it checks that its fields are the fold of its history.
    """

    approvals: NotRequired[list[Round]]
    """Every round of approvals, the current one last."""
    category: Category
    """The category of its state."""
    children: NotRequired[list[Child]]
    """Its children (tasks, child incidents) and their states."""
    closed_at: NotRequired[OptionalInstant]
    """When it was closed or cancelled."""
    comments: NotRequired[list[Comment]]
    """Comments and work notes, oldest first."""
    created_by: str
    """Who created (or imported) it."""
    fields: dict[str, Scalar]
    """Its fields now, `state` among them."""
    history: Timeline
    """
    Its history as the SLA engine reads it: its fields at creation and
    every event since, each with the fields it set.
    """
    id: str
    """The record's id."""
    kind: str
    """`incident`, `problem`, `service_request`, `change` or `task`."""
    links: NotRequired[list[Link]]
    """Its links, in the order they were made."""
    major_incident: NotRequired[MajorIncident | None]
    """Its flag as a major incident."""
    reassignments: NotRequired[int]
    """How often its assignment group changed from one group to another."""
    reopened: NotRequired[Reopened | None]
    """How often it reopened."""
    resolved_at: NotRequired[OptionalInstant]
    """When it was last resolved, while it is resolved or closed."""
    schema_version: NotRequired[int]
    """The version of this document's shape."""
    state_since: Instant
    """When it entered its state."""
    version: int
    """The number of events applied: each event makes the next version."""
    workflow: str
    """The workflow that judges it."""


class Wakeup(TypedDict):
    """
    What waking a record gives: the commands time triggers ask for, whom to
    tell, the SLA evaluation when the desk has policies, and when to wake next.
    """

    followups: list[Followup]
    """Commands for the host to give."""
    next_wakeup: OptionalInstant
    """When to wake next."""
    notifications: list[Notification]
    """People to tell."""
    sla: NotRequired[Evaluation | None]
    """The record's SLA evaluation at `now` (without explanations)."""


class BatchItemEvaluation(TypedDict, closed=True):
    """The record was evaluated."""

    index: int
    """The record's position in the batch, from 0."""
    record: str | None
    """The record's id; `null` when its document has no readable id."""
    evaluation: Evaluation


BatchItem: TypeAlias = BatchItemEvaluation | BatchItemError
"""
One record's outcome in a batch: `{index, record, evaluation}` or
`{index, record, error}`, the same document in every language.
"""


class Outcome(TypedDict):
    """
    What a command gives: the events to store, the record they make, what to
    do next, and when to wake.
    """

    events: list[RecordEvent]
    """The events, in order, to store with the version the command read."""
    followups: list[Followup]
    """Commands for the host to give next."""
    next_wakeup: OptionalInstant
    """
    When to call `Desk::wake` for the record: the earliest time trigger
    or SLA threshold to come.
    """
    notifications: list[Notification]
    """People to tell."""
    record: RecordDocument
    """The next record."""


class Availability(TypedDict, closed=True):
    """
    What availability is measured against: service hours, a target, outages and
    agreed maintenance windows.

    JSON form:
    ```json
    {"service_hours": {"time_zone": "Europe/Berlin", "week": "24x7"}, "target": 99.9,
     "outages": [{"start": "2026-11-03T10:00:00Z", "end": "2026-11-03T10:45:00Z"},
                 {"start": "2026-11-20T08:00:00Z", "end": null}],
     "maintenance": [{"start": "2026-11-08T01:00:00Z", "end": "2026-11-08T03:00:00Z"}]}
    ```
    `service_hours` is a calendar document (24x7 UTC when left out); the target
    has at most three decimals (99.999); an outage whose `end` is null or left
    out is still going on at `now`.
    """

    maintenance: NotRequired[list[Maintenance]]
    """Agreed maintenance, left out of both sides."""
    outages: NotRequired[list[Outage]]
    """Outages; one without an end is still going on."""
    service_hours: NotRequired["Calendar"]
    """The agreed service hours."""
    target: float
    """The availability target in percent, at most three decimals (99.9, 99.999)."""


class CalendarTimeZoneWeek(TypedDict, closed=True):
    """A calendar document, as data."""

    difference: NotRequired[list["Calendar"] | None]
    """Working when the first member works and no other does."""
    extra_working_days: NotRequired[list[ExtraWorkingDay]]
    """Dates that work although the week or a holiday would close them."""
    holidays: NotRequired[list[Holiday]]
    """Holidays."""
    intersection: NotRequired[list["Calendar"] | None]
    """Working when every member works."""
    name: NotRequired[str | None]
    """Shown in explanations."""
    overrides: NotRequired[list[DateHours]]
    """Dated special hours, replacing everything else on the date."""
    time_zone: TimeZone | None
    """The IANA zone of the windows; for a composite, the zone whose dates are days."""
    union: NotRequired[list["Calendar"] | None]
    """Working when any member works."""
    week: Week | None
    """Weekly hours."""


class CalendarUnion(TypedDict, closed=True):
    """A calendar document, as data."""

    difference: NotRequired[list["Calendar"] | None]
    """Working when the first member works and no other does."""
    extra_working_days: NotRequired[list[ExtraWorkingDay]]
    """Dates that work although the week or a holiday would close them."""
    holidays: NotRequired[list[Holiday]]
    """Holidays."""
    intersection: NotRequired[list["Calendar"] | None]
    """Working when every member works."""
    name: NotRequired[str | None]
    """Shown in explanations."""
    overrides: NotRequired[list[DateHours]]
    """Dated special hours, replacing everything else on the date."""
    time_zone: NotRequired[TimeZone | None]
    """The IANA zone of the windows; for a composite, the zone whose dates are days."""
    union: list["Calendar"] | None
    """Working when any member works."""
    week: NotRequired[Week | None]
    """Weekly hours."""


class CalendarIntersection(TypedDict, closed=True):
    """A calendar document, as data."""

    difference: NotRequired[list["Calendar"] | None]
    """Working when the first member works and no other does."""
    extra_working_days: NotRequired[list[ExtraWorkingDay]]
    """Dates that work although the week or a holiday would close them."""
    holidays: NotRequired[list[Holiday]]
    """Holidays."""
    intersection: list["Calendar"] | None
    """Working when every member works."""
    name: NotRequired[str | None]
    """Shown in explanations."""
    overrides: NotRequired[list[DateHours]]
    """Dated special hours, replacing everything else on the date."""
    time_zone: NotRequired[TimeZone | None]
    """The IANA zone of the windows; for a composite, the zone whose dates are days."""
    union: NotRequired[list["Calendar"] | None]
    """Working when any member works."""
    week: NotRequired[Week | None]
    """Weekly hours."""


class CalendarDifference(TypedDict, closed=True):
    """A calendar document, as data."""

    difference: list["Calendar"] | None
    """Working when the first member works and no other does."""
    extra_working_days: NotRequired[list[ExtraWorkingDay]]
    """Dates that work although the week or a holiday would close them."""
    holidays: NotRequired[list[Holiday]]
    """Holidays."""
    intersection: NotRequired[list["Calendar"] | None]
    """Working when every member works."""
    name: NotRequired[str | None]
    """Shown in explanations."""
    overrides: NotRequired[list[DateHours]]
    """Dated special hours, replacing everything else on the date."""
    time_zone: NotRequired[TimeZone | None]
    """The IANA zone of the windows; for a composite, the zone whose dates are days."""
    union: NotRequired[list["Calendar"] | None]
    """Working when any member works."""
    week: NotRequired[Week | None]
    """Weekly hours."""


Calendar: TypeAlias = CalendarTimeZoneWeek | CalendarUnion | CalendarIntersection | CalendarDifference
"""A calendar document, as data."""


class ChangeWindow(TypedDict, closed=True):
    """A maintenance, freeze or blackout window."""

    calendar: NotRequired[Calendar | None]
    """
    Recurring: the calendar's working intervals are the occurrences (give
    this or `occurrences`).
    """
    id: str
    """Unique among the windows."""
    kind: WindowKind
    """What it does."""
    name: NotRequired[str | None]
    """Shown to people."""
    occurrences: NotRequired[list[Occurrence]]
    """One-off occurrences (give these or `calendar`)."""
    scope: NotRequired[list[str]]
    """
    The services or items it is for, and so everything they depend on (a
    freeze on payroll freezes its database); every item when empty.
    """


class ChangeWindows(TypedDict, closed=True):
    """The windows a host keeps, as a document: `{"windows": [...]}`."""

    windows: list[ChangeWindow]
    """The windows."""


class ConditionAll(TypedDict, closed=True):
    """Every condition holds."""

    all: list["Condition"]


class ConditionAny(TypedDict, closed=True):
    """Some condition holds."""

    any: list["Condition"]


ConditionNot = TypedDict(
    'ConditionNot',
    {
        'not': "Condition"
    },
    closed=True,
)


Condition: TypeAlias = ConditionAlways | ConditionStateIn | ConditionStateNotIn | ConditionFieldIn | ConditionFieldEq | ConditionFieldSet | ConditionChangesTo | ConditionChangesFrom | ConditionChanges | ConditionEventIs | ConditionAll | ConditionAny | ConditionNot
"""
A condition over a record, evaluated as each event is applied.

JSON forms (one key each):
`{"always": true}`, `{"state_in": ["new", "in_progress"]}` and
`{"state_not_in": ["resolved", "closed"]}` (the `state` field),
`{"field_in": {"field": "priority", "values": ["P1", "P2"]}}`,
`{"field_eq": {"field": "priority", "value": "P1"}}`, `{"field_set": "assignee"}`,
`{"changes_to": {"field": "state", "values": ["resolved"]}}`,
`{"changes_from": {"field": "state", "values": ["resolved"]}}`,
`{"changes": "priority"}` (any change of the field),
`{"event_is": ["comment_public"]}`, `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`.
"""


class ConditionGuard(TypedDict, closed=True):
    """A condition guard: the condition, and the reason given when it fails."""

    message: str
    """The reason for people when it does not hold."""
    when: Condition
    """The condition, judged on the record as the move leaves it."""


class DeskDocument(TypedDict, closed=True):
    """A desk as written: every part optional, the built-in workflows always there."""

    automation: NotRequired["RuleSet"]
    """Automation rules, in order."""
    cascades: NotRequired[list[Cascade]]
    """
    What a resolution passes on (by default, a parent's resolution to
    its open children).
    """
    kinds: NotRequired[dict[str, str]]
    """
    The workflow a kind's records take when a command names none, beside
    the defaults (`incident`, `problem`, `service_request`, `change` →
    `change_normal`, `task`); a kind not here is refused.
    """
    major_incident: NotRequired[list["MajorIncidentRule"]]
    """
    Major-incident triggers, in order: the first that holds flags an
    incident, once.
    """
    not_approved_by: NotRequired[list[str]]
    """
    Record fields naming actors whose approval never counts and who may
    not answer (`requested_by`, `requested_for`, `implementer` by default).
    """
    priority: NotRequired[Optional["PriorityMatrix"]]
    """
    A priority matrix: when set, a record whose `impact` and `urgency`
    change takes its `priority` from it.
    """
    reopen_window_days: NotRequired[int | None]
    """
    How many days (of 24 hours) after resolution a record may reopen;
    any time while resolved when absent.
    """
    sla: NotRequired[Optional["PolicySet"]]
    """SLA policies the desk evaluates records against when it wakes."""
    workflows: NotRequired[dict[str, "WorkflowDocument"]]
    """
    Workflows by name, beside the built-in ones (a name of a built-in one
    replaces it).
    """


class GoalBusiness(TypedDict, closed=True):
    """
    What a metric must achieve. Each kind is explicit: "1 day" is never silently
    24 hours or 8 hours.
    """

    business: Duration | None
    """Business time in the metric's calendar."""
    by: NotRequired[str | None]
    """The field whose value picks the goal in `values`."""
    default: NotRequired[Optional["Goal"]]
    """The goal of any value `values` lacks."""
    mode: NotRequired[WorkingDayMode | None]
    """How working days end: `keep_time_of_day` (the default) or `end_of_day`."""
    negotiated_field: NotRequired[str | None]
    """The field holding the negotiated instant."""
    values: NotRequired[dict[str, Any] | None]
    """A goal per value of the `by` field."""
    wall: NotRequired[Duration | None]
    """Wall-clock time."""
    working_days: NotRequired[int | None]
    """Working days of the metric's calendar."""


class GoalWall(TypedDict, closed=True):
    """
    What a metric must achieve. Each kind is explicit: "1 day" is never silently
    24 hours or 8 hours.
    """

    business: NotRequired[Duration | None]
    """Business time in the metric's calendar."""
    by: NotRequired[str | None]
    """The field whose value picks the goal in `values`."""
    default: NotRequired[Optional["Goal"]]
    """The goal of any value `values` lacks."""
    mode: NotRequired[WorkingDayMode | None]
    """How working days end: `keep_time_of_day` (the default) or `end_of_day`."""
    negotiated_field: NotRequired[str | None]
    """The field holding the negotiated instant."""
    values: NotRequired[dict[str, Any] | None]
    """A goal per value of the `by` field."""
    wall: Duration | None
    """Wall-clock time."""
    working_days: NotRequired[int | None]
    """Working days of the metric's calendar."""


class GoalWorkingDays(TypedDict, closed=True):
    """
    What a metric must achieve. Each kind is explicit: "1 day" is never silently
    24 hours or 8 hours.
    """

    business: NotRequired[Duration | None]
    """Business time in the metric's calendar."""
    by: NotRequired[str | None]
    """The field whose value picks the goal in `values`."""
    default: NotRequired[Optional["Goal"]]
    """The goal of any value `values` lacks."""
    mode: NotRequired[WorkingDayMode | None]
    """How working days end: `keep_time_of_day` (the default) or `end_of_day`."""
    negotiated_field: NotRequired[str | None]
    """The field holding the negotiated instant."""
    values: NotRequired[dict[str, Any] | None]
    """A goal per value of the `by` field."""
    wall: NotRequired[Duration | None]
    """Wall-clock time."""
    working_days: int | None
    """Working days of the metric's calendar."""


class GoalNegotiatedField(TypedDict, closed=True):
    """
    What a metric must achieve. Each kind is explicit: "1 day" is never silently
    24 hours or 8 hours.
    """

    business: NotRequired[Duration | None]
    """Business time in the metric's calendar."""
    by: NotRequired[str | None]
    """The field whose value picks the goal in `values`."""
    default: NotRequired[Optional["Goal"]]
    """The goal of any value `values` lacks."""
    mode: NotRequired[WorkingDayMode | None]
    """How working days end: `keep_time_of_day` (the default) or `end_of_day`."""
    negotiated_field: str | None
    """The field holding the negotiated instant."""
    values: NotRequired[dict[str, Any] | None]
    """A goal per value of the `by` field."""
    wall: NotRequired[Duration | None]
    """Wall-clock time."""
    working_days: NotRequired[int | None]
    """Working days of the metric's calendar."""


class GoalByValues(TypedDict, closed=True):
    """
    What a metric must achieve. Each kind is explicit: "1 day" is never silently
    24 hours or 8 hours.
    """

    business: NotRequired[Duration | None]
    """Business time in the metric's calendar."""
    by: str | None
    """The field whose value picks the goal in `values`."""
    default: NotRequired[Optional["Goal"]]
    """The goal of any value `values` lacks."""
    mode: NotRequired[WorkingDayMode | None]
    """How working days end: `keep_time_of_day` (the default) or `end_of_day`."""
    negotiated_field: NotRequired[str | None]
    """The field holding the negotiated instant."""
    values: dict[str, Any] | None
    """A goal per value of the `by` field."""
    wall: NotRequired[Duration | None]
    """Wall-clock time."""
    working_days: NotRequired[int | None]
    """Working days of the metric's calendar."""


Goal: TypeAlias = GoalBusiness | GoalWall | GoalWorkingDays | GoalNegotiatedField | GoalByValues
"""
What a metric must achieve. Each kind is explicit: "1 day" is never silently
24 hours or 8 hours.
"""


class GuardCondition(TypedDict, closed=True):
    """A condition of the rule language holds on the record."""

    condition: ConditionGuard


class GuardAny(TypedDict, closed=True):
    """One of these guards passes."""

    any: list["Guard"]


Guard: TypeAlias = GuardFieldSet | GuardFieldEq | GuardFieldIn | GuardCondition | GuardActorHasRole | GuardActorInGroup | GuardActorInRecordGroup | GuardActorIs | GuardActorIsNot | GuardApprovals | GuardChildrenIn | GuardInsideWindow | GuardOutsideFreeze | GuardHost | GuardAny
"""
One guard of a transition, written as a JSON object of one key.

| form | passes when |
| --- | --- |
| `{"field_set": "assigned_to"}` | the field holds a value (not null, not blank) |
| `{"field_eq": {"field": "approval_required", "value": false}}` | the field has the value |
| `{"field_in": {"field": "risk", "values": ["low", "moderate"]}}` | the field has one of the values |
| `{"condition": {"when": <condition>, "message": "..."}}` | the rule language's condition holds; `message` is the reason otherwise |
| `{"actor_has_role": ["change_manager"]}` | the actor holds one of the roles |
| `{"actor_in_group": ["cab"]}` | the actor belongs to one of the groups |
| `{"actor_in_record_group": "assignment_group"}` | the actor belongs to the group the record's field names |
| `{"actor_is": "caller"}` | the actor is the one the record's field names |
| `{"actor_is_not": "requested_by"}` | the actor is not the one the field names (segregation of duties) |
| `{"approvals": {"threshold_percent": 100, "group": "cab", "not_by": ["requested_by"]}}` | the approved share of the context's approvals reaches the threshold |
| `{"children_in": ["closed", "cancelled"]}` | every child task in the context is in one of the states |
| `{"inside_window": "maintenance"}` | the context's `now` is working time of the named calendar |
| `{"outside_freeze": "change_freeze"}` | the context's `now` is not working time of the named calendar |
| `{"host": "credit_check_passed"}` | the host's answer in the context's `predicates` is true |
| `{"any": [<guard>, ...]}` | one of the guards passes |
"""


class MajorIncidentRule(TypedDict, closed=True):
    """A major-incident trigger: a name, a condition, and whom to tell."""

    name: str
    """The rule's name, kept on the record."""
    notify: NotRequired[list[str]]
    """Whom to tell (ids, groups or roles, as the host resolves them)."""
    when: Condition
    """What must hold of the incident after a command."""


class Metric(TypedDict, closed=True):
    """A clock of an SLA policy: time to first response, to resolution, or custom."""

    calendar: NotRequired[str | None]
    """The id of the calendar the clock counts in; `None` counts all the time."""
    cancel: NotRequired[Condition | None]
    """Cancels the clock: it no longer applies."""
    goal: Goal
    """What the clock must achieve."""
    id: str
    """Unique within its policy."""
    kind: NotRequired[MetricKind]
    """`response`, `resolution`, `next_update` or `custom`: a label for reports."""
    name: NotRequired[str | None]
    """Shown in reports."""
    pause: NotRequired[Condition | None]
    """Pauses a running clock."""
    pause_reason_field: NotRequired[str | None]
    """
    The field whose value names a pause's reason (`hold_reason`); when it is
    absent or empty, the `state` field names it, and failing that the event type.
    """
    reopen: NotRequired[Optional["Reopen"]]
    """Reopening of a stopped clock."""
    reset: NotRequired[Condition | None]
    """Restarts a started clock from zero."""
    resume: NotRequired[Condition | None]
    """
    Resumes a paused clock; without it, the clock resumes when `pause` no
    longer holds.
    """
    start: Condition
    """Starts the clock."""
    stop: NotRequired[Condition | None]
    """
    Stops the clock: the goal is met or breached. Left out, the clock runs
    until it is cancelled or its policy no longer applies.
    """
    thresholds: NotRequired[list[Threshold]]
    """Instants worth a notification before or after the deadline."""


class Metrics(TypedDict, closed=True):
    """
    How figures are counted: the period's records, the denominator, the time
    basis, the backlog's buckets and the score's points.

    JSON form (every field may be left out):
    ```json
    {"by": "resolution", "denominator": "closed_and_breached", "time": "business",
     "calendar": {"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}},
     "kinds": ["incident"], "ageing_buckets_ms": [86400000, 259200000, 604800000],
     "score": {"start": 500, "failed": -20}}
    ```
    """

    ageing_buckets_ms: NotRequired[list[int]]
    """
    The backlog's bucket bounds in milliseconds (of the time basis),
    ascending; 1, 3, 7 and 30 days when left out.
    """
    by: NotRequired[PeriodBy]
    """Which records a period holds: `creation` (the default) or `resolution`."""
    calendar: NotRequired[Calendar | None]
    """
    The calendar of business time; its zone also places a month period
    (UTC without one).
    """
    denominator: NotRequired[Denominator]
    """
    The ticket figures' denominator: `closed` (the default) or
    `closed_and_breached`.
    """
    kinds: NotRequired[list[str] | None]
    """The kinds the ticket figures count; every kind but `change` when left out."""
    score: NotRequired[ScorePoints]
    """The change success score's points."""
    time: NotRequired[TimeBasis]
    """`wall` (the default) or `business` time; business time needs `calendar`."""


class Policy(TypedDict, closed=True):
    """A policy: the records it applies to and the clocks it gives them."""

    applies: Condition
    """
    Which records it applies to, tested on the record's fields after each
    event (`{"field_in": {"field": "priority", "values": ["P1"]}}`).
    """
    id: str
    """Unique in its set."""
    metrics: list[Metric]
    """
    Its clocks. A metric id names a clock across the whole set: when a record
    moves to another policy, the clock with the same id switches to it.
    """
    name: NotRequired[str | None]
    """Shown in reports."""
    type: NotRequired[Contract]
    """SLA, OLA or underpinning contract (`type`, `sla` by default)."""


class PolicySet(TypedDict, closed=True):
    """
    Policies, the calendars their clocks count in, and the rules that choose
    among them.
    """

    calendars: NotRequired[dict[str, Calendar]]
    """The calendars metrics count in, by id."""
    policies: list[Policy]
    """The policies, in document order."""
    selection: NotRequired[Selection]
    """How one policy is chosen when several match."""
    states: NotRequired[list[str] | None]
    """
    Every value the records' `state` field may take; lint and evaluation
    warnings check conditions and records against it.
    """
    switch: NotRequired[SwitchMode]
    """What happens to running clocks when the judging policy changes."""


class PriorityMatrix(TypedDict, closed=True):
    """
    Impact x urgency to priority, with ordered overrides.

    JSON form:
    ```json
    {"impacts": ["high", "medium", "low"], "urgencies": ["high", "medium", "low"],
     "priorities": ["P1", "P2", "P3", "P4", "P5"],
     "matrix": {"high": {"high": "P1", "medium": "P2", "low": "P3"},
                "medium": {"high": "P2", "medium": "P3", "low": "P4"},
                "low": {"high": "P3", "medium": "P4", "low": "P5"}},
     "overrides": [{"name": "VIP caller", "when": {"field_eq": {"field": "vip", "value": true}}, "raise": 1}]}
    ```
    `impacts`, `urgencies` and `priorities` are ordered from the most severe;
    every impact has a priority for every urgency. An override either `raise`s
    the matrix's priority by a number of steps (negative lowers it; the ends of
    `priorities` bound it) or `set`s one.
    """

    impacts: list[str]
    """Impact values, the most severe first."""
    matrix: dict[str, dict[str, str]]
    """The priority of each impact (outer key) and urgency (inner key)."""
    overrides: NotRequired[list["PriorityOverride"]]
    """
    Rules tried in order; the first whose condition holds on the record's
    fields changes the matrix's answer.
    """
    priorities: list[str]
    """Priority values, the highest first."""
    urgencies: list[str]
    """Urgency values, the most urgent first."""


PriorityOverrideRaise = TypedDict(
    'PriorityOverrideRaise',
    {
        'name': NotRequired[str | None],
        'raise': int | None,
        'set': NotRequired[str | None],
        'when': Condition,
    },
    closed=True,
)


PriorityOverrideSet = TypedDict(
    'PriorityOverrideSet',
    {
        'name': NotRequired[str | None],
        'raise': NotRequired[int | None],
        'set': str | None,
        'when': Condition,
    },
    closed=True,
)


PriorityOverride: TypeAlias = PriorityOverrideRaise | PriorityOverrideSet
"""A rule that changes the matrix's answer for some records."""


class Reopen(TypedDict, closed=True):
    """When a stopped clock counts as reopened, and what then happens."""

    policy: ReopenPolicy
    """What reopening does."""
    when: NotRequired[Condition | None]
    """
    The condition that reopens a stopped clock; left out, the record
    reopens the clock when it leaves what `stop` describes (the stop
    condition held before the event and no longer holds after it).
    """


class RiskPolicy(TypedDict, closed=True):
    """
    How risk is assessed, and what each level asks for.

    ```json
    {"levels": ["low", "moderate", "high"], "default": "moderate",
     "rules": [{"name": "database change", "when": {"field_eq": {"field": "category", "value": "database"}}, "risk": "high"}],
     "questionnaire": {"questions": [{"id": "tested", "answers": {"yes": 0, "no": 3}}],
                       "bands": [{"at_least": 0, "risk": "low"}, {"at_least": 3, "risk": "moderate"}]},
     "matrix": {"impacts": ["high", "low"], "probabilities": ["likely", "unlikely"],
                "cells": {"high": {"likely": "high", "unlikely": "moderate"}, "low": {"likely": "moderate", "unlikely": "low"}}},
     "approvals": {"low": {}, "moderate": {"steps": [{"mode": "any", "approvers": ["lead"]}]},
                   "high": {"steps": [{"mode": "quorum", "threshold_percent": 60, "group": "cab", "approvers": ["a", "b", "c"]}], "cab": true}}}
    ```
    """

    approvals: dict[str, ApprovalPolicy]
    """What each level asks for; every level has an entry."""
    default: str
    """
    The level when no rule matches, no question is answered and no impact
    and probability are given.
    """
    levels: list[str]
    """The levels, lowest first."""
    matrix: NotRequired[RiskMatrix | None]
    """Looked up when the input gives an impact and a probability."""
    questionnaire: NotRequired[Questionnaire | None]
    """Scored when the input answers any question."""
    rules: NotRequired[list["RiskRule"]]
    """Tried in order; the first whose condition holds gives its level."""


class RiskRule(TypedDict, closed=True):
    """A rule: when its condition holds on the change's fields, it says the risk."""

    name: NotRequired[str | None]
    """Shown in assessments."""
    risk: str
    """The level it gives."""
    when: Condition
    """Tested on the change's fields."""


class Rule(TypedDict, closed=True):
    """
    One automation rule: when it may fire (`on`), what must hold (`when`), and
    what it asks for (`actions`).
    """

    actions: list[Action]
    """What it asks for, in order."""
    id: str
    """The rule's id, unique in its desk; named by what it answers."""
    kinds: NotRequired[list[str]]
    """The record kinds it applies to (`incident`, `change`); all when empty."""
    name: NotRequired[str | None]
    """A name for people."""
    on: Trigger
    """When it may fire."""
    when: NotRequired[Condition | None]
    """What must hold of the record's fields when it does (the rule language)."""


RuleSet: TypeAlias = list[Rule]
"""
An ordered list of automation rules, checked as a whole on load: ids are
unique, waits are above zero.
"""


TransitionDefinition = TypedDict(
    'TransitionDefinition',
    {
        'from': FromStates,
        'guards': NotRequired[list[Guard]],
        'label': NotRequired[str | None],
        'name': str,
        'requires': NotRequired[list[str]],
        'sets': NotRequired[dict[str, Scalar]],
        'to': str,
    },
    closed=True,
)


class WorkflowDocument(TypedDict, closed=True):
    """
    A workflow as written: the states a record can be in, the transitions
    between them with their guards, and the fields and calendars they name.

    JSON form (`docs/workflow-format.md` has every field):
    ```json
    {"name": "incident", "initial": "new",
     "states": [{"id": "new", "category": "new"}, {"id": "resolved", "category": "resolved"}],
     "fields": [{"id": "resolution_code", "values": ["solved", "workaround"]}],
     "transitions": [{"name": "resolve", "from": "new", "to": "resolved",
                      "requires": ["resolution_code"], "guards": [{"actor_has_role": ["agent"]}]}]}
    ```
    """

    calendars: NotRequired[dict[str, Calendar]]
    """Calendars that window and freeze guards name, by id."""
    fields: NotRequired[list[FieldDefinition]]
    """
    The record fields transitions and guards name, with their closed lists
    of values where they have one.
    """
    initial: str
    """The state a new record starts in."""
    name: NotRequired[str | None]
    """Shown in messages and reports (`incident`, `normal change`)."""
    states: list[StateDefinition]
    """Every state, in the order a UI lists them."""
    transitions: NotRequired[list[TransitionDefinition]]
    """Every transition, in the order `available` lists them."""
