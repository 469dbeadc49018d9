//! `cargo xtask fetch`: download the published collection, check that the generator
//! reads it, save it beside the current one, and compare the two.
//!
//! The download uses the `reqwest` the runtime already depends on (same features,
//! rustls with ring), driven by a current-thread tokio runtime in the binary: no
//! second HTTP stack is built for one GET.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use codegen::diff::{self, Report};

/// SMSPool's public collection as Postman's documenter serves it: the JSON behind
/// <https://documenter.getpostman.com/view/30155063/2s9YXmZ1JY> (owner 30155063,
/// published id `2s9YXmZ1JY`, collection `b2f10c80-0e84-45b9-a156-ebe58326e6b6`).
pub const DEFAULT_URL: &str = "https://documenter.gw.postman.com/api/collections/30155063/2s9YXmZ1JY?segregateAuth=true&versionTag=latest";

/// The largest body accepted: the current collection is 0.6 MB.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// What to fetch and where to put it.
#[derive(Clone, Debug)]
pub struct Options {
    /// Where the collection is published.
    pub url: String,
    /// Where to write it.
    pub out: PathBuf,
    /// Replace `out` when it exists.
    pub force: bool,
    /// The collection in use, to compare with.
    pub current: PathBuf,
    /// The overrides file both sides are read with.
    pub overrides: PathBuf,
}

/// What a fetch did.
#[derive(Debug)]
pub struct Fetched {
    /// Where the collection was written.
    pub out: PathBuf,
    /// Its size.
    pub bytes: usize,
    /// Whether a file was there before (only with `force`).
    pub replaced: bool,
    /// The parser's warnings about the download (fields the format does not define).
    pub warnings: Vec<String>,
    /// The comparison with the current collection, or why there is none (the
    /// overrides no longer match the new collection, the current one is missing).
    pub report: Result<Report, String>,
}

/// `collection/smspool.postman_collection.json` → `collection/smspool.fetched.postman_collection.json`:
/// a new file beside the current one.
pub fn default_out(current: &Path) -> PathBuf {
    let name = current
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "collection.json".into());
    let fetched = match name.split_once('.') {
        Some((stem, rest)) => format!("{stem}.fetched.{rest}"),
        None => format!("{name}.fetched.json"),
    };
    current.with_file_name(fetched)
}

/// Downloads, validates, writes and compares. Nothing is written unless the
/// download is a collection the generator reads; an existing file is replaced only
/// with `force`, and the check happens before the download.
pub async fn fetch(options: &Options) -> Result<Fetched, String> {
    let exists = std::fs::symlink_metadata(&options.out).is_ok();
    if exists && !options.force {
        return Err(format!(
            "{} exists; pass --force to replace it, or --out PATH to write elsewhere",
            options.out.display()
        ));
    }
    // Writing through a symlink replaces its target (the third-party copy), not the
    // link: resolve it first, so the link stays and the file it names is updated.
    let out = match std::fs::read_link(&options.out) {
        Ok(_) => std::fs::canonicalize(&options.out)
            .map_err(|e| format!("{} is a broken symlink: {e}", options.out.display()))?,
        Err(_) => options.out.clone(),
    };
    let text = download(&options.url).await?;
    let mut warnings = codegen::Warnings::default();
    codegen::postman::parse(&text, &mut warnings).map_err(|e| {
        format!(
            "{} is not a collection the generator reads: {e}",
            options.url
        )
    })?;
    write(&out, &text)?;
    let report = compare(options, &text);
    Ok(Fetched {
        out,
        bytes: text.len(),
        replaced: exists,
        warnings: warnings.lines(),
        report,
    })
}

async fn download(url: &str) -> Result<String, String> {
    install_crypto_provider();
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(15))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("smspool-rs-xtask/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot start an HTTP client: {e}"))?;
    let mut response = client
        .get(url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| format!("cannot download {url}: {}", chain(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{url} answered {status}"));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("download of {url} failed: {}", chain(&e)))?
    {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_BYTES {
            return Err(format!(
                "{url} sent more than {} MB; not a collection",
                MAX_BYTES / 1024 / 1024
            ));
        }
    }
    String::from_utf8(body).map_err(|_| format!("{url} sent a body that is not UTF-8 text"))
}

/// An error and its sources on one line (`error sending request: connection refused`).
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// rustls needs a process-wide crypto provider; the workspace builds ring.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// Writes through a temporary file in the same directory, so a failed write never
/// leaves half a collection behind.
fn write(out: &Path, text: &str) -> Result<(), String> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = out
        .file_name()
        .ok_or_else(|| format!("{} is not a file path", out.display()))?;
    let temporary = dir.join(format!(
        ".{}.{}.part",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::File::create(&temporary)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, out));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}: {e}", out.display())
    })
}

fn compare(options: &Options, new_json: &str) -> Result<Report, String> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
    };
    let overrides = read(&options.overrides)?;
    let current = read(&options.current)?;
    let (old, _) = crate::model(&options.current.display().to_string(), &current, &overrides)?;
    let (new, _) = crate::model(&options.url, new_json, &overrides)?;
    Ok(diff::compare(&old, &new))
}
