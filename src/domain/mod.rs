//! Plain data and the newtypes that are parsed once at the edge.
//! Knows nothing of HTTP, SQL or Fluent.

mod base_url;
mod category;
mod code;
mod fields;
mod lang;
mod office;
mod procedure;
mod role;
mod site_name;
mod source;
mod sso;
mod tenant;
mod user;
pub mod validate;

pub use base_url::{BaseUrl, BaseUrlError, PrintRisk, redact_url};
pub use category::{CategorySlug, CategorySlugError};
pub use code::{Code, CodeError};
pub use fields::{Composed, Field, StalePolicy};
pub use lang::{LangTag, LangTagError};
pub use office::{Office, OfficeFields};
pub use procedure::{ListItem, Procedure, ProcedureText, Status, StatusError, TextFields};
pub use role::{Role, RoleError, parse_lang_list};
pub use site_name::{SiteName, SiteNameError};
pub use source::Source;
pub use sso::{GroupRule, GroupRuleError, SsoConfig, role_for};
pub use tenant::{HostName, HostNameError, TenantSlug, TenantSlugError};
pub use user::{Actor, User, UserName, UserNameError};
