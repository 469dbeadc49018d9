//! Hand-written (not generated) tests of the `smspool` binary: exit codes by class,
//! confirmation of paid calls, `--wait` and `wait`, tables, `--json`, the key's
//! sources and that it never shows, completions. `operations.rs` (generated) runs
//! every operation once per saved example.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use smspool::mock::{Orders, Server};

/// The binary, with no key and no config dir of the user's: each test says where the
/// key comes from.
fn smspool(config_home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_smspool"));
    command
        .env_remove("SMSPOOL_API_KEY")
        .env("XDG_CONFIG_HOME", config_home)
        .env("HOME", config_home);
    command
}

/// Runs `command` off the async runtime (the mock serves on it meanwhile).
async fn output(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the command's thread")
        .expect("the binary runs")
}

/// stdout and stderr as text.
fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A fresh directory under the target dir for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// The binary against `mock`, the key in the environment.
fn against(mock: &Server, dir: &Path) -> Command {
    let mut command = smspool(dir);
    command
        .env("SMSPOOL_API_KEY", smspool::mock::KEY)
        .args(["--base-url", mock.url()]);
    command
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_class_of_failure_has_its_exit_code() {
    let dir = scratch("exit-codes");
    let mock = Server::start().await;

    // 2, usage: a value that is not an integer, an enum value that is none of its set.
    let mut command = against(&mock, &dir);
    command.args(["--yes", "sms", "purchase", "US", "1", "--quantity", "abc"]);
    let out = output(command).await;
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("invalid value 'abc' for '--quantity <QUANTITY>'"), "{stderr}");
    let mut command = against(&mock, &dir);
    command.args(["--yes", "sms", "purchase", "US", "1", "--activation-type", "SMOKE"]);
    let out = output(command).await;
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("[possible values: SMS, VOICE, FLASH]"), "{stderr}");
    assert!(mock.sms().purchase().received().is_empty(), "nothing was sent");

    // 2, usage: no key anywhere.
    let mut command = smspool(&dir);
    command.args(["--base-url", mock.url(), "informative", "balance"]);
    let out = output(command).await;
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no API key: set SMSPOOL_API_KEY"), "{stderr}");

    // 1, the API's error, with its message.
    mock.sms().cancel().example(smspool::mock::sms::CANCEL_404_ORDER_NOT_FOUND);
    let mut command = against(&mock, &dir);
    command.args(["sms", "cancel", "NOPE"]);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("HTTP 404") && stderr.contains("could not find this order"), "{stderr}");

    // 3, rate limited, after the retries allowed.
    mock.informative().balance().rate_limited(Duration::from_millis(10));
    let mut command = against(&mock, &dir);
    command.args(["informative", "balance"]);
    let out = output(command).await;
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("rate limited"), "{stderr}");

    // 5, outcome unknown: the purchase's answer was cut off; it is not retried.
    mock.sms().purchase().cut_off();
    let mut command = against(&mock, &dir);
    command.args(["--yes", "sms", "purchase", "US", "1"]);
    let out = output(command).await;
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("check your orders"), "{stderr}");
    assert_eq!(mock.sms().purchase().received().len(), 1, "sent once, never retried");

    // 4, transport: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", closed.local_addr().expect("its address"));
    drop(closed);
    let mut command = smspool(&dir);
    command
        .env("SMSPOOL_API_KEY", "k")
        .args(["--base-url", &url, "informative", "balance"]);
    let out = output(command).await;
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("could not connect"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paid_command_without_yes_and_without_a_terminal_is_refused() {
    let dir = scratch("refused");
    let mock = Server::start().await;
    let mut command = against(&mock, &dir);
    command
        .args(["sms", "purchase", "US", "1", "--max-price", "0.50"])
        .stdin(std::process::Stdio::null());
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("`smspool sms purchase` is paid: Order SMS (POST /purchase/sms) with country US, service 1, max_price 0.50"),
        "{stderr}"
    );
    assert!(stderr.contains("pass --yes"), "{stderr}");
    assert!(mock.sms().purchase().received().is_empty(), "nothing was bought");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_prints_the_code_once_it_comes() {
    let dir = scratch("wait");
    let mock = Server::with_orders(Orders::new().code("424242").deliver_after_polls(2)).await;

    // `--wait` on the purchase: the order, then its code on stdout.
    let mut command = against(&mock, &dir);
    command.args(["--yes", "sms", "purchase", "US", "1", "--wait", "--wait-interval", "20ms"]);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let order = mock.orders().into_iter().next().expect("an order was created");
    assert!(stdout.contains(&format!("order_id       {}", order.id)), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("424242"), "{stdout}");

    // `wait ID...` for orders bought elsewhere, as JSON.
    let placed = mock.place_order("WAITED01");
    let mut command = against(&mock, &dir);
    command.args(["--json", "wait", &placed.id, "--interval", "20ms"]);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let outcomes: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(outcomes[0]["order_id"], "WAITED01");
    assert_eq!(outcomes[0]["state"], "delivered");
    assert_eq!(outcomes[0]["code"], "424242");

    // A deadline that passes first: exit 6, naming the order.
    let late = Server::with_orders(Orders::new().never_deliver()).await;
    let placed = late.place_order("LATE0001");
    let mut command = against(&late, &dir);
    command.args(["wait", &placed.id, "--interval", "20ms", "--timeout", "200ms"]);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(6), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("the deadline passed without a code for: LATE0001 (still pending"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_print_as_tables_and_json_is_the_typed_value() {
    let dir = scratch("tables");
    let mock = Server::start().await;
    let mut command = against(&mock, &dir);
    command.args(["informative", "country-list"]);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    insta::assert_snapshot!("country_list_table", stdout);

    let mut command = against(&mock, &dir);
    command.args(["--json", "sms", "check", "ABCDEFGH"]);
    let out = output(command).await;
    let (stdout, _) = text(&out);
    let decoded: smspool::sms::CheckResponse = serde_json::from_str(&stdout).expect("decodes");
    let served = mock.sms().check().saved_value(smspool::mock::sms::CHECK_200_ORDER_PENDING);
    assert_eq!(decoded, served);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_comes_from_a_file_or_the_config_dir_and_never_shows() {
    let dir = scratch("key");
    let mock = Server::start().await;
    let secret = "s3cret-key-0123456789abcdef";
    let key_file = dir.join("key.txt");
    std::fs::write(&key_file, format!("{secret}\n")).expect("writes the key");

    // --key-file, and an error answer that would echo it: neither output has it.
    mock.informative().balance().example(smspool::mock::informative::BALANCE_403);
    let mut command = smspool(&dir);
    command.args(["--base-url", mock.url(), "--key-file"]).arg(&key_file).args(["informative", "balance"]);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stdout.contains(secret) && !stderr.contains(secret), "{stdout}{stderr}");
    let sent = mock.informative().balance().received();
    assert_eq!(sent.len(), 1);
    assert!(!format!("{sent:?}").contains(secret), "the journal redacts it");

    // The config dir, when nothing else gives one.
    mock.clear_stubs();
    std::fs::create_dir_all(dir.join("smspool")).expect("config dir");
    std::fs::write(dir.join("smspool/api-key"), secret).expect("writes the key");
    let mut command = smspool(&dir);
    command.args(["--base-url", mock.url(), "informative", "balance"]);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("balance"), "{stdout}");

    // A key file that cannot be read names the file, not a key.
    let mut command = smspool(&dir);
    command.args(["--base-url", mock.url(), "--key-file", "/nonexistent/key", "informative", "balance"]);
    let out = output(command).await;
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot read the key file /nonexistent/key"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mock_mode_needs_no_key_and_completions_cover_every_command() {
    let dir = scratch("mock-mode");
    let mut command = smspool(&dir);
    command.args(["--mock", "--yes", "sms", "purchase", "US", "1", "--wait", "--wait-interval", "10ms"]);
    let out = output(command).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("order_id"), "{stdout}");

    let mut command = smspool(&dir);
    command.args(["completions", "bash"]);
    let out = output(command).await;
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(0));
    for word in ["purchase", "active-orders", "country-list", "wait", "--max-price"] {
        assert!(stdout.contains(word), "bash completions lack {word}");
    }
}
