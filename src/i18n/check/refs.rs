//! References inside one locale: `{ msg }`, `{ msg.attr }` and `{ -term }`
//! must name something that exists (Fluent would show the reference's
//! name to the resident), and must not go round in a circle (Fluent
//! gives up and shows `???`).

use std::collections::{BTreeMap, BTreeSet};

use super::scan::{Entry, Parsed};
use super::{Problem, Severity, problem};

/// One pattern: an entry's value (`None`) or one of its attributes.
type Node = (String, Option<String>);

pub(super) fn check(locale: &Parsed, problems: &mut Vec<Problem>) {
    for (id, entry) in &locale.entries {
        for r in &entry.refs {
            if let Some(why) = unresolved(locale, &r.target, r.attribute.as_deref()) {
                problems.push(problem(
                    &entry.path,
                    r.at.0,
                    r.at.1,
                    Severity::Error,
                    format!("{why} in “{}”", name(id, r.from.as_deref())),
                ));
            }
        }
    }
    cycles(locale, problems);
}

fn name(id: &str, attribute: Option<&str>) -> String {
    match attribute {
        Some(a) => format!("{id}.{a}"),
        None => id.to_owned(),
    }
}

/// Why the reference cannot be resolved, if it cannot.
pub(super) fn unresolved(locale: &Parsed, target: &str, attribute: Option<&str>) -> Option<String> {
    let kind = if target.starts_with('-') {
        "term"
    } else {
        "message"
    };
    let Some(entry) = locale.entries.get(target) else {
        return Some(format!("unknown {kind} “{target}”"));
    };
    match attribute {
        Some(a) if !entry.attributes.contains_key(a) => Some(format!("unknown attribute “{target}.{a}”")),
        None if !entry.has_value => Some(format!("reference to “{target}”, a {kind} without a value,")),
        _ => None,
    }
}

/// The patterns a pattern refers to.
fn edges(entry: &Entry, from: &Option<String>) -> Vec<(Node, (usize, usize))> {
    entry
        .refs
        .iter()
        .filter(|r| &r.from == from)
        .map(|r| ((r.target.clone(), r.attribute.clone()), r.at))
        .collect()
}

/// Reports each circle of references once, at the reference that closes it.
fn cycles(locale: &Parsed, problems: &mut Vec<Problem>) {
    let mut reported: BTreeSet<Vec<Node>> = BTreeSet::new();
    let mut done: BTreeSet<Node> = BTreeSet::new();
    for (id, entry) in &locale.entries {
        let starts = std::iter::once(None).chain(entry.attributes.keys().cloned().map(Some));
        for from in starts {
            let start = (id.clone(), from);
            let mut path = Vec::new();
            visit(locale, start, &mut path, &mut done, &mut reported, problems);
        }
    }
}

/// Depth-first walk; `path` is the chain from the start to `node`.
fn visit(
    locale: &Parsed,
    node: Node,
    path: &mut Vec<Node>,
    done: &mut BTreeSet<Node>,
    reported: &mut BTreeSet<Vec<Node>>,
    problems: &mut Vec<Problem>,
) {
    if done.contains(&node) {
        return;
    }
    let Some(entry) = locale.entries.get(&node.0) else {
        return;
    };
    path.push(node.clone());
    let mut seen = BTreeMap::new();
    for (next, at) in edges(entry, &node.1) {
        seen.entry(next).or_insert(at);
    }
    for (next, at) in seen {
        if let Some(i) = path.iter().position(|n| *n == next) {
            let circle = path[i..].to_vec();
            // The same circle found from another member: report it once.
            let mut key = circle.clone();
            let min = key
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.cmp(b.1))
                .map_or(0, |m| m.0);
            key.rotate_left(min);
            if reported.insert(key) {
                let chain: Vec<String> = circle
                    .iter()
                    .chain(std::iter::once(&next))
                    .map(|(id, a)| name(id, a.as_deref()))
                    .collect();
                problems.push(problem(
                    &entry.path,
                    at.0,
                    at.1,
                    Severity::Error,
                    format!("circular reference: {}", chain.join(" → ")),
                ));
            }
            continue;
        }
        visit(locale, next, path, done, reported, problems);
    }
    path.pop();
    done.insert(node);
}
