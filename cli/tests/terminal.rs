//! Hand-written (not generated): the `smspool` binary on a real terminal (tmux), as a
//! person sees it: the confirmation prompt of a paid call, the spinner while waiting,
//! and Ctrl-C stopping the wait cleanly.

use std::process::Command;
use std::time::{Duration, Instant};

use smspool::mock::{Orders, Server};

/// A tmux server of the test's own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str) -> Self {
        let tmux = Self {
            socket: format!("smspool-cli-test-{}", std::process::id()),
        };
        let status = tmux
            .command()
            .args(["new-session", "-d", "-s", "cli", "-x", "120", "-y", "30", command])
            .status()
            .expect("tmux runs (the CI installs it)");
        assert!(status.success(), "tmux starts a session");
        tmux
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket]);
        command
    }

    /// What the terminal shows now.
    fn screen(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-t", "cli"])
            .output()
            .expect("tmux captures the pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the terminal never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .command()
            .args(["send-keys", "-t", "cli"])
            .args(keys)
            .status()
            .expect("tmux sends keys");
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_prompt_the_spinner_and_ctrl_c_as_a_person_sees_them() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-terminal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let key = dir.join("key");
    std::fs::write(&key, smspool::mock::KEY).expect("writes the key");
    let mock = Server::with_orders(Orders::new().never_deliver()).await;
    let shell = format!(
        "{} --base-url {} --key-file {} sms purchase US 1 --max-price 0.50 --wait \
         --wait-interval 100ms; echo \"exit=$?\"; sleep 60",
        env!("CARGO_BIN_EXE_smspool"),
        mock.url(),
        key.display(),
    );
    let journal = tokio::task::spawn_blocking(move || {
        let tmux = Tmux::start(&shell);
        let prompt = tmux.wait_for("Buy? [y/N]");
        assert!(
            prompt.contains("`smspool sms purchase` is paid: Order SMS (POST /purchase/sms) with country US, service 1, max_price 0.50."),
            "{prompt}"
        );
        tmux.keys(&["y", "Enter"]);
        let spinning = tmux.wait_for("waiting for the code of");
        assert!(spinning.contains("(Ctrl-C stops)"), "{spinning}");
        assert!(spinning.contains("order_id"), "the order was printed first:\n{spinning}");
        tmux.keys(&["C-c"]);
        let stopped = tmux.wait_for("exit=130");
        assert!(
            stopped.contains("error: interrupted without a code for: ABCD0001 (still pending"),
            "{stopped}"
        );
        stopped
    })
    .await
    .expect("the terminal session");
    assert_eq!(mock.sms().purchase().received().len(), 1, "bought once, after the yes");
    assert!(!journal.contains(smspool::mock::KEY), "the key never shows");
}
