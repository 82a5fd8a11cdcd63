//! Plain data and the newtypes that are parsed once at the edge.
//! Knows nothing of HTTP, SQL or Fluent.

mod base_url;
mod code;
mod lang;
mod procedure;

pub use base_url::{BaseUrl, BaseUrlError};
pub use code::{Code, CodeError};
pub use lang::{LangTag, LangTagError};
pub use procedure::{Procedure, ProcedureText, Status, StatusError, TextFields};
