//! A new locale folder's first files (`madoguchi locales new`): the
//! reference's public files with the language's two names filled in and
//! every other message commented out, so the page shows English for them
//! and `locales check` lists each as missing until it is translated. The
//! staff file (`admin.ftl`) is left out: residents never see it.

use fluent_syntax::ast::{Comment, Entry, Identifier, Message, Pattern, PatternElement, Resource, Term};
use fluent_syntax::{parser, serializer};

use super::check::{File, STAFF_FILES};
use crate::domain::LangTag;

/// The two messages a new locale has from the start.
const NAMES: [&str; 2] = ["language-name", "language-name-ja"];

/// The files of a new locale: (file name, text), one per public file of
/// the `reference`.
pub fn files(tag: &LangTag, name: &str, name_ja: &str, reference: &[File]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for file in reference {
        let file_name = file.path.rsplit('/').next().unwrap_or(&file.path).to_owned();
        if STAFF_FILES.contains(&file_name.as_str()) || !file_name.ends_with(".ftl") {
            continue;
        }
        out.push((
            file_name.clone(),
            scaffold(tag, name, name_ja, &file_name, &file.text),
        ));
    }
    out
}

fn scaffold(tag: &LangTag, name: &str, name_ja: &str, file_name: &str, reference: &str) -> String {
    let resource = parser::parse(reference).unwrap_or_else(|(r, _)| r);
    let mut body = vec![Entry::ResourceComment(Comment {
        content: vec![
            format!("{name} ({tag}): {file_name}, made by `madoguchi locales new` from English."),
            "NATIVE REVIEW PENDING: no native speaker has reviewed this language yet.".to_owned(),
            "Every message but the language's names is commented out: until it is translated,".to_owned(),
            "the page shows it in English and `madoguchi locales check` lists it as missing.".to_owned(),
            "To translate one, write it in this language and remove the “# ” before its lines.".to_owned(),
        ],
    })];
    for entry in resource.body {
        match entry {
            Entry::GroupComment(c) => body.push(Entry::GroupComment(owned_comment(&c))),
            Entry::Message(m) if NAMES.contains(&m.id.name) => {
                let value = if m.id.name == NAMES[0] { name } else { name_ja };
                body.push(Entry::Message(Message {
                    id: Identifier {
                        name: m.id.name.to_owned(),
                    },
                    value: Some(Pattern {
                        elements: vec![PatternElement::TextElement {
                            value: value.to_owned(),
                        }],
                    }),
                    attributes: vec![],
                    comment: m.comment.as_ref().map(owned_comment),
                }));
            }
            Entry::Message(m) => {
                let comment = m.comment.as_ref().map(owned_comment);
                let alone = Resource {
                    body: vec![Entry::Message(Message { comment: None, ..m })],
                };
                body.push(commented(comment, &serializer::serialize(&alone)));
            }
            Entry::Term(t) => {
                let comment = t.comment.as_ref().map(owned_comment);
                let alone = Resource {
                    body: vec![Entry::Term(Term { comment: None, ..t })],
                };
                body.push(commented(comment, &serializer::serialize(&alone)));
            }
            // The reference's own header and loose comments are about English.
            _ => {}
        }
    }
    serializer::serialize(&Resource { body })
}

/// One comment: the reference's comment on the message, then the message.
fn commented(comment: Option<Comment<String>>, source: &str) -> Entry<String> {
    let mut content = comment.map(|c| c.content).unwrap_or_default();
    content.extend(source.trim_end().lines().map(str::to_owned));
    Entry::Comment(Comment { content })
}

fn owned_comment(c: &Comment<&str>) -> Comment<String> {
    Comment {
        content: c.content.iter().map(|l| (*l).to_owned()).collect(),
    }
}
