//! SLA policies: which records they apply to, which clocks they hold, how one
//! policy is chosen when several match, and what happens to running clocks when
//! the choice changes. Evaluation of a record against a policy set, one record
//! or a batch.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::checks::{Clock, SetChecks};
use super::clock::{Anchor, Cycles, SwitchMode, fold};
use super::definition::{Metric, MetricKind};
use super::goal::Goal;
use super::measure::Held;
use super::metric::{CycleResult, Judge, Reading, Status, check_now, read_cycle};
use super::warnings::{Vocabulary, Warning};
use crate::calendar::Calendar;
use crate::document::{self, DocumentError, Kind};
use crate::error::{Error, Result};
use crate::rules::{Condition, History};
use crate::time::Millis;
use crate::time::from_millis;
use crate::timeline::Timeline;

/// Which agreement a policy stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Contract {
    /// A service level agreement with the customer (`"sla"`, the default).
    #[default]
    Sla,
    /// An operational level agreement between internal teams (`"ola"`).
    Ola,
    /// An underpinning contract with a supplier (`"underpinning_contract"`).
    UnderpinningContract,
}

/// A policy: the records it applies to and the clocks it gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Unique in its set.
    pub id: String,
    /// Shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// SLA, OLA or underpinning contract (`type`, `sla` by default).
    #[serde(rename = "type", default)]
    pub contract: Contract,
    /// Which records it applies to, tested on the record's fields after each
    /// event (`{"field_in": {"field": "priority", "values": ["P1"]}}`).
    pub applies: Condition,
    /// Its clocks. A metric id names a clock across the whole set: when a record
    /// moves to another policy, the clock with the same id switches to it.
    #[serde(deserialize_with = "document::deserialize_non_empty")]
    #[schemars(length(min = 1))]
    pub metrics: Vec<Metric>,
}

/// How one policy is chosen when several match a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// Every matching policy attaches (`"all"`, the default); a metric id held
    /// by several is judged by the first of them in document order.
    #[default]
    All,
    /// Per contract type, the first matching policy in document order (`"first"`).
    First,
    /// Per contract type, the matching policy whose first metric has the
    /// shortest goal (`"shortest"`).
    Shortest,
    /// Per contract type, the matching policy whose first metric has the
    /// longest goal (`"longest"`).
    Longest,
}

/// Policies, the calendars their clocks count in, and the rules that choose
/// among them.
///
/// # Example
/// ```
/// use itsm_core::{Timeline, sla::PolicySet};
/// let set = PolicySet::from_json(r#"{
///   "calendars": {"office": {"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}}},
///   "policies": [{"id": "incidents", "applies": {"always": true}, "metrics": [{
///     "id": "resolution", "kind": "resolution", "calendar": "office", "goal": {"business": "PT4H"},
///     "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved"]}}]}]
/// }"#).unwrap();
/// let record = Timeline::from_json(r#"{"id": "INC-1", "created_at": "2026-11-23T15:00:00Z", "fields": {"state": "new"}}"#).unwrap();
/// let now = itsm_core::parse_instant("now", "2026-11-23T16:00:00Z").unwrap();
/// let evaluation = set.evaluate(&record, now).unwrap();
/// let clock = &evaluation.metrics[0].cycles[0];
/// assert_eq!(itsm_core::format_instant(clock.deadline.unwrap()), "2026-11-24T11:00:00.000Z");
/// assert_eq!(itsm_core::format_instant(evaluation.next_wakeup.unwrap()), "2026-11-24T11:00:00.001Z");
/// ```
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct PolicySet {
    /// The calendars metrics count in, by id.
    #[serde(default)]
    calendars: BTreeMap<String, Calendar>,
    /// How one policy is chosen when several match.
    #[serde(default)]
    selection: Selection,
    /// What happens to running clocks when the judging policy changes.
    #[serde(default)]
    switch: SwitchMode,
    /// Every value the records' `state` field may take; lint and evaluation
    /// warnings check conditions and records against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    states: Option<Vec<String>>,
    /// The policies, in document order.
    policies: Vec<Policy>,
    #[serde(skip, default = "Calendar::twenty_four_seven")]
    always: Calendar,
    #[serde(skip)]
    vocabulary: Vocabulary,
    #[serde(skip)]
    checks: SetChecks,
}

