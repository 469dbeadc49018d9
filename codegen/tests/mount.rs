//! Mounted collections: modelled on their own, then modules of the host's model.

use smspool_codegen::{Api, Error, MountSource, Overrides, Warnings, build_mounted_model};

fn collection(name: &str, url: &str) -> String {
    format!(
        r#"{{"info": {{"name": "{name}", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
            "item": [{{"name": "Ping", "request": {{"method": "GET", "url": "{url}"}}}}]}}"#
    )
}

fn source(module: &str, url: &str, overrides: &str) -> MountSource {
    MountSource {
        module: module.into(),
        source: "mounted.json".into(),
        collection_json: collection("Mounted", url),
        overrides_toml: overrides.into(),
    }
}

fn mounted(source: MountSource) -> Result<Api, Error> {
    let declared = Overrides::parse(&format!(
        "[mounts.{}]\ncollection = \"x.json\"\nreason = \"test\"\n",
        source.module
    ))?;
    build_mounted_model(
        &collection("Host", "https://api.example.com/ping"),
        &declared,
        &[source],
        &mut Warnings::default(),
    )
}

#[test]
fn a_mount_becomes_a_module_with_its_own_handle() {
    let api = mounted(source("extra", "https://api.example.com/other", "")).expect("mounts");
    let m = api.root.modules.last().expect("the mounted module");
    assert_eq!(m.name, "extra");
    assert_eq!(m.handle, "Extra");
    assert_eq!(m.title, "Mounted");
    assert_eq!(m.operations[0].path, "/other");
    assert_eq!(
        m.mount.as_ref().map(|m| m.source.as_str()),
        Some("mounted.json")
    );
    // The host's counts leave the mount out.
    assert_eq!(api.counts(), (0, 1));
}

#[test]
fn mounts_that_cannot_share_the_client_are_errors() {
    let cases = [
        (
            source("extra", "https://elsewhere.example.com/x", ""),
            "base URL",
        ),
        (
            source("ping", "https://api.example.com/x", ""),
            "already a method",
        ),
        (
            source("Extra", "https://api.example.com/x", ""),
            "snake_case",
        ),
        (
            source(
                "extra",
                "https://api.example.com/x",
                "[api]\nrate_limit = 5\n",
            ),
            "shares the host's client",
        ),
    ];
    for (source, reason) in cases {
        let err = mounted(source).expect_err(reason);
        assert!(err.to_string().contains(reason), "{err}");
    }
}

#[test]
fn declared_and_given_mounts_must_agree() {
    let overrides =
        Overrides::parse("[mounts.extra]\ncollection = \"x.json\"\nreason = \"test\"\n")
            .expect("parses");
    let host = collection("Host", "https://api.example.com/ping");
    let err = build_mounted_model(&host, &overrides, &[], &mut Warnings::default())
        .expect_err("not read");
    assert!(err.to_string().contains("mounts.extra"), "{err}");
    let given = source("other", "https://api.example.com/x", "");
    let err = build_mounted_model(&host, &overrides, &[given], &mut Warnings::default())
        .expect_err("not declared");
    assert!(err.to_string().contains("[mounts.other]"), "{err}");
}
