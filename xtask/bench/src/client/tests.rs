//! The comparison is fair only if both clients send the same request and read the
//! same answer: checked against the benchmark's own server.

use super::*;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio")
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = String::from_utf8_lossy(body)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn both_clients_send_the_same_requests() {
    let bodies = Bodies::load().expect("bodies");
    runtime().block_on(async {
        let clients = Clients::start(&bodies, true).await.expect("clients");
        clients.check_agreement().await.expect("answers agree");
        let seen = clients.server.captured();
        assert_eq!(seen.len(), 4, "{seen:#?}");
        let (generated_purchase, hand_purchase) = (&seen[0], &seen[1]);
        let (generated_list, hand_list) = (&seen[2], &seen[3]);

        for (g, h) in [
            (generated_purchase, hand_purchase),
            (generated_list, hand_list),
        ] {
            assert_eq!(g.method, h.method);
            assert_eq!(g.target, h.target);
            assert_eq!(g.header("authorization"), h.header("authorization"));
            assert_eq!(g.header("content-type"), h.header("content-type"));
            assert_eq!(form(&g.body), form(&h.body));
        }
        assert_eq!(generated_purchase.method, "POST");
        assert_eq!(generated_purchase.target, "/purchase/sms");
        assert_eq!(
            form(&generated_purchase.body),
            [
                ("country".into(), "US".into()),
                ("service".into(), "1".into())
            ]
        );
        assert_eq!(
            generated_purchase.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        assert_eq!(generated_list.method, "GET");
        assert_eq!(generated_list.target, "/service/retrieve_all");
    });
}

#[test]
fn unknown_paths_get_a_404() {
    let bodies = Bodies::load().expect("bodies");
    runtime().block_on(async {
        let clients = Clients::start(&bodies, true).await.expect("clients");
        let answer = reqwest::get(format!("{}nowhere", clients.server.url()))
            .await
            .expect("answer");
        assert_eq!(answer.status(), 404);
    });
}

#[test]
fn a_short_measurement_fills_every_series() {
    let result = run(2, 3, 2).expect("runs");
    for call in [&result.purchase, &result.service_list] {
        assert_eq!(call.generated.len(), 2 * call.block);
        assert_eq!(call.hand.len(), 2 * call.block);
        assert_eq!(call.ratio.len(), 2);
        assert!(call.generated_throughput() > 0.0 && call.hand_throughput() > 0.0);
    }
}
