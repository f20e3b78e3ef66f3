//! Change windows: maintenance windows a change must lie inside, and freeze
//! and blackout windows it must stay out of, recurring through a calendar or
//! one-off, scoped to services or items and so to everything they depend on;
//! a change's window conflicts, and the first slot without any.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::conflict::{PlannedChange, Schedule};
use crate::calendar::Calendar;
use crate::document::{self, Kind};
use crate::error::{Error, Result};
use crate::service::ServiceGraph;
use crate::time::{Millis, Span, check_range, from_millis, to_millis, union};

/// What a window does to the changes it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WindowKind {
    /// A change to a covered item must lie inside one occurrence.
    Maintenance,
    /// No change to a covered item may overlap an occurrence (a code freeze).
    Freeze,
    /// No change to a covered item may overlap an occurrence (a business
    /// event: month-end close, a launch).
    Blackout,
}

/// A one-off occurrence, half-open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Occurrence {
    /// First instant inside.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub from: DateTime<Utc>,
    /// First instant after.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub to: DateTime<Utc>,
}

/// A maintenance, freeze or blackout window.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeWindow {
    /// Unique among the windows.
    pub id: String,
    /// What it does.
    pub kind: WindowKind,
    /// Shown to people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The services or items it is for, and so everything they depend on (a
    /// freeze on payroll freezes its database); every item when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    /// Recurring: the calendar's working intervals are the occurrences (give
    /// this or `occurrences`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
    /// One-off occurrences (give these or `calendar`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<Occurrence>,
}

/// The windows a host keeps, as a document: `{"windows": [...]}`.
///
/// # Example
/// ```
/// use itsm_core::change::{ChangeWindows, PlannedChange};
/// use itsm_core::service::ServiceGraph;
/// let graph = ServiceGraph::from_value(&serde_json::json!({"items": [{"id": "payroll", "kind": "business_service"}, {"id": "db"}],
///     "relations": [{"from": "payroll", "kind": "depends_on", "to": "db"}]})).unwrap();
/// let windows = ChangeWindows::from_value(&serde_json::json!({"windows": [
///     {"id": "year-end", "kind": "freeze", "scope": ["payroll"],
///      "occurrences": [{"from": "2026-12-20T00:00:00Z", "to": "2027-01-04T00:00:00Z"}]}]})).unwrap();
/// let change = PlannedChange::from_value(&serde_json::json!({"items": ["db"],
///     "start": "2026-12-22T22:00:00Z", "end": "2026-12-23T02:00:00Z"})).unwrap();
/// let conflicts = windows.check(&graph, &change).unwrap();
/// assert_eq!((conflicts[0].window.as_str(), conflicts[0].item.as_str()), ("year-end", "db"));
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct ChangeWindows {
    /// The windows.
    pub windows: Vec<ChangeWindow>,
}

impl Serialize for ChangeWindows {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        ChangeWindows::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for ChangeWindows {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let windows = ChangeWindows::deserialize(d)?;
        windows
            .check_document()
            .map_err(|(path, reason)| document::at(&path, reason))?;
        Ok(windows)
    }
}

/// What to find a slot for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlotQuery {
    /// The items and services the change touches.
    pub items: Vec<String>,
    /// How long it takes, in milliseconds (at least 1).
    pub duration_ms: i64,
    /// The earliest start.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub from: DateTime<Utc>,
    /// The latest end searched to.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub until: DateTime<Utc>,
    /// Who would carry it out (a slot avoids their other changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
}

/// A slot without window conflicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    /// When the change may start.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub start: DateTime<Utc>,
    /// When it then ends.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub end: DateTime<Utc>,
}

/// How a change conflicts with a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WindowConflictKind {
    /// It overlaps an occurrence of a freeze covering the item.
    InsideFreeze,
    /// It overlaps an occurrence of a blackout covering the item.
    InsideBlackout,
    /// Maintenance windows cover the item and the change lies inside no one
    /// occurrence of any of them.
    OutsideMaintenance,
}

/// A conflict between a change and a window, both sides named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowConflict {
    /// What kind.
    pub kind: WindowConflictKind,
    /// The change's id, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    /// The item of the change the window covers.
    pub item: String,
    /// The freeze or blackout; for `outside_maintenance`, the first of the
    /// maintenance windows covering the item.
    pub window: String,
    /// For a freeze or blackout, the overlap; for `outside_maintenance`, the
    /// change.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub from: DateTime<Utc>,
    /// The overlap's (or the change's) end.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub to: DateTime<Utc>,
}

/// Occurrences as sorted, joined intervals of milliseconds.
type Spans = Vec<Span>;

