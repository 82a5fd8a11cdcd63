//! Offices: shared, translatable records of where to go.

use serde::{Deserialize, Serialize};

use super::LangTag;
use super::validate::{FieldProblem, MAX_LINE, ProblemKind};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OfficeFields {
    pub name: String,
    pub address: String,
    pub floor: String,
    pub counter: String,
    pub hours: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    pub id: i64,
    pub texts: Vec<(LangTag, OfficeFields)>,
}

impl Office {
    pub fn text(&self, lang: &LangTag) -> Option<&OfficeFields> {
        self.texts.iter().find(|(l, _)| l == lang).map(|(_, f)| f)
    }

    pub fn japanese(&self) -> Option<&OfficeFields> {
        self.texts
            .iter()
            .find(|(l, _)| l.to_string() == "ja")
            .map(|(_, f)| f)
    }

    /// The Japanese name, for staff lists.
    pub fn name_ja(&self) -> &str {
        self.japanese().map_or("", |f| f.name.as_str())
    }
}

impl OfficeFields {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(FieldProblem {
                field: "name".into(),
                kind: ProblemKind::Empty,
            });
        }
        for (field, value) in [
            ("name", &self.name),
            ("address", &self.address),
            ("floor", &self.floor),
            ("counter", &self.counter),
            ("hours", &self.hours),
        ] {
            let chars = value.chars().count();
            if chars > MAX_LINE {
                out.push(FieldProblem {
                    field: field.into(),
                    kind: ProblemKind::TooLong { chars, max: MAX_LINE },
                });
            } else if let Some(kind) = super::validate::character_problem(value, false) {
                out.push(FieldProblem {
                    field: field.into(),
                    kind,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_required() {
        assert_eq!(OfficeFields::default().problems()[0].field, "name");
        let ok = OfficeFields {
            name: "中央区役所".into(),
            ..OfficeFields::default()
        };
        assert!(ok.problems().is_empty());
    }
}
