//! Where the build of the large crate (benchmark 7) goes: rustc's own account of one
//! build (`-Z time-passes`), and the same crate built again with serde's derives
//! replaced by stub impls, so that the derives' share is measured, not guessed.
//!
//! `-Z` flags need a nightly compiler; `RUSTC_BOOTSTRAP=1` lets this stable one take
//! them. Cargo fingerprints that variable, so these builds use a target directory of
//! their own ([`TARGET_DIR`]) and leave benchmark 7's untouched.

use std::path::Path;

use crate::machine;

/// The target directory of these builds, relative to the workspace root.
pub const TARGET_DIR: &str = "target/bench-compile-passes";

/// The passes reported, in the order rustc runs them, with what each is.
pub const PASSES: [(&str, &str); 10] = [
    ("expand_crate", "macro expansion (the derives run here)"),
    ("resolve_crate", "name resolution"),
    ("coherence_checking", "trait coherence"),
    ("type_check_crate", "type checking"),
    ("MIR_borrow_checking", "MIR building and borrow checking"),
    ("generate_crate_metadata", "optimized MIR and the `.rmeta`"),
    (
        "monomorphization_collector_graph_walk",
        "finding what to generate code for",
    ),
    ("codegen_to_LLVM_IR", "LLVM IR"),
    ("LLVM_passes", "LLVM, on worker threads alongside the rest"),
    ("link_crate", "writing the `.rlib`"),
];

/// One build as rustc accounts for it.
#[derive(Clone, Debug, Default)]
pub struct Passes {
    /// Seconds rustc says the whole build of the crate took.
    pub total: f64,
    /// Seconds of each of [`PASSES`] (0 when rustc did not report it).
    pub seconds: Vec<f64>,
    /// Peak resident memory rustc reported, bytes.
    pub peak_rss: f64,
}

impl Passes {
    /// Seconds of the pass named `name` (one of [`PASSES`]; 0 for any other).
    pub fn of(&self, name: &str) -> f64 {
        PASSES
            .iter()
            .position(|(n, _)| *n == name)
            .map_or(0.0, |i| self.seconds[i])
    }

    /// Seconds of the passes before code generation: expansion to borrow checking.
    pub fn front_end(&self) -> f64 {
        [
            "expand_crate",
            "resolve_crate",
            "coherence_checking",
            "type_check_crate",
            "MIR_borrow_checking",
        ]
        .iter()
        .map(|name| self.of(name))
        .sum()
    }
}

/// The breakdown.
#[derive(Debug)]
pub struct CompileCost {
    /// The crate as generated.
    pub whole: Passes,
    /// The crate with serde's derives replaced by stub impls.
    pub stubbed: Passes,
    /// Types whose `Deserialize`/`Serialize` derives were replaced.
    pub types: usize,
    /// Lines of the crate after macro expansion (`-Z unpretty=expanded`).
    pub expanded: usize,
    /// The same, for the stubbed crate.
    pub expanded_stubbed: usize,
}

/// Measures the crate in `dir` (already generated), once as it is and once stubbed in
/// a copy beside it.
pub fn run(dir: &Path) -> Result<CompileCost, String> {
    let stub_dir = dir.with_file_name(format!(
        "{}-stubbed",
        dir.file_name()
            .map_or("crate".into(), |n| n.to_string_lossy())
    ));
    let _ = std::fs::remove_dir_all(&stub_dir);
    let types = stub_copy(dir, &stub_dir)?;
    // Dependencies first, untimed.
    rustc(dir, &[])?;
    let whole = passes(dir)?;
    let stubbed = passes(&stub_dir)?;
    let expanded = expanded_lines(dir)?;
    let expanded_stubbed = expanded_lines(&stub_dir)?;
    Ok(CompileCost {
        whole,
        stubbed,
        types,
        expanded,
        expanded_stubbed,
    })
}

/// One build of the library with `-Z time-passes`, read back.
fn passes(dir: &Path) -> Result<Passes, String> {
    touch_lib(dir)?;
    let stderr = rustc(dir, &["-Ztime-passes"])?;
    let mut out = Passes {
        seconds: vec![0.0; PASSES.len()],
        ..Passes::default()
    };
    for line in stderr.lines() {
        // `time:   1.234; rss:   44MB -> 1112MB (+1068MB)	expand_crate`
        let Some(rest) = line.strip_prefix("time:") else {
            continue;
        };
        let Some((seconds, tail)) = rest.split_once(';') else {
            continue;
        };
        let Ok(seconds) = seconds.trim().parse::<f64>() else {
            continue;
        };
        let name = tail.rsplit('\t').next().unwrap_or("").trim();
        if let Some(after) = tail.split("->").nth(1) {
            let mb = after.trim_start().split("MB").next().unwrap_or("").trim();
            if let Ok(mb) = mb.parse::<f64>() {
                out.peak_rss = out.peak_rss.max(mb * 1e6);
            }
        }
        if name == "total" {
            out.total = seconds;
        } else if let Some(i) = PASSES.iter().position(|(n, _)| *n == name) {
            out.seconds[i] = seconds;
        }
    }
    if out.total == 0.0 {
        return Err(format!(
            "rustc printed no `-Z time-passes` total for {}:\n{stderr}",
            dir.display()
        ));
    }
    Ok(out)
}

/// Lines of the library after macro expansion.
fn expanded_lines(dir: &Path) -> Result<usize, String> {
    touch_lib(dir)?;
    let output = command(dir, &["-Zunpretty=expanded"])
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo rustc -Zunpretty=expanded failed in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(output.stdout.iter().filter(|b| **b == b'\n').count())
}