impl Serialize for PolicySet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        PolicySet::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for PolicySet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let mut set = PolicySet::deserialize(d)?;
        set.check_references().map_err(serde::de::Error::custom)?;
        set.prepare();
        Ok(set)
    }
}

/// A metric's clock for one record: every cycle, and what the record's policy
/// set says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricResult {
    /// The policy judging the clock now.
    pub policy: String,
    /// That policy's contract.
    pub contract: Contract,
    /// The metric's id.
    pub metric: String,
    /// The metric's name, if any.
    pub name: Option<String>,
    /// `response`, `resolution`, `next_update` or `custom`.
    pub kind: MetricKind,
    /// Whether the current (last) cycle is breached.
    pub breached: bool,
    /// Whether any cycle ever breached.
    pub ever_breached: bool,
    /// Every cycle, oldest first.
    pub cycles: Vec<CycleResult>,
}

/// A record evaluated against a policy set at `now`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// The record's id.
    pub record: String,
    /// The instant of the evaluation.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub now: DateTime<Utc>,
    /// Ids of the policies that match the record now, in document order.
    pub matched: Vec<String>,
    /// Ids of the policies selected among them.
    pub selected: Vec<String>,
    /// The clocks attached now, by policy and metric order.
    pub metrics: Vec<MetricResult>,
    /// The earliest `next_wakeup` of any clock: schedule one timer for it.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub next_wakeup: Option<DateTime<Utc>>,
    /// What the record holds that the policy set does not know (a state it
    /// does not list, a value no condition mentions, no policy at all); left
    /// out when there is nothing to say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Evaluation {
    /// The evaluation as JSON data, with instants in the canonical form.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The evaluation as compact JSON text: the canonical form every language
    /// writes byte for byte.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// Reads an evaluation written by [`Evaluation::to_json`] (a stored result).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming the bad field.
    pub fn from_json(text: &str) -> Result<Evaluation> {
        document::from_json(Kind::Input, text)
    }

    /// The clock of the metric `id`, when it is attached.
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::{PolicySet, template};
    /// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    /// let record = itsm_core::Timeline::from_json(r#"{"id": "I", "created_at": "2026-11-23T09:00:00Z", "fields": {"priority": "P3"}}"#).unwrap();
    /// let evaluation = set.evaluate(&record, itsm_core::parse_instant("now", "2026-11-23T10:00:00Z").unwrap()).unwrap();
    /// assert!(evaluation.metric("resolution").is_some());
    /// assert!(evaluation.metric("nonesuch").is_none());
    /// ```
    pub fn metric(&self, id: &str) -> Option<&MetricResult> {
        self.metrics.iter().find(|m| m.metric == id)
    }
}

/// How much an evaluation computes, and how strict it is.
///
/// # Example
/// ```
/// let options: itsm_core::sla::EvaluateOptions = serde_json::from_str(r#"{"strict": true}"#).unwrap();
/// assert!(options.explain && options.strict);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluateOptions {
    /// Fill each cycle's explanation (true by default).
    pub explain: bool,
    /// Refuse a record that would give warnings: the first warning becomes an
    /// `invalid_input` error naming its path (false by default).
    pub strict: bool,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions {
            explain: true,
            strict: false,
        }
    }
}

impl PolicySet {
    /// Reads a policy set from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path of the bad field: unknown fields,
    /// bad conditions, goals or calendars, a metric naming an unknown calendar,
    /// duplicate ids.
    pub fn from_json(text: &str) -> Result<PolicySet> {
        document::from_json(Kind::Config, text)
    }

