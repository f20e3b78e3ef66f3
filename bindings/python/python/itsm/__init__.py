"""Business calendars and business-time arithmetic for IT service management.

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

Datetimes must be aware (any tzinfo: ``timezone.utc``, ``zoneinfo.ZoneInfo``...);
results are aware datetimes in UTC. Everything is computed in whole
milliseconds: sub-millisecond parts of inputs are truncated.
"""

from ._itsm import (
    Calendar,
    InvalidArgumentError,
    InvalidConfigError,
    ItsmError,
    NoWorkingTimeError,
    OutOfRangeError,
    __version__,
    tz_version,
)

__all__ = [
    "Calendar",
    "InvalidArgumentError",
    "InvalidConfigError",
    "ItsmError",
    "NoWorkingTimeError",
    "OutOfRangeError",
    "__version__",
    "tz_version",
]
