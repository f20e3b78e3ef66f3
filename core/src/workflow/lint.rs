//! The linter of workflow documents: every reason a document would not load,
//! and every trap in one that does, each with a code and a path.

use std::collections::{HashMap, HashSet, VecDeque};

use super::document::{FromStates, WorkflowDocument};
use crate::document::Finding;

/// The codes of findings that keep a document from loading.
pub(crate) const ERRORS: &[&str] = &[
    "duplicate_state",
    "duplicate_field",
    "unknown_state",
    "duplicate_transition_name",
    "name_is_a_state",
    "unknown_calendar",
    "required_fields_cycle",
];

const STATE: &str = "state";

/// The states a transition leaves from, as indices into `states`: `"*"` is
/// every state that is not final, except the target.
pub(crate) fn leaves_from(
    document: &WorkflowDocument,
    from: &FromStates,
    to: &str,
) -> Vec<Option<usize>> {
    let index = |id: &str| document.states.iter().position(|s| s.id == id);
    match from {
        FromStates::Any => document
            .states
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.category.is_terminal() && s.id != to)
            .map(|(i, _)| Some(i))
            .collect(),
        FromStates::States(states) => states.iter().map(|s| index(s)).collect(),
    }
}

fn finding(path: impl Into<String>, code: &'static str, message: String) -> Finding {
    Finding {
        path: path.into(),
        code,
        message,
    }
}

/// Every finding, errors first, each group in document order.
pub(crate) fn findings(document: &WorkflowDocument) -> Vec<Finding> {
    let mut out = Vec::new();
    let state_ids: HashSet<&str> = document.states.iter().map(|s| s.id.as_str()).collect();
    let known_states = || {
        document
            .states
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unknown_state = |path: String, id: &str| {
        finding(
            path,
            "unknown_state",
            format!(
                "unknown state `{id}` (the workflow's states: {})",
                known_states()
            ),
        )
    };

    let declared_twice = |ids: Vec<&str>, list: &str, code: &'static str, what: &str| {
        let mut seen = HashSet::new();
        ids.into_iter()
            .enumerate()
            .filter(|(_, id)| !seen.insert(*id))
            .map(|(i, id)| {
                finding(
                    format!("{list}[{i}].id"),
                    code,
                    format!("the {what} `{id}` is declared twice"),
                )
            })
            .collect::<Vec<_>>()
    };
    out.extend(declared_twice(
        document.states.iter().map(|s| s.id.as_str()).collect(),
        "states",
        "duplicate_state",
        "state",
    ));
    out.extend(declared_twice(
        document.fields.iter().map(|f| f.id.as_str()).collect(),
        "fields",
        "duplicate_field",
        "field",
    ));
    if !state_ids.contains(document.initial.as_str()) {
        out.push(unknown_state("initial".into(), &document.initial));
    }
    let mut names = HashSet::new();
    for (i, transition) in document.transitions.iter().enumerate() {
        if let FromStates::States(states) = &transition.from {
            for (j, state) in states.iter().enumerate() {
                if !state_ids.contains(state.as_str()) {
                    out.push(unknown_state(format!("transitions[{i}].from[{j}]"), state));
                }
            }
        }
        if !state_ids.contains(transition.to.as_str()) {
            out.push(unknown_state(
                format!("transitions[{i}].to"),
                &transition.to,
            ));
        }
        if !names.insert(transition.name.as_str()) {
            out.push(finding(
                format!("transitions[{i}].name"),
                "duplicate_transition_name",
                format!("the transition `{}` is declared twice", transition.name),
            ));
        }
        if state_ids.contains(transition.name.as_str()) {
            out.push(finding(
                format!("transitions[{i}].name"),
                "name_is_a_state",
                format!(
                    "`{}` is also a state; a transition's name must differ from every state so that `validate` knows which is meant",
                    transition.name
                ),
            ));
        }
        for (j, guard) in transition.guards.iter().enumerate() {
            let mut calendars = Vec::new();
            guard.calendars(&mut calendars);
            for (name, sub) in calendars {
                if !document.calendars.contains_key(&name) {
                    let known: Vec<&str> = document.calendars.keys().map(String::as_str).collect();
                    out.push(finding(
                        format!("transitions[{i}].guards[{j}].{sub}"),
                        "unknown_calendar",
                        format!(
                            "unknown calendar `{name}` (the workflow's calendars: {})",
                            if known.is_empty() {
                                "none".to_owned()
                            } else {
                                known.join(", ")
                            }
                        ),
                    ));
                }
            }
        }
    }
    if let Some(cycle) = required_cycle(document) {
        out.push(cycle);
    }
    if out.is_empty() {
        warnings(document, &mut out);
    }
    out
}

