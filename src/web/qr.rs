//! `GET /qr/{CODE}.png` and `GET /qr/{CODE}.svg`, with the options that
//! matter for print:
//!
//! - `size=N` — PNG edge in pixels (64–4096, whole-pixel modules; unreadable
//!   means the default), or
//!   `mm=N` (10–300, quiet zone included) with `dpi=N` (72–1200, default
//!   300): the PNG is at least that big at that resolution, and says so in
//!   its pHYs chunk;
//! - `ec=M|Q|H` — error correction, Q by default;
//! - `dark=rrggbb` — the dark colour; refused (400) below 7:1 contrast
//!   against white ([`qr::MIN_CONTRAST`]);
//! - `source=poster|letter|counter` — appended to the encoded URL.
//!
//! Every drawing goes through the state's [`qr::Cache`].

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use super::admin::signed_in;
use super::client::ClientAddr;
use crate::AppState;
use crate::domain::{Code, Source, Status};
use crate::error::{AppError, AppResult};
use crate::qr::{self, Dark, Ec, PngSize, Style, cache};

/// The options read from a query string.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub style: Style,
    pub source: Option<Source>,
    pub size: Option<u32>,
    pub mm: Option<u32>,
    pub dpi: Option<u32>,
}

impl Options {
    /// Unknown keys are ignored; a malformed known one is refused, so a
    /// print order never silently gets something other than asked for.
    pub fn parse(query: Option<&str>) -> Result<Options, AppError> {
        let mut o = Options::default();
        let number = |k: &str, v: &str| {
            v.trim()
                .parse::<u32>()
                .map_err(|_| AppError::BadRequest(format!("{k} must be a whole number")))
        };
        for (k, v) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            match k.as_ref() {
                // Kept lenient as it always was: unreadable means the default.
                "size" => o.size = v.trim().parse().ok(),
                "mm" => o.mm = Some(number("mm", &v)?),
                "dpi" => o.dpi = Some(number("dpi", &v)?),
                "ec" => {
                    o.style.ec =
                        Ec::parse(&v).ok_or_else(|| AppError::BadRequest("ec must be M, Q or H".into()))?
                }
                "dark" => o.style.dark = Dark::parse(&v).map_err(|e| AppError::BadRequest(e.to_string()))?,
                "source" => {
                    o.source = Some(Source::parse(&v).ok_or_else(|| {
                        AppError::BadRequest("source must be poster, letter or counter".into())
                    })?)
                }
                _ => {}
            }
        }
        Ok(o)
    }

    fn png_size(&self) -> PngSize {
        match self.mm {
            Some(mm) => PngSize::physical(mm, self.dpi.unwrap_or(qr::DEFAULT_DPI)),
            None => PngSize::Pixels(qr::clamp_png_size(self.size)),
        }
    }
}

pub async fn image(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> AppResult<Response> {
    // Drawing is the one costly public thing: a budget per client address.
    if let Err(wait) = state.qr_limit().check(&client) {
        return Err(AppError::TooManyRequests {
            retry_after_secs: wait.as_secs().max(1),
        });
    }
    let (code, ext) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let code = Code::parse_lenient(code).map_err(|_| AppError::NotFound)?;
    let Some(procedure) = state.store().procedure(&code).await? else {
        return Err(AppError::NotFound);
    };
    // A draft's code is not public yet (its page is a 404): only staff,
    // preparing its posters, get its QR code, and no shared cache keeps it.
    let draft = procedure.status == Status::Draft;
    if draft && !signed_in(&state, &headers).await? {
        return Err(AppError::NotFound);
    }
    let options = Options::parse(query.as_deref())?;
    let payload = state.base_url().qr_payload_from(&code, options.source);
    // Codes never change, so a drawn QR stays right for a day at least.
    let max_age = (
        CACHE_CONTROL,
        if draft {
            "private, max-age=86400"
        } else {
            "public, max-age=86400"
        },
    );
    let style = options.style;
    match ext.to_ascii_lowercase().as_str() {
        "png" => {
            let size = options.png_size();
            let key = cache::Key {
                payload: payload.clone(),
                kind: cache::Kind::Png(size, style),
            };
            let drawn = draw(&state, key, move || {
                qr::png_with(&payload, style, size).map(cache::Drawn::Bytes)
            })
            .await?;
            let cache::Drawn::Bytes(bytes) = &*drawn else {
                return Err(anyhow::anyhow!("the QR cache held something else").into());
            };
            Ok(([(CONTENT_TYPE, "image/png"), max_age], bytes.clone()).into_response())
        }
        "svg" => {
            let key = cache::Key {
                payload: payload.clone(),
                kind: cache::Kind::Svg(style),
            };
            let drawn = draw(&state, key, move || {
                qr::svg_with(&payload, style).map(cache::Drawn::Text)
            })
            .await?;
            let cache::Drawn::Text(svg) = &*drawn else {
                return Err(anyhow::anyhow!("the QR cache held something else").into());
            };
            Ok(([(CONTENT_TYPE, "image/svg+xml"), max_age], svg.clone()).into_response())
        }
        _ => Err(AppError::NotFound),
    }
}

/// Big PNG drawings made at once: a 4096 px one needs about 70 MB while it
/// is drawn, and many at once from many clients would add up. SVGs (what
/// the print pages use) are small and do not wait for a turn.
static PNG_TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// The cached drawing for `key`. Drawing a big PNG takes milliseconds of
/// CPU: keep it off the I/O threads.
pub async fn draw(
    state: &AppState,
    key: cache::Key,
    f: impl FnOnce() -> anyhow::Result<cache::Drawn> + Send + 'static,
) -> AppResult<Arc<cache::Drawn>> {
    if let Some(found) = state.qr_cache().cached(&key) {
        return Ok(found);
    }
    // The turn goes into the drawing thread: a request dropped meanwhile
    // must not free it while the drawing still runs.
    let turn = match key.kind {
        cache::Kind::Png(..) => Some(PNG_TURNS.acquire().await.map_err(anyhow::Error::from)?),
        cache::Kind::Svg(..) | cache::Kind::Inline(..) => None,
    };
    let state = state.clone();
    let out = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        state.qr_cache().get_or_draw(key, f)
    })
    .await
    .map_err(anyhow::Error::from)?;
    Ok(out?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_and_refuse() {
        let o = Options::parse(Some("ec=h&dark=1a2a6b&source=poster&mm=80&dpi=600&x=1")).unwrap();
        assert_eq!(o.style.ec, Ec::H);
        assert_eq!(o.source, Some(Source::Poster));
        assert_eq!(
            o.png_size(),
            PngSize::Physical {
                tenth_mm: 800,
                dpi: 600
            }
        );
        assert_eq!(Options::parse(None).unwrap(), Options::default());
        assert_eq!(Options::parse(Some("size=big")).unwrap().size, None);
        for bad in ["ec=L", "dark=ffff00", "source=web", "dpi=high", "mm=-1"] {
            assert!(
                matches!(Options::parse(Some(bad)), Err(AppError::BadRequest(_))),
                "{bad}"
            );
        }
    }
}
