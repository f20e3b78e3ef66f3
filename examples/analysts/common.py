"""What the three analyst examples share: a policy set (one resolution clock in
Berlin office hours, paused on hold) and a small ticket table."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

OFFICE: dict[str, Any] = {
    "calendars": {"office": {
        "time_zone": "Europe/Berlin",
        "week": {d: [["09:00", "17:00"]] for d in ["mon", "tue", "wed", "thu", "fri"]},
        "holidays": [{"name": "Good Friday", "easter": -2}, {"name": "Easter Monday", "easter": 1}],
    }},
    "policies": [{
        "id": "resolution", "applies": {"always": True},
        "metrics": [{
            "id": "resolution", "calendar": "office", "start": {"always": True},
            "goal": {"by": "priority", "values": {"P1": {"business": "PT4H"}}, "default": {"business": "PT16H"}},
            "stop": {"state_in": ["resolved"]}, "pause": {"state_in": ["on_hold"]},
            "thresholds": [{"name": "warning", "percent": 75}],
        }],
    }],
}

NOW = datetime(2026, 4, 7, 12, 0, tzinfo=timezone.utc)

UTC = pa.timestamp("ms", tz="UTC")
PAUSES = pa.list_(pa.struct([("start", UTC), ("end", UTC)]))


def tickets() -> pa.Table:
    """Three tickets: a P1 over Easter (breached), a P2 paused two hours (met),
    and a P2 still running."""
    def at(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))

    return pa.table({
        "id": ["INC-1", "INC-2", "INC-3"],
        "opened": pa.array([at("2026-04-02T13:00:00Z"), at("2026-03-27T15:00:00Z"), at("2026-04-07T07:00:00Z")], UTC),
        "resolved": pa.array([None, at("2026-03-30T12:00:00Z"), None], UTC),
        "pauses": pa.array([[], [{"start": at("2026-03-30T08:00:00Z"), "end": at("2026-03-30T10:00:00Z")}], []], PAUSES),
        "priority": ["P1", "P2", "P2"],
    })