    /// Reads a policy set from JSON data.
    ///
    /// # Errors
    /// As [`PolicySet::from_json`].
    pub fn from_value(value: &Value) -> Result<PolicySet> {
        document::from_value(Kind::Config, value)
    }

    /// A policy set built in Rust, checked as if read from a document: unique
    /// ids, known calendars, and every rule of its metrics. Selection `all`,
    /// switch `keep_elapsed` and no `states` until set with the `with_` methods.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path, as when reading.
    ///
    /// # Example
    /// ```
    /// use std::collections::BTreeMap;
    /// use itsm_core::sla::{Condition, Goal, Metric, MetricKind, Policy, PolicySet, Selection};
    /// let metric = Metric {
    ///     id: "resolution".into(), name: None, kind: MetricKind::Resolution, calendar: None,
    ///     goal: Goal::Wall(4 * 3_600_000), start: Condition::EventIs(vec!["created".into()]),
    ///     stop: Some(Condition::StateIn(vec!["resolved".into()])), pause: None, resume: None,
    ///     reset: None, cancel: None, pause_reason_field: None, thresholds: vec![], reopen: None,
    /// };
    /// let policy = Policy { id: "p1".into(), name: None, contract: Default::default(),
    ///     applies: Condition::Always(true), metrics: vec![metric] };
    /// let set = PolicySet::new(BTreeMap::new(), vec![policy.clone(), policy]).unwrap_err();
    /// assert_eq!(set.to_string(), r#"policies[1].id: duplicate policy id "p1""#);
    /// ```
    pub fn new(calendars: BTreeMap<String, Calendar>, policies: Vec<Policy>) -> Result<PolicySet> {
        for (p, policy) in policies.iter().enumerate() {
            if policy.metrics.is_empty() {
                return Err(Error::invalid_config(
                    format!("policies[{p}].metrics"),
                    "needs at least one element",
                ));
            }
            for (m, metric) in policy.metrics.iter().enumerate() {
                metric
                    .check()
                    .map_err(|e| e.into_config_error(&format!("policies[{p}].metrics[{m}]")))?;
            }
        }
        let mut set = PolicySet {
            calendars,
            selection: Selection::default(),
            switch: SwitchMode::default(),
            states: None,
            policies,
            always: Calendar::twenty_four_seven(),
            vocabulary: Vocabulary::default(),
            checks: SetChecks::default(),
        };
        set.check_references()
            .map_err(|e| e.into_config_error(""))?;
        set.prepare();
        Ok(set)
    }

    /// The set choosing among matching policies by `selection`.
    pub fn with_selection(mut self, selection: Selection) -> PolicySet {
        self.selection = selection;
        self
    }

    /// The set switching running clocks by `switch`.
    pub fn with_switch(mut self, switch: SwitchMode) -> PolicySet {
        self.switch = switch;
        self.prepare();
        self
    }

    /// The set knowing the values of `state`, for lint and warnings.
    pub fn with_states(mut self, states: Vec<String>) -> PolicySet {
        self.states = Some(states);
        self.prepare();
        self
    }

