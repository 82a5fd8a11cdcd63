//! One sign-in attempt: waits for its turn, asks the throttle, checks the
//! password and counts the result, in a task of its own.
//!
//! Run as a task so a client that hangs up cannot cut an attempt short: a
//! cancelled attempt would give its turn back while argon2 (19 MiB) still
//! runs, and would skip counting the failure. Turns keep the checks few at
//! once and make each failure counted before the next attempt asks the
//! throttle, so parallel guesses cannot all slip under it.

use std::time::Duration;

use crate::AppState;
use crate::auth;
use crate::domain::User;

/// Password checks at once.
static TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// A real argon2id hash of a random secret: costs what a real check costs,
/// and never matches.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| auth::hash_password(&auth::random_token()).unwrap_or_default());

pub enum Attempt {
    /// Too many failures: try again after this long.
    Wait(Duration),
    Failed,
    SignedIn(User),
}

/// Checks `password` for the account `name` (already a valid user name),
/// throttled per account and per client `address`. Used by sign-in and by
/// the password change (its "current password"), which share turns and
/// counts, so a stolen session cannot guess faster than a sign-in form.
pub async fn attempt(
    state: &AppState,
    name: &str,
    password: String,
    address: &str,
) -> anyhow::Result<Attempt> {
    let state = state.clone();
    let keys = [format!("user:{name}"), format!("ip:{address}")];
    let name = name.to_owned();
    tokio::spawn(async move {
        let _turn = TURNS.acquire().await?;
        if let Some(wait) = state.throttle().wait_for(state.store(), &keys[0], &keys[1]).await {
            return Ok(Attempt::Wait(wait));
        }
        let found = state.store().user_for_sign_in(&name).await?;
        // Verify against a dummy hash when there is no such user, so the
        // answer takes as long either way.
        let hash = found
            .as_ref()
            .map_or_else(|| DUMMY_HASH.clone(), |(_, h)| h.clone());
        let ok = tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash)).await?;
        Ok(match found {
            Some((user, _)) if ok && !user.disabled => {
                state.throttle().succeeded(state.store(), &keys[0]).await;
                Attempt::SignedIn(user)
            }
            _ => {
                state.throttle().failed(state.store(), &keys).await;
                Attempt::Failed
            }
        })
    })
    .await?
}
