//! What the benchmarks ran on, and where things are.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (this crate is `xtask/bench`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("../.."))
}

/// Reads a workspace file, with its path in the error.
pub fn read(relative: &str) -> Result<String, String> {
    let path = root().join(relative);
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The SMSPool collection and our overrides file, as text.
pub fn smspool_inputs() -> Result<(String, String), String> {
    Ok((
        read("collection/smspool.postman_collection.json")?,
        read("collection/overrides.toml")?,
    ))
}

/// The machine and toolchain.
#[derive(Debug)]
pub struct Machine {
    /// Logical CPUs available to this process.
    pub cpus: usize,
    /// The CPU model name.
    pub cpu_model: String,
    /// Total memory, in bytes.
    pub memory: u64,
    /// `rustc --version`.
    pub rustc: String,
    /// The operating system (`linux x86_64`).
    pub os: String,
    /// The commit benchmarked (`git describe --always --dirty`).
    pub commit: String,
}

impl Machine {
    /// Looks at this machine.
    pub fn detect() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu_model = proc_field(&cpuinfo, "model name").unwrap_or_else(|| "unknown".into());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = proc_field(&meminfo, "MemTotal")
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024);
        Self {
            cpus: std::thread::available_parallelism().map_or(1, usize::from),
            cpu_model,
            memory,
            rustc: command_line("rustc", &["--version"]),
            os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            commit: command_line("git", &["describe", "--always", "--dirty"]),
        }
    }
}

/// The 1, 5 and 15 minute load averages (`/proc/loadavg`), or `n/a`.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "n/a".into())
}

/// This process's peak resident set size (`VmHWM`), in bytes, where Linux reports it.
pub fn peak_rss() -> Option<u64> {
    status_bytes("VmHWM")
}

/// This process's resident set size now (`VmRSS`), in bytes, where Linux reports it.
pub fn current_rss() -> Option<u64> {
    status_bytes("VmRSS")
}

/// Time the whole process has spent on the CPUs, every thread included (10 ms
/// resolution). `None` where Linux does not report it.
pub fn process_cpu_time() -> Option<std::time::Duration> {
    // utime + stime of the whole process, threads that have ended included, in clock
    // ticks (USER_HZ, 100 on Linux): fields 14 and 15 of /proc/self/stat, counted after
    // the command name, which is in parentheses and may hold spaces.
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}

/// Time the calling thread has spent running on a CPU (`/proc/thread-self/schedstat`,
/// nanoseconds): unlike wall time, it does not grow while other processes hold the
/// CPUs. `None` where Linux does not report it.
pub fn thread_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_nanos(nanos))
}

fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = proc_field(&status, field)?
        .split_whitespace()
        .next()?
        .parse::<u64>()
        .ok()?;
    Some(kb * 1024)
}

/// A `cargo` command run from the workspace root, without the variables `cargo run`
/// sets to describe the package it ran: a nested cargo that sees them thinks crates
/// using `env!("CARGO_MANIFEST_DIR")` changed and rebuilds them.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || matches!(
                &*name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            )
        {
            command.env_remove(&*name);
        }
    }
    command
}

/// Today's date (UTC), `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Howard Hinnant's days-to-civil.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The value of `name: value` in a `/proc` file.
fn proc_field(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == name).then(|| value.trim().to_owned())
    })
}

/// The first line a command prints, or `unknown`.
fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_proc_fields() {
        let text = "MemTotal:       24684092 kB\nmodel name\t: Intel(R) Xeon(R)\n";
        assert_eq!(proc_field(text, "MemTotal").as_deref(), Some("24684092 kB"));
        assert_eq!(
            proc_field(text, "model name").as_deref(),
            Some("Intel(R) Xeon(R)")
        );
        assert_eq!(proc_field(text, "VmHWM"), None);
    }

    #[test]
    fn thread_cpu_time_advances_with_work() {
        let Some(before) = thread_cpu_time() else {
            return; // not Linux
        };
        let mut x = 0u64;
        for i in 0..5_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        assert!(thread_cpu_time().expect("still readable") > before, "{x}");
    }

    #[test]
    fn date_is_well_formed() {
        let date = today();
        assert_eq!(date.len(), 10, "{date}");
        assert!(date.starts_with("20"), "{date}");
    }
}
