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
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, ClassVar, Literal, final

__all__ = [
    "Calendar",
    "tz_version",
    "ItsmError",
    "InvalidConfigError",
    "InvalidArgumentError",
    "NoWorkingTimeError",
    "OutOfRangeError",
    "__version__",
]

__version__: str
"""The version of the package."""

def tz_version() -> str:
    """The version of the IANA time zone database embedded in this build, such as ``"2025b"``."""

class ItsmError(Exception):
    """Base class of every error raised by itsm.

    ``str(err)`` is the core's message and ``err.code`` its stable,
    machine-readable code (the same in every language binding).
    """

    code: str
    """``"invalid_config"``, ``"invalid_argument"``, ``"no_working_time"`` or ``"out_of_range"``."""

class InvalidConfigError(ItsmError, ValueError):
    """A calendar document is malformed (code ``"invalid_config"``).

    The message starts with the path of the bad field, such as
    ``week.tue[1]: end 08:00 is before start 14:00``.
    """

    code: str

class InvalidArgumentError(ItsmError, ValueError):
    """An argument is unacceptable (code ``"invalid_argument"``): a naive datetime,
    a negative duration, an end before its start, an unknown mode."""

    code: str

class NoWorkingTimeError(ItsmError):
    """The calendar has no working time within the search horizon of 10 years,
    so a due date or an opening cannot be found (code ``"no_working_time"``)."""

    code: str

class OutOfRangeError(ItsmError, ValueError):
    """An instant (an argument or a result) lies outside the supported range,
    1900-01-01 to 2300-01-01 UTC (code ``"out_of_range"``)."""

    code: str

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

    def add_working_days(
        self,
        start: datetime,
        days: int,
        mode: Literal["keep_time_of_day", "end_of_day"] = "keep_time_of_day",
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
            OutOfRangeError: the result would be outside the supported range.
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