impl ChangeWindows {
    /// Reads windows from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path: a repeated id
    /// (`windows[2].id`), a window with both or neither of `calendar` and
    /// `occurrences`, an occurrence that ends before it starts, a bad
    /// calendar.
    pub fn from_value(value: &Value) -> Result<ChangeWindows> {
        document::from_value(Kind::Config, value)
    }

    /// Reads windows from JSON text.
    ///
    /// # Errors
    /// As [`ChangeWindows::from_value`], and for text that is not JSON.
    pub fn from_json(text: &str) -> Result<ChangeWindows> {
        document::from_json(Kind::Config, text)
    }

    /// The windows as JSON data, in the form [`ChangeWindows::from_value`] reads.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    fn check_document(&self) -> std::result::Result<(), (String, String)> {
        for (w, window) in self.windows.iter().enumerate() {
            if self.windows[..w].iter().any(|x| x.id == window.id) {
                return Err((
                    format!("windows[{w}].id"),
                    format!("the id {:?} is already used", window.id),
                ));
            }
            match (&window.calendar, window.occurrences.is_empty()) {
                (Some(_), false) => {
                    return Err((
                        format!("windows[{w}].occurrences"),
                        "give calendar or occurrences, not both".into(),
                    ));
                }
                (None, true) => {
                    return Err((
                        format!("windows[{w}]"),
                        "a window needs a calendar or occurrences".into(),
                    ));
                }
                _ => {}
            }
            for (o, occurrence) in window.occurrences.iter().enumerate() {
                if occurrence.to <= occurrence.from {
                    return Err((
                        format!("windows[{w}].occurrences[{o}].to"),
                        "ends before it starts".into(),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The windows' conflicts with `change`: every freeze and blackout
    /// occurrence it overlaps on an item they cover, and every item covered by
    /// maintenance windows that the change does not lie inside one
    /// occurrence of (back-to-back occurrences of one window join). Items in
    /// the change's order, then windows in document order.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `items[i]` for a node the graph does not
    /// know, `end` for an end before the start, or `windows[w].scope[s]` for
    /// a scope the graph does not know; calendar errors.
    pub fn check(
        &self,
        graph: &ServiceGraph,
        change: &PlannedChange,
    ) -> Result<Vec<WindowConflict>> {
        let (start, end) = (to_millis(change.start)?, to_millis(change.end)?);
        if end < start {
            return Err(Error::InvalidInput {
                path: "end".into(),
                reason: "the change ends before it starts".into(),
            });
        }
        let covers = self.coverage(graph, &change.items, (start, end))?;
        let mut conflicts = Vec::new();
        for (i, item) in change.items.iter().enumerate() {
            let mut maintenance: Vec<&ChangeWindow> = Vec::new();
            let mut inside = false;
            for Cover { window, spans, .. } in covers.iter().filter(|c| c.items[i]) {
                match window.kind {
                    WindowKind::Maintenance => {
                        maintenance.push(window);
                        inside |= start == end || spans.contains(&(start, end));
                    }
                    WindowKind::Freeze | WindowKind::Blackout => {
                        for &(a, b) in spans.iter().filter(|&&(a, b)| a < end && start < b) {
                            conflicts.push(WindowConflict {
                                kind: if window.kind == WindowKind::Freeze {
                                    WindowConflictKind::InsideFreeze
                                } else {
                                    WindowConflictKind::InsideBlackout
                                },
                                change: change.id.clone(),
                                item: item.clone(),
                                window: window.id.clone(),
                                from: from_millis(a.max(start)),
                                to: from_millis(b.min(end)),
                            });
                        }
                    }
                }
            }
            if let (Some(first), false) = (maintenance.first(), inside) {
                conflicts.push(WindowConflict {
                    kind: WindowConflictKind::OutsideMaintenance,
                    change: change.id.clone(),
                    item: item.clone(),
                    window: first.id.clone(),
                    from: change.start,
                    to: change.end,
                });
            }
        }
        Ok(conflicts)
    }

    /// The first slot of `query.duration_ms` from `query.from` that ends by
    /// `query.until` with no window conflict and no conflict with a change of
    /// `schedule` (the same item, a related item, a shared service, the same
    /// assignee); `None` when there is none.
    ///
    /// # Errors
    /// As [`ChangeWindows::check`], and `duration_ms` below 1 or `until`
    /// before `from`.
    pub fn next_slot(
        &self,
        graph: &ServiceGraph,
        query: &SlotQuery,
        schedule: &Schedule,
    ) -> Result<Option<Slot>> {
        let (from, until) = (to_millis(query.from)?, to_millis(query.until)?);
        let bad = |path: &str, reason: &str| Error::InvalidInput {
            path: path.into(),
            reason: reason.into(),
        };
        if query.duration_ms < 1 {
            return Err(bad("duration_ms", "a change lasts at least 1 ms"));
        }
        if until < from {
            return Err(bad("until", "the search ends before it starts"));
        }
        let duration = query.duration_ms;
        let covers = self.coverage(graph, &query.items, (from, until))?;
        // What no slot may overlap, and for each item with maintenance
        // windows, the occurrences one of which a slot must lie inside.
        let mut blocked: Spans =
            schedule.blocking(graph, &query.items, query.assignee.as_deref())?;
        let mut allowed: Vec<Spans> = Vec::new();
        for i in 0..query.items.len() {
            let mut inside: Option<Spans> = None;
            for Cover { window, spans, .. } in covers.iter().filter(|c| c.items[i]) {
                match window.kind {
                    WindowKind::Maintenance => inside.get_or_insert_with(Vec::new).extend(spans),
                    WindowKind::Freeze | WindowKind::Blackout => blocked.extend(spans),
                }
            }
            allowed.extend(inside);
        }
        let mut candidates: Vec<Millis> = std::iter::once(from)
            .chain(blocked.iter().map(|&(_, b)| b))
            .chain(allowed.iter().flatten().map(|&(a, _)| a))
            .filter(|&t| t >= from)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for t in candidates {
            let end = t.saturating_add(duration);
            if end > until {
                break;
            }
            let free = !blocked.iter().any(|&(a, b)| a < end && t < b);
            let inside = allowed
                .iter()
                .all(|spans| spans.iter().any(|&(a, b)| a <= t && end <= b));
            if free && inside {
                check_range(end)?;
                return Ok(Some(Slot {
                    start: from_millis(t),
                    end: from_millis(end),
                }));
            }
        }
        Ok(None)
    }

    /// Each window that covers any of `items`: which, and its occurrences in
    /// `range`.
    fn coverage<'w>(
        &'w self,
        graph: &ServiceGraph,
        items: &[String],
        (a, b): (Millis, Millis),
    ) -> Result<Vec<Cover<'w>>> {
        let (mut seen, mut reach) = (Vec::new(), Vec::with_capacity(items.len()));
        for (i, item) in items.iter().enumerate() {
            let node = graph.slot_of(item).ok_or_else(|| Error::InvalidInput {
                path: format!("items[{i}]"),
                reason: format!("unknown item or group {item:?}"),
            })?;
            reach.push(graph.reach_into(node, &mut seen, i as u32 + 1));
        }
        let mut out = Vec::with_capacity(self.windows.len());
        for (w, window) in self.windows.iter().enumerate() {
            let mut scope = Vec::with_capacity(window.scope.len());
            for (s, id) in window.scope.iter().enumerate() {
                scope.push(graph.slot_of(id).ok_or_else(|| Error::InvalidInput {
                    path: format!("windows[{w}].scope[{s}]"),
                    reason: format!("unknown item or group {id:?}"),
                })?);
            }
            let covered: Vec<bool> = reach
                .iter()
                .map(|reached: &Vec<u32>| {
                    scope.is_empty() || scope.iter().any(|s| reached.binary_search(s).is_ok())
                })
                .collect();
            if covered.contains(&true) {
                out.push(Cover {
                    window,
                    items: covered,
                    spans: occurrences(window, a, b)?,
                });
            }
        }
        Ok(out)
    }
}

/// A window that covers some items of a change: which, and its occurrences
/// in the range asked about.
struct Cover<'w> {
    window: &'w ChangeWindow,
    items: Vec<bool>,
    spans: Spans,
}

/// A window's occurrences overlapping `[a, b]`, cut to it, sorted, with
/// overlapping and back-to-back ones joined.
fn occurrences(window: &ChangeWindow, a: Millis, b: Millis) -> Result<Spans> {
    let spans: Spans = match &window.calendar {
        Some(calendar) => calendar
            .working_intervals(from_millis(a), from_millis(b))?
            .iter()
            .map(|i| Ok((to_millis(i.start)?, to_millis(i.end)?)))
            .collect::<Result<_>>()?,
        None => window
            .occurrences
            .iter()
            .map(|o| Ok((to_millis(o.from)?.max(a), to_millis(o.to)?.min(b))))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .filter(|(x, y)| x < y)
            .collect(),
    };
    Ok(union(&spans, &[]))
}

impl SlotQuery {
    /// Reads a slot query from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<SlotQuery> {
        document::from_value(Kind::Input, value)
    }

    /// Reads a slot query from JSON text.
    ///
    /// # Errors
    /// As [`SlotQuery::from_value`], and for text that is not JSON.
    pub fn from_json(text: &str) -> Result<SlotQuery> {
        document::from_json(Kind::Input, text)
    }
}