fn touch_lib(dir: &Path) -> Result<(), String> {
    crate::compile::touch(&[dir.join("src/lib.rs")])
}

/// `cargo rustc --lib` in `dir` with `flags` for the crate itself: its stderr.
fn rustc(dir: &Path, flags: &[&str]) -> Result<String, String> {
    let output = command(dir, flags)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(format!(
            "cargo rustc failed in {}:\n{stderr}",
            dir.display()
        ));
    }
    Ok(stderr)
}

fn command(dir: &Path, flags: &[&str]) -> std::process::Command {
    let mut command = machine::cargo();
    command
        .current_dir(dir)
        .args(["rustc", "--lib", "--offline", "--target-dir"])
        .arg(machine::root().join(TARGET_DIR))
        .env("CARGO_INCREMENTAL", "0")
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["--", "-Awarnings"])
        .args(flags);
    command
}

/// Copies the crate in `from` to `to` with every `Deserialize`/`Serialize` derive
/// replaced by a stub impl (one that fails, as no call reaches it here) and the
/// `#[serde(..)]` attributes dropped; the mock, off in these builds, is left out. The
/// number of types stubbed.
fn stub_copy(from: &Path, to: &Path) -> Result<usize, String> {
    let mut types = 0;
    for path in crate::compile::rust_files(&from.join("src"))? {
        let relative = path.strip_prefix(from).map_err(|e| e.to_string())?;
        if relative.starts_with("src/mock") {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let (mut text, names) = stub_derives(&text)?;
        types += names.len();
        for name in names {
            text.push_str(&format!("crate::__serde_stub!({name});\n"));
        }
        if relative == Path::new("src/lib.rs") {
            text.push_str(STUB_MACRO);
        }
        write(&to.join(relative), &text)?;
    }
    for file in ["Cargo.toml", "Cargo.lock"] {
        let text = std::fs::read_to_string(from.join(file))
            .map_err(|e| format!("cannot read {file}: {e}"))?;
        write(&to.join(file), &text)?;
    }
    Ok(types)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

const STUB_MACRO: &str = "
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_stub {
    ($t:ident) => {
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
                Err(<D::Error as ::serde::de::Error>::custom(\"stub\"))
            }
        }
        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(<S::Error as ::serde::ser::Error>::custom(\"stub\"))
            }
        }
    };
}
";

/// `text` without serde's derives and attributes, and the types that had them.
fn stub_derives(text: &str) -> Result<(String, Vec<String>), String> {
    let mut out = String::with_capacity(text.len());
    let mut names = Vec::new();
    let mut pending = false;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        // An attribute, gathered whole when prettyplease broke it over lines.
        let mut attribute = trimmed.to_owned();
        if (trimmed.starts_with("#[derive(") || trimmed.starts_with("#[serde("))
            && !trimmed.ends_with(")]")
        {
            for next in lines.by_ref() {
                attribute.push_str(next.trim());
                if next.trim() == ")]" {
                    break;
                }
            }
        }
        if attribute.starts_with("#[serde(") {
            continue;
        }
        if let Some(list) = attribute
            .strip_prefix("#[derive(")
            .and_then(|l| l.strip_suffix(")]"))
        {
            let kept: Vec<&str> = list
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty() && !matches!(*d, "Deserialize" | "Serialize"))
                .collect();
            pending |= kept.len() < list.split(',').filter(|d| !d.trim().is_empty()).count();
            if !kept.is_empty() {
                out.push_str(&format!("{indent}#[derive({})]\n", kept.join(", ")));
            }
            continue;
        }
        if pending
            && let Some(rest) = trimmed
                .strip_prefix("pub struct ")
                .or_else(|| trimmed.strip_prefix("pub enum "))
        {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if rest[name.len()..].starts_with('<') {
                return Err(format!("cannot stub the generic type `{name}`"));
            }
            names.push(name);
            pending = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok((out, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_become_stubs_and_the_rest_stays() {
        let text = "#[derive(Clone, Debug, Deserialize, Serialize)]\n#[non_exhaustive]\n\
                    pub struct Answer {\n    #[serde(rename = \"ID\")]\n    pub id: u64,\n    \
                    #[serde(\n        deserialize_with = \"x\",\n        default\n    )]\n    \
                    pub name: String,\n}\n#[derive(Debug)]\npub struct Plain;\n";
        let (out, names) = stub_derives(text).expect("stubs");
        assert_eq!(names, ["Answer"]);
        assert_eq!(
            out,
            "#[derive(Clone, Debug)]\n#[non_exhaustive]\npub struct Answer {\n    pub id: u64,\n    \
             pub name: String,\n}\n#[derive(Debug)]\npub struct Plain;\n"
        );
    }

    #[test]
    fn passes_are_read_by_name() {
        let passes = Passes {
            total: 10.0,
            seconds: (1..=PASSES.len()).map(|i| i as f64).collect(),
            peak_rss: 0.0,
        };
        assert_eq!(passes.of("generate_crate_metadata"), 6.0);
        assert_eq!(passes.of("no_such_pass"), 0.0);
        // expand, resolve, coherence, type and borrow checking: 1 + 2 + 3 + 4 + 5.
        assert_eq!(passes.front_end(), 15.0);
    }

    #[test]
    fn a_generic_type_is_refused() {
        let text = "#[derive(Deserialize)]\npub struct Page<T> {\n    pub items: Vec<T>,\n}\n";
        assert!(stub_derives(text).is_err());
    }
}
