//! The accept loop of `serve`: HTTP/1.1 connections with the limits that
//! keep slow or idle clients from holding the server (hyper-util's
//! connection builder; `axum::serve` does not expose these settings).
//!
//! - **Header-read timeout**: hyper's timer starts whenever a connection
//!   waits for a request head (after connecting, and again after each
//!   response), so it bounds both a slow sender of headers (slowloris) and
//!   an idle keep-alive connection.
//! - **Connection cap**: at most `max` connections are served at once;
//!   further ones wait in the kernel's listen queue until one ends. Keep it
//!   below the process's open-file limit (`ulimit -n`), which the database,
//!   the locale files and the metrics listener share.
//!
//! Behind a reverse proxy (nginx, Caddy), the proxy should buffer requests
//! and hold the slow clients; these limits then only guard against a
//! misbehaving proxy or a direct connection.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request};
use axum::response::Response;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::{Service, ServiceExt};

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// From waiting for a request (new or kept-alive connection) to its
    /// complete head.
    pub header_read: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// How long shutdown waits for requests in flight.
    pub shutdown_grace: Duration,
}

pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
pub const MAX_CONNECTIONS: usize = 512;
/// Request head size (start line and headers); hyper answers 431 beyond.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Serves `service` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish (up to `limits.shutdown_grace`).
pub async fn serve<S>(
    listener: TcpListener,
    service: S,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
{
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .max_header_size(MAX_HEADER_BYTES)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    let mut full_logged = false;
    loop {
        // Wait for room before accepting: beyond the cap, connections
        // queue in the kernel instead of taking file descriptors here.
        let permit = if let Ok(p) = permits.clone().try_acquire_owned() {
            full_logged = false;
            p
        } else {
            if !full_logged {
                full_logged = true;
                tracing::warn!(
                    max = limits.max_connections,
                    "connection limit reached: new connections wait until one ends"
                );
            }
            tokio::select! {
                p = permits.clone().acquire_owned() => p?,
                () = &mut shutdown => break,
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait, don't spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service =
            service
                .clone()
                .map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
                    request.map(axum::body::Body::new)
                });
        let connection = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!("requests still running after {:?}; stopping anyway", limits.shutdown_grace);
        }
    }
    Ok(())
}
