"""Conveniences over :meth:`PolicySet.evaluate_table` for pandas and for the
summary a result carries. Conversions only: the rules are the core's."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from ._itsm import PolicySet

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas  # type: ignore[import-untyped]
    import pyarrow  # type: ignore[import-untyped]

    from .documents import TableOptions, TableSummary

SUMMARY_KEY = b"itsm.summary"


def table_summary(results: pyarrow.Table) -> TableSummary:
    """The counts of a result of :meth:`PolicySet.evaluate_table`: tickets,
    errors, clocks met, breached, at risk, running, paused, and
    ``compliance``, ``met / (met + breached)`` (``None`` when both are zero).

    Raises:
        ValueError: ``results`` does not carry a summary (it was not made by
            ``evaluate_table``, or its schema metadata was dropped).
    """
    metadata = results.schema.metadata or {}
    text = metadata.get(SUMMARY_KEY)
    if text is None:
        raise ValueError(
            "the table carries no itsm.summary in its schema metadata: pass the table evaluate_table returned"
        )
    return cast("TableSummary", json.loads(text))


def evaluate_frame(
    policies: PolicySet,
    frame: pandas.DataFrame,
    now: datetime,
    *,
    options: TableOptions | Mapping[str, Any] | None = None,
    threads: int = 1,
) -> pandas.DataFrame:
    """:meth:`PolicySet.evaluate_table` for pandas: a DataFrame in, a DataFrame
    out, with ``datetime64[ms, UTC]`` and ``timedelta64[ms]`` columns. The
    frame's datetime columns must be time-zone aware
    (``.dt.tz_localize("Europe/Berlin")``).

    Raises:
        As :meth:`PolicySet.evaluate_table`.
    """
    results = policies.evaluate_table(frame, now, options=options, threads=threads)
    return results.to_pandas()
