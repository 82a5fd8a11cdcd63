//! Content codings for cached pages: a page is compressed once, when it is
//! first asked for in that coding, not on every request (phones always
//! send `Accept-Encoding`, and compressing is most of a page's cost).
//! Other responses are compressed on the fly by the compression layer,
//! which leaves a response alone once it carries `Content-Encoding`.

use std::io::Write;
use std::sync::{OnceLock, mpsc};

use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_ENCODING;

const GZIP_LEVEL: u32 = 6;
const BROTLI_QUALITY: u32 = 5;
/// 1 MiB, more than any page; a 64 KiB window (16) is, oddly, 18 times
/// slower in the `brotli` crate at this quality.
const BROTLI_WINDOW: u32 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The best coding the client accepts: brotli (smallest), then gzip.
    /// Follows RFC 9110 §12.5.3: `q=0` refuses, `*` stands for codings not
    /// named, names are case-insensitive.
    pub fn preferred(headers: &HeaderMap) -> Encoding {
        let mut br = None;
        let mut gzip = None;
        let mut any = None;
        for value in headers.get_all(ACCEPT_ENCODING) {
            let Ok(value) = value.to_str() else { continue };
            for item in value.split(',') {
                let mut parts = item.split(';');
                let name = parts.next().unwrap_or("").trim();
                let q = parts
                    .filter_map(|p| {
                        p.trim()
                            .strip_prefix("q=")
                            .or_else(|| p.trim().strip_prefix("Q="))
                    })
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .filter(|q| q.is_finite())
                    .unwrap_or(1.0);
                let slot = if name.eq_ignore_ascii_case("br") {
                    &mut br
                } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                    &mut gzip
                } else if name == "*" {
                    &mut any
                } else {
                    continue;
                };
                slot.get_or_insert(q);
            }
        }
        let br = br.or(any).unwrap_or(0.0);
        let gzip = gzip.or(any).unwrap_or(0.0);
        if br > 0.0 && br >= gzip {
            Encoding::Brotli
        } else if gzip > 0.0 {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    /// The `Content-Encoding` value, none for identity.
    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }

    /// `body` in this coding: done once per page, when first asked for,
    /// on the request path. The levels are those of a dynamic page, not a
    /// static file: for a 11 KB page, brotli 11 saves 430 bytes over level
    /// 5 but costs 11 ms instead of 0.27 (a changed procedure makes all its
    /// pages cold at once); gzip 9 saves 90 bytes over 6 for 55 µs more.
    pub fn compress(self, body: &[u8]) -> Bytes {
        match self {
            Encoding::Identity => Bytes::copy_from_slice(body),
            Encoding::Gzip => {
                let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(GZIP_LEVEL));
                out.write_all(body).expect("writing to memory");
                Bytes::copy_from_slice(&out.finish().expect("writing to memory"))
            }
            Encoding::Brotli => {
                let mut out = Vec::with_capacity(body.len() / 2);
                {
                    let mut writer =
                        brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, BROTLI_WINDOW);
                    writer.write_all(body).expect("writing to memory");
                }
                // Copied: kept for long, at its size rather than the
                // buffer's capacity.
                Bytes::copy_from_slice(&out)
            }
        }
    }
}

type Job = (Encoding, Bytes, tokio::sync::oneshot::Sender<Bytes>);

impl Encoding {
    /// [`compress`](Self::compress) on the one thread that compresses
    /// pages, awaited without holding a worker. One thread: a burst of cold
    /// pages (a changed procedure, a crawler) compresses on one core while
    /// the other keeps answering ready pages, and the encoders' tables,
    /// made and dropped hundreds of times a second, stay in one thread's
    /// heap instead of spreading retained memory over every worker's
    /// (bench/RESULTS.md: 60 MB instead of 83 after 14,000 brotli pages).
    pub async fn compress_elsewhere(self, body: Bytes) -> Bytes {
        static JOBS: OnceLock<Option<mpsc::Sender<Job>>> = OnceLock::new();
        let jobs = JOBS.get_or_init(|| {
            let (jobs, queue) = mpsc::channel::<Job>();
            let started = std::thread::Builder::new()
                .name("compress".into())
                .spawn(move || {
                    for (encoding, body, done) in queue {
                        let _ = done.send(encoding.compress(&body));
                    }
                });
            started.ok().map(|_| jobs)
        });
        let (done, made) = tokio::sync::oneshot::channel();
        if let Some(jobs) = jobs
            && jobs.send((self, body.clone(), done)).is_ok()
            && let Ok(made) = made.await
        {
            return made;
        }
        self.compress(&body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn pick(accept: &str) -> Encoding {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, accept.parse().unwrap());
        Encoding::preferred(&headers)
    }

    #[test]
    fn picks_what_the_client_accepts() {
        assert_eq!(Encoding::preferred(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(pick("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(pick("gzip, deflate"), Encoding::Gzip);
        assert_eq!(pick("GZIP"), Encoding::Gzip);
        assert_eq!(pick("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(pick("br;q=0.5, gzip;q=0.8"), Encoding::Gzip);
        assert_eq!(pick("gzip;q=0, br;q=0"), Encoding::Identity);
        assert_eq!(pick("*"), Encoding::Brotli);
        assert_eq!(pick("*;q=0, gzip"), Encoding::Gzip);
        assert_eq!(pick("identity"), Encoding::Identity);
        assert_eq!(pick("deflate"), Encoding::Identity);
        assert_eq!(pick("gzip;q=NaN, br;q=garbage"), Encoding::Brotli);
    }

    #[test]
    fn compressed_bodies_decompress_to_the_page() {
        let page = "<p>ことばの案内</p>".repeat(200);
        let gz = Encoding::Gzip.compress(page.as_bytes());
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
        let br = Encoding::Brotli.compress(page.as_bytes());
        let mut back = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
        assert!(br.len() < page.len() / 10, "{} bytes", br.len());
    }
}