/// The first cycle of `requires` among declared fields, reported at the field
/// whose requirement closes it.
fn required_cycle(document: &WorkflowDocument) -> Option<Finding> {
    let index: HashMap<&str, usize> = document
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    // 0 unvisited, 1 on the current path, 2 done.
    let mut mark = vec![0u8; document.fields.len()];
    fn visit(
        document: &WorkflowDocument,
        index: &HashMap<&str, usize>,
        mark: &mut [u8],
        path: &mut Vec<usize>,
        at: usize,
    ) -> Option<Finding> {
        mark[at] = 1;
        path.push(at);
        for (j, next) in document.fields[at].requires.iter().enumerate() {
            let Some(&n) = index.get(next.as_str()) else {
                continue;
            };
            if mark[n] == 1 {
                let start = path.iter().position(|&p| p == n).unwrap_or(0);
                let mut names: Vec<&str> = path[start..]
                    .iter()
                    .map(|&p| document.fields[p].id.as_str())
                    .collect();
                names.push(next);
                return Some(finding(
                    format!("fields[{at}].requires[{j}]"),
                    "required_fields_cycle",
                    format!("a cycle of required fields: {}", names.join(" -> ")),
                ));
            }
            if mark[n] == 0 {
                if let Some(found) = visit(document, index, mark, path, n) {
                    return Some(found);
                }
            }
        }
        path.pop();
        mark[at] = 2;
        None
    }
    (0..document.fields.len()).find_map(|i| {
        (mark[i] == 0)
            .then(|| visit(document, &index, &mut mark, &mut Vec::new(), i))
            .flatten()
    })
}

