//! Comparing one locale with the reference (English).

use std::collections::BTreeSet;

use super::scan::{Entry, Parsed};
use super::{Problem, Severity, Summary, problem};

pub(super) fn compare(
    reference: &Parsed,
    locale: &Parsed,
    optional: &dyn Fn(&str) -> bool,
    problems: &mut Vec<Problem>,
    summary: &mut Summary,
) {
    for (id, r) in &reference.entries {
        let Some(l) = locale.entries.get(id) else {
            if optional(&r.path) {
                continue;
            }
            summary.missing += 1;
            // Without a name the folder is refused anyway (reported once).
            if id != "language-name" {
                problems.push(Problem {
                    falls_back: true,
                    ..problem(
                        &locale.first_file,
                        1,
                        1,
                        Severity::Error,
                        format!("missing message “{id}” (see {}:{})", r.path, r.line),
                    )
                });
            }
            continue;
        };
        let at = |severity, message| problem(&l.path, l.line, l.column, severity, message);
        if r.has_value && !l.has_value {
            problems.push(at(
                Severity::Error,
                format!("“{id}” has no value; the reference has one"),
            ));
        }
        if l.has_value && !r.has_value {
            problems.push(at(
                Severity::Warning,
                format!("“{id}” has a value; the reference has none (it is never shown)"),
            ));
        }
        references(id, r, l, locale, problems);
        for name in r.attributes.keys() {
            if !l.attributes.contains_key(name) {
                problems.push(Problem {
                    falls_back: true,
                    ..at(Severity::Error, format!("missing attribute “{id}.{name}”"))
                });
            }
        }
        for (name, (line, column)) in &l.attributes {
            if !r.attributes.contains_key(name) {
                problems.push(problem(
                    &l.path,
                    *line,
                    *column,
                    Severity::Warning,
                    format!("obsolete attribute “{id}.{name}”: the reference has none"),
                ));
            }
        }
        for (name, (line, column)) in &l.variables {
            if !r.variables.contains_key(name) {
                problems.push(problem(
                    &l.path,
                    *line,
                    *column,
                    Severity::Error,
                    format!("unknown variable “${name}” in “{id}”: the reference has no such variable"),
                ));
            }
        }
        let unused: BTreeSet<&String> = r
            .variables
            .keys()
            .filter(|v| !l.variables.contains_key(*v))
            .collect();
        for name in unused {
            problems.push(at(
                Severity::Warning,
                format!("“{id}” does not use the variable “${name}” of the reference"),
            ));
        }
    }
    for (id, l) in &locale.entries {
        if !reference.entries.contains_key(id) {
            summary.obsolete += 1;
            problems.push(problem(
                &l.path,
                l.line,
                l.column,
                Severity::Warning,
                format!("obsolete message “{id}”: not in the reference"),
            ));
        }
    }
}

/// Messages and terms the translation refers to where the reference does
/// not, or the other way round (compare-locales' obsolete and missing
/// references): a hint that a shared term or message went astray.
fn references(id: &str, r: &Entry, l: &Entry, locale: &Parsed, problems: &mut Vec<Problem>) {
    let key = |x: &super::scan::Ref| {
        let target = match &x.attribute {
            Some(a) => format!("{}.{a}", x.target),
            None => x.target.clone(),
        };
        (x.from.clone(), target)
    };
    let theirs: BTreeSet<_> = r.refs.iter().map(key).collect();
    let ours: BTreeSet<_> = l.refs.iter().map(key).collect();
    for x in &l.refs {
        let (_, target) = key(x);
        // An unknown one is an error already (see `refs`).
        if !theirs.contains(&key(x))
            && super::refs::unresolved(locale, &x.target, x.attribute.as_deref()).is_none()
        {
            problems.push(problem(
                &l.path,
                x.at.0,
                x.at.1,
                Severity::Warning,
                format!("“{id}” refers to “{target}”; the reference does not"),
            ));
        }
    }
    for k in theirs.difference(&ours) {
        problems.push(problem(
            &l.path,
            l.line,
            l.column,
            Severity::Warning,
            format!("“{id}” does not refer to “{}” as the reference does", k.1),
        ));
    }
}
