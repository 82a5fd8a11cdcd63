//! The demand dashboard: scans over time, top procedures, and the
//! languages people's phones ask for that we do not have yet; CSV export.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use super::{AdminFrame, Staff};
use crate::AppState;
use crate::domain::LangTag;
use crate::error::AppResult;
use crate::i18n::negotiate;
use crate::store::Tally;
use crate::web::{Lang, query_param};

const DEFAULT_DAYS: i64 = 30;
const MAX_DAYS: i64 = 3660;

fn from_day(query: Option<&str>) -> (i64, String) {
    let days = query_param(query, "days")
        .parse()
        .unwrap_or(DEFAULT_DAYS)
        .clamp(1, MAX_DAYS);
    let from = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * (days - 1));
    (days, from.strftime("%Y-%m-%d").to_string())
}

#[derive(Template)]
#[template(path = "admin/stats.html")]
struct StatsPage<'a> {
    page: &'a AdminFrame<'a>,
    days: i64,
    per_day: Vec<Tally>,
    per_procedure: Vec<Tally>,
    missing: Vec<Tally>,
    available: Vec<Tally>,
    per_source: Vec<Tally>,
    max_day: i64,
}

pub async fn dashboard(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    // Counts still in memory would be missing from a dashboard read now.
    state.scans().flush_now(state.store()).await;
    let (days, from) = from_day(query.as_deref());
    let store = state.store();
    let per_day = store.scans_per_day(&from).await?;
    let (missing, available) = store
        .scans_per_requested(&from)
        .await?
        .into_iter()
        .partition(|t| {
            LangTag::parse(&t.key).map_or(true, |tag| {
                negotiate(std::slice::from_ref(&tag), state.locales().tags()).is_none()
            })
        });
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let html = StatsPage {
        page: &page,
        days,
        max_day: per_day.iter().map(|t| t.count).max().unwrap_or(1),
        per_day,
        per_procedure: store.scans_per_procedure(&from).await?,
        missing,
        available,
        per_source: store.scans_per_source(&from).await?,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

pub async fn csv(
    State(state): State<AppState>,
    staff: Staff,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let _ = staff;
    state.scans().flush_now(state.store()).await;
    let (_, from) = from_day(query.as_deref());
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["day", "code", "requested", "served", "source", "count"])
        .map_err(anyhow::Error::from)?;
    for r in state.store().scans_since(&from).await? {
        let count = r.count.to_string();
        out.write_record([&r.day, &r.code, &r.requested, &r.served, &r.source, &count])
            .map_err(anyhow::Error::from)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| anyhow::anyhow!("writing CSV: {e}"))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"madoguchi-scans.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}