/// The traps of a document that loads.
fn warnings(document: &WorkflowDocument, out: &mut Vec<Finding>) {
    let state_index = |id: &str| document.states.iter().position(|s| s.id == id);
    let declared = |field: &str| field == STATE || document.fields.iter().any(|f| f.id == field);
    let undeclared = |path: String, field: &str| {
        finding(
            path,
            "undeclared_field",
            format!("the field `{field}` is not among the workflow's fields"),
        )
    };
    let values_of = |field: &str| {
        document
            .fields
            .iter()
            .find(|f| f.id == field)
            .and_then(|f| f.values.as_ref())
    };

    for (i, field) in document.fields.iter().enumerate() {
        for (j, required) in field.requires.iter().enumerate() {
            if !declared(required) {
                out.push(undeclared(format!("fields[{i}].requires[{j}]"), required));
            }
        }
    }
    let edges: Vec<(Vec<usize>, usize)> = document
        .transitions
        .iter()
        .map(|t| {
            // Sorted, so that two transitions from the same states compare equal.
            let mut from: Vec<usize> = leaves_from(document, &t.from, &t.to)
                .into_iter()
                .flatten()
                .collect();
            from.sort_unstable();
            from.dedup();
            (from, state_index(&t.to).unwrap_or(0))
        })
        .collect();
    for (i, transition) in document.transitions.iter().enumerate() {
        for (j, field) in transition.requires.iter().enumerate() {
            if !declared(field) {
                out.push(undeclared(format!("transitions[{i}].requires[{j}]"), field));
            }
        }
        for (field, value) in &transition.sets {
            let path = format!("transitions[{i}].sets.{field}");
            if !declared(field) {
                out.push(undeclared(path, field));
            } else if let Some(values) = values_of(field) {
                if !value.is_null() && !values.contains(value) {
                    out.push(finding(
                        path,
                        "unknown_value",
                        format!("{value} is not among the values of `{field}`"),
                    ));
                }
            }
        }
        for (j, guard) in transition.guards.iter().enumerate() {
            let mut fields = Vec::new();
            guard.fields(&mut fields);
            for (field, sub) in fields {
                if !declared(&field) {
                    out.push(undeclared(
                        format!("transitions[{i}].guards[{j}].{sub}"),
                        &field,
                    ));
                    continue;
                }
                let Some(values) = values_of(&field) else {
                    continue;
                };
                let mut compared = Vec::new();
                guard.compared_values(&field, &mut compared);
                for (value, sub) in compared {
                    if !values.contains(value) {
                        out.push(finding(
                            format!("transitions[{i}].guards[{j}].{sub}"),
                            "unknown_value",
                            format!("{value} is not among the values of `{field}`"),
                        ));
                    }
                }
            }
        }
        if let FromStates::States(states) = &transition.from {
            for (j, state) in states.iter().enumerate() {
                let terminal = document.states[state_index(state).unwrap_or(0)]
                    .category
                    .is_terminal();
                if terminal {
                    out.push(finding(
                        format!("transitions[{i}].from[{j}]"),
                        "leaves_terminal_state",
                        format!("`{state}` is final, yet `{}` leaves it", transition.name),
                    ));
                }
            }
        }
        let earlier =
            document.transitions[..i]
                .iter()
                .zip(&edges)
                .position(|(other, (other_from, _))| {
                    other.to == transition.to
                        && other.requires == transition.requires
                        && other.guards == transition.guards
                        && other.sets == transition.sets
                        && *other_from == edges[i].0
                });
        if let Some(k) = earlier {
            out.push(finding(
                format!("transitions[{i}]"),
                "duplicate_transition",
                format!(
                    "`{}` repeats `{}`: the same states, target, requirements and guards",
                    transition.name, document.transitions[k].name
                ),
            ));
        }
    }

    let n = document.states.len();
    let reach = |starts: Vec<usize>, forward: bool| {
        let mut seen = vec![false; n];
        let mut queue: VecDeque<usize> = starts.into_iter().collect();
        queue.iter().for_each(|&s| seen[s] = true);
        while let Some(at) = queue.pop_front() {
            for (from, to) in &edges {
                let next: Vec<usize> = if forward {
                    if from.contains(&at) {
                        vec![*to]
                    } else {
                        vec![]
                    }
                } else if *to == at {
                    from.clone()
                } else {
                    vec![]
                };
                for s in next {
                    if !seen[s] {
                        seen[s] = true;
                        queue.push_back(s);
                    }
                }
            }
        }
        seen
    };
    let reachable = reach(state_index(&document.initial).into_iter().collect(), true);
    for (i, state) in document.states.iter().enumerate() {
        if !reachable[i] {
            out.push(finding(
                format!("states[{i}]"),
                "unreachable_state",
                format!("no way leads from `{}` to `{}`", document.initial, state.id),
            ));
        }
    }
    let terminals: Vec<usize> = (0..n)
        .filter(|&i| document.states[i].category.is_terminal())
        .collect();
    if terminals.is_empty() {
        out.push(finding(
            "states",
            "no_terminal_state",
            "no state is closed or cancelled, so no record ever ends".into(),
        ));
        return;
    }
    let ends = reach(terminals, false);
    for (i, state) in document.states.iter().enumerate() {
        if !ends[i] {
            out.push(finding(
                format!("states[{i}]"),
                "no_way_to_terminal",
                format!(
                    "no way leads from `{}` to a closed or cancelled state",
                    state.id
                ),
            ));
        }
    }
}