    /// The set as JSON data, in the form [`PolicySet::from_value`] reads.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The rules between fields that reading each field cannot see: unique
    /// policy and metric ids, metrics counting in calendars the set has.
    fn check_references(&self) -> std::result::Result<(), DocumentError> {
        for (p, policy) in self.policies.iter().enumerate() {
            let here = format!("policies[{p}]");
            if self.policies[..p].iter().any(|other| other.id == policy.id) {
                return Err(DocumentError::at(
                    format!("{here}.id"),
                    format!("duplicate policy id {:?}", policy.id),
                ));
            }
            for (m, metric) in policy.metrics.iter().enumerate() {
                let path = format!("{here}.metrics[{m}]");
                if policy.metrics[..m]
                    .iter()
                    .any(|other| other.id == metric.id)
                {
                    return Err(DocumentError::at(
                        format!("{path}.id"),
                        format!("duplicate metric id {:?} in this policy", metric.id),
                    ));
                }
                if let Some(calendar) = &metric.calendar {
                    if !self.calendars.contains_key(calendar) {
                        let known: Vec<&str> = self.calendars.keys().map(String::as_str).collect();
                        return Err(DocumentError::at(
                            format!("{path}.calendar"),
                            format!(
                                "unknown calendar {calendar:?}; the set has {}",
                                if known.is_empty() {
                                    "none".into()
                                } else {
                                    known.join(", ")
                                }
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Builds what evaluations read from the set's documents: the vocabulary
    /// for warnings and the compiled conditions.
    fn prepare(&mut self) {
        self.vocabulary = self.vocabulary();
        let anchor = match &self.switch {
            SwitchMode::Retroactive {
                anchor: Anchor::FirstSet(field),
                ..
            } => Some(field.as_str()),
            _ => None,
        };
        self.checks = SetChecks::compile(
            self.policies
                .iter()
                .map(|p| (&p.applies, p.metrics.as_slice())),
            anchor,
        );
    }

    /// The set's vocabulary, for warnings.
    fn vocabulary(&self) -> Vocabulary {
        let policies = self
            .policies
            .iter()
            .map(|p| (&p.applies, p.metrics.iter().map(|m| &m.goal).collect()));
        Vocabulary::of(policies, self.states.as_deref())
    }

    /// Every value the records' `state` field may take, when the set lists them.
    pub fn states(&self) -> Option<&[String]> {
        self.states.as_deref()
    }

    /// The policies, in document order.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// Evaluates one record at `now`: which policies apply, and every attached
    /// clock read at `now`, with the earliest `next_wakeup`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `now` is before the record was created or a
    /// negotiated date field holds no instant; calendar errors.
    pub fn evaluate(&self, timeline: &Timeline, now: DateTime<Utc>) -> Result<Evaluation> {
        self.evaluate_with(timeline, now, EvaluateOptions::default())
    }

    /// [`PolicySet::evaluate`] with options: `explain: false` leaves every
    /// cycle's explanation empty, which batches over many records do not need
    /// and which is a large share of their time and memory.
    ///
    /// # Errors
    /// As [`PolicySet::evaluate`].
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::{EvaluateOptions, PolicySet, template};
    /// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    /// let record = itsm_core::Timeline::from_json(r#"{"id": "I", "created_at": "2026-11-23T09:00:00Z", "fields": {"priority": "P3"}}"#).unwrap();
    /// let now = itsm_core::parse_instant("now", "2026-11-24T09:00:00Z").unwrap();
    /// let lean = set.evaluate_with(&record, now, EvaluateOptions { explain: false, ..Default::default() }).unwrap();
    /// assert!(lean.metrics[0].cycles[0].explanation.is_empty());
    /// assert_eq!(lean.metrics[0].cycles[0].elapsed.num_milliseconds(), set.evaluate(&record, now).unwrap().metrics[0].cycles[0].elapsed.num_milliseconds());
    /// ```
    pub fn evaluate_with(
        &self,
        timeline: &Timeline,
        now: DateTime<Utc>,
        options: EvaluateOptions,
    ) -> Result<Evaluation> {
        let now_ms = check_now(timeline, now)?;
        let history = History::new(timeline, now_ms, &self.checks.fields)?;
        let held = self.held(None);
        let mut scratch = Scratch::default();
        let assessment = self.assess(&history, now_ms, options.explain, &held, &mut scratch)?;
        let warnings = self
            .vocabulary
            .warnings(&history, assessment.selected.is_empty());
        if options.strict {
            if let Some(first) = warnings.first() {
                return Err(Error::InvalidInput {
                    path: first.path.clone(),
                    reason: first.message.clone(),
                });
            }
        }
        let ids = |list: &[usize]| list.iter().map(|&p| self.policies[p].id.clone()).collect();
        let metrics: Vec<MetricResult> = assessment
            .clocks
            .iter()
            .map(|clock| {
                let policy = &self.policies[clock.policy];
                MetricResult {
                    policy: policy.id.clone(),
                    contract: policy.contract,
                    metric: clock.metric.id.clone(),
                    name: clock.metric.name.clone(),
                    kind: clock.metric.kind,
                    breached: clock.breached,
                    ever_breached: clock.ever_breached,
                    cycles: assessment
                        .cycles(clock)
                        .iter()
                        .map(|r| r.to_result(clock.metric))
                        .collect(),
                }
            })
            .collect();
        Ok(Evaluation {
            record: timeline.id().to_owned(),
            now: from_millis(now_ms),
            matched: ids(&assessment.matched),
            selected: ids(&assessment.selected),
            metrics,
            next_wakeup: assessment.next_wakeup().map(from_millis),
            warnings,
        })
    }

    /// The names of every field the set reads (its conditions, goal tables,
    /// negotiated dates, pause reasons and switch anchor), `state` first: the
    /// columns a table must provide for the set to see them.
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::{PolicySet, template};
    /// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    /// assert_eq!(set.fields_read(), ["state", "priority", "hold_reason", "assignment_group"]);
    /// ```
    pub fn fields_read(&self) -> Vec<&str> {
        let fields = &self.checks.fields;
        (0..fields.len())
            .map(|f| fields.name(f as crate::rules::FieldId))
            .collect()
    }

    pub(crate) fn fields(&self) -> &crate::rules::FieldTable {
        &self.checks.fields
    }

    /// How many warnings `history` gives (see [`Warning`]).
    pub(crate) fn warning_count(&self, history: &History<'_>, no_policy: bool) -> u32 {
        self.vocabulary.count(history, no_policy) as u32
    }

    /// The spans of the set's calendars, covering `range` when given.
    pub(crate) fn held(&self, range: Option<(Millis, Millis)>) -> Held<'_> {
        Held::new(
            &self.calendars,
            &self.always,
            self.policies.iter().map(|p| p.metrics.as_slice()),
            range,
        )
    }

    /// Which policies apply to `history` and how each selected clock reads at
    /// `now`, in numbers, written to `scratch`'s assessment. The one
    /// evaluation behind every output.
    pub(crate) fn assess<'s, 'a, 'x>(
        &'s self,
        history: &History<'a>,
        now_ms: Millis,
        explain: bool,
        held: &Held<'_>,
        scratch: &'x mut Scratch<'s, 'a>,
    ) -> Result<&'x Assessment<'s, 'a>> {
        let Scratch {
            assessment,
            choice,
            attached,
            schedules,
            scheduled,
            plain,
            cycles,
        } = scratch;
        let Assessment {
            matched,
            selected,
            clocks,
            readings,
            read,
        } = assessment;
        matched.clear();
        selected.clear();
        clocks.clear();
        *read = 0;
        *scheduled = 0;
        // For each clock (metric id), which policy's metric judges it from which
        // step: `schedules[..scheduled]`.
        for i in 0..history.steps.len() {
            if i > 0
                && self
                    .checks
                    .applies_read
                    .is_some_and(|read| history.changed_at(i) & read == 0)
            {
                // Nothing the policies read changed: they match as before.
                continue;
            }
            matched.clear();
            matched.extend(
                (0..self.policies.len()).filter(|&p| self.checks.applies[p].holds(history, i)),
            );
            self.select(matched, choice);
            if i > 0 && choice == selected {
                // Same policies as before: no clock changes hands.
                continue;
            }
            std::mem::swap(selected, choice);
            attached.clear();
            for &p in selected.iter() {
                for (m, metric) in self.policies[p].metrics.iter().enumerate() {
                    if !attached.iter().any(|(id, _)| *id == metric.id) {
                        attached.push((metric.id.as_str(), (p, m)));
                    }
                }
            }
            for (id, schedule) in schedules[..*scheduled].iter_mut() {
                let now_attached = attached.iter().find(|(a, _)| a == id).map(|(_, j)| *j);
                let owner = |e: Option<Judged>| e.map(|(p, _)| p);
                if schedule.last().map(|e| owner(e.1)) != Some(owner(now_attached)) {
                    schedule.push((i, now_attached));
                }
            }
            for &(id, entry) in attached.iter() {
                if !schedules[..*scheduled]
                    .iter()
                    .any(|(known, _)| *known == id)
                {
                    match schedules.get_mut(*scheduled) {
                        Some((slot, schedule)) => {
                            *slot = id;
                            schedule.clear();
                            schedule.push((i, Some(entry)));
                        }
                        None => schedules.push((id, vec![(i, Some(entry))])),
                    }
                    *scheduled += 1;
                }
            }
        }

        for &p in selected.iter() {
            for metric in &self.policies[p].metrics {
                let Some((_, schedule)) = schedules[..*scheduled]
                    .iter()
                    .find(|(id, _)| *id == metric.id)
                else {
                    continue;
                };
                let Some((_, Some((owner, _)))) = schedule.last() else {
                    continue;
                };
                if *owner != p {
                    continue;
                }
                plain.clear();
                plain.extend(schedule.iter().map(|&(i, e)| {
                    let clock = e.map(|(p, m)| Clock {
                        metric: &self.policies[p].metrics[m],
                        checks: &self.checks.metrics[p][m],
                    });
                    (i, clock)
                }));
                fold(plain, &self.switch, history, cycles);
                if cycles.done.is_empty() {
                    continue;
                }
                let judge = |entry: Option<&Handover>| {
                    let (p, m) = entry?.1?;
                    Some((&self.policies[p].metrics[m], held.measure(p, m)))
                };
                // Most clocks have one definition: their judges fit on the stack.
                let few: [Option<Judge<'_>>; FEW_JUDGES];
                let many: Vec<Option<Judge<'_>>>;
                let judges: &[Option<Judge<'_>>] = if plain.len() <= FEW_JUDGES {
                    few = std::array::from_fn(|i| judge(schedule.get(i)));
                    &few[..plain.len()]
                } else {
                    many = schedule.iter().map(|entry| judge(Some(entry))).collect();
                    &many
                };
                let first = *read;
                for (n, cycle) in cycles.done.iter().enumerate() {
                    if *read == readings.len() {
                        readings.push(Reading::empty());
                    }
                    let number = n as u32 + 1;
                    let out = &mut readings[*read];
                    read_cycle(judges, cycle, history, number, now_ms, explain, out)?;
                    *read += 1;
                }
                let cycles = &readings[first..*read];
                clocks.push(ClockReading {
                    policy: p,
                    metric,
                    cycles: first..*read,
                    breached: cycles.last().is_some_and(|r| r.status == Status::Breached),
                    ever_breached: cycles.iter().any(|r| r.status == Status::Breached),
                });
            }
        }
        Ok(&scratch.assessment)
    }

    /// Evaluates many records at the same `now`, each on its own: a bad record
    /// gives its own error and does not stop the others. Takes a slice of
    /// timelines or any iterator of references to them. Hosts split large
    /// batches across threads; a `PolicySet` is `Send + Sync`.
    pub fn evaluate_batch<'t>(
        &self,
        timelines: impl IntoIterator<Item = &'t Timeline>,
        now: DateTime<Utc>,
    ) -> Vec<Result<Evaluation>> {
        self.evaluate_batch_with(timelines, now, EvaluateOptions::default())
    }

    /// [`PolicySet::evaluate_batch`] with options (see [`PolicySet::evaluate_with`]).
    pub fn evaluate_batch_with<'t>(
        &self,
        timelines: impl IntoIterator<Item = &'t Timeline>,
        now: DateTime<Utc>,
        options: EvaluateOptions,
    ) -> Vec<Result<Evaluation>> {
        timelines
            .into_iter()
            .map(|t| self.evaluate_with(t, now, options))
            .collect()
    }

    /// The selected policies among `matched`, into `chosen`: all of them, or
    /// one per contract type (an SLA, an OLA and an underpinning contract can
    /// run side by side).
    fn select(&self, matched: &[usize], chosen: &mut Vec<usize>) {
        chosen.clear();
        if self.selection == Selection::All {
            chosen.extend_from_slice(matched);
            return;
        }
        let key =
            |p: &usize| goal_key(self.policies[*p].metrics.first().map(|m| m.goal.smallest()));
        let choices = [Contract::Sla, Contract::Ola, Contract::UnderpinningContract]
            .into_iter()
            .filter_map(|contract| {
                let mut group = matched
                    .iter()
                    .copied()
                    .filter(|p| self.policies[*p].contract == contract);
                match self.selection {
                    Selection::All | Selection::First => group.next(),
                    // `min_by_key` keeps the first of equals, `max_by_key` the last:
                    // reversed, ties go to document order both ways.
                    Selection::Shortest => group.min_by_key(key),
                    Selection::Longest => group.rev().max_by_key(key),
                }
            });
        chosen.extend(choices);
        chosen.sort_unstable();
    }
}

/// The policy and the metric in it (by index) that judge a clock.
type Judged = (usize, usize);

/// From which step a clock is judged by which metric (`None`: detached).
type Handover = (usize, Option<Judged>);

/// How many judges a clock's schedule may have for them to be held on the stack.
const FEW_JUDGES: usize = 4;

/// The vectors [`PolicySet::assess`] works in and writes its [`Assessment`]
/// to, kept from one record to the next of a table: once they have grown,
/// assessing a record allocates nothing.
#[derive(Default)]
pub(crate) struct Scratch<'s, 'a> {
    assessment: Assessment<'s, 'a>,
    choice: Vec<usize>,
    attached: Vec<(&'s str, Judged)>,
    /// The schedules of the record are `schedules[..scheduled]`; the others
    /// keep their vectors for later records.
    schedules: Vec<(&'s str, Vec<Handover>)>,
    scheduled: usize,
    plain: Vec<(usize, Option<Clock<'s>>)>,
    cycles: Cycles<'a>,
}

/// What [`PolicySet::assess`] found for one record.
#[derive(Default)]
pub(crate) struct Assessment<'s, 'a> {
    /// The policies that apply at the last step, and those selected among them.
    pub(crate) matched: Vec<usize>,
    pub(crate) selected: Vec<usize>,
    /// Each selected clock, in policy and metric order.
    pub(crate) clocks: Vec<ClockReading<'s>>,
    /// The clocks' cycles are `readings[..read]`; the others keep their
    /// vectors for later records.
    readings: Vec<Reading<'a>>,
    read: usize,
}

impl<'a> Assessment<'_, 'a> {
    /// The earliest instant at which any clock must be read again.
    pub(crate) fn next_wakeup(&self) -> Option<Millis> {
        self.clocks
            .iter()
            .filter_map(|c| self.cycles(c).last().and_then(|r| r.next_wakeup))
            .min()
    }

    /// The clock's cycles read at `now`, oldest first.
    pub(crate) fn cycles(&self, clock: &ClockReading<'_>) -> &[Reading<'a>] {
        &self.readings[clock.cycles.clone()]
    }
}

/// A clock read at `now`.
pub(crate) struct ClockReading<'s> {
    pub(crate) policy: usize,
    pub(crate) metric: &'s Metric,
    /// Its cycles in [`Assessment::cycles`].
    cycles: std::ops::Range<usize>,
    /// Whether the current cycle is breached.
    pub(crate) breached: bool,
    /// Whether any cycle was.
    pub(crate) ever_breached: bool,
}

/// Orders goals for `shortest` and `longest`: business and wall durations by
/// length, working days as days of 24 hours, negotiated dates after all.
fn goal_key(goal: Option<&Goal>) -> i64 {
    match goal {
        Some(Goal::Business(ms)) | Some(Goal::Wall(ms)) => *ms,
        Some(Goal::WorkingDays { days, .. }) => days * 86_400_000,
        Some(Goal::Negotiated { .. } | Goal::ByValue(_)) | None => i64::MAX,
    }
}
