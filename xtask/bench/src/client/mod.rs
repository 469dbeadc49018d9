//! Benchmark 3: a generated operation against the same request written by hand, both
//! against one local server in this process, in interleaved blocks.

pub mod hand;
pub mod server;

use std::fmt::Debug;
use std::future::{Future, IntoFuture};
use std::hint::black_box;
use std::time::Instant;

use postgen_runtime::{RateLimit, RetryPolicy};

use crate::saved::Bodies;
use crate::stats::Samples;
use hand::HandClient;
use server::Server;

/// The key both clients send.
const KEY: &str = "bench-key-0123456789";

/// One operation measured both ways.
#[derive(Debug)]
pub struct CallResult {
    /// The generated call, as written in the report.
    pub name: &'static str,
    /// Bytes in the response body.
    pub body_bytes: usize,
    /// Calls per block.
    pub block: usize,
    /// Latency of each generated call, seconds.
    pub generated: Samples,
    /// Latency of each hand-written call, seconds.
    pub hand: Samples,
    /// Wall time of each generated block.
    pub generated_blocks: Samples,
    /// Wall time of each hand-written block.
    pub hand_blocks: Samples,
    /// Generated block time over the hand-written block of the same round.
    pub ratio: Samples,
}

impl CallResult {
    /// Calls per second, one call in flight, over all generated blocks.
    pub fn generated_throughput(&self) -> f64 {
        (self.generated_blocks.len() * self.block) as f64 / self.generated_blocks.sum()
    }

    /// The same for the hand-written blocks.
    pub fn hand_throughput(&self) -> f64 {
        (self.hand_blocks.len() * self.block) as f64 / self.hand_blocks.sum()
    }
}

/// What the client benchmark measured.
#[derive(Debug)]
pub struct ClientResult {
    /// `client.sms().purchase("US", "1")`.
    pub purchase: CallResult,
    /// `client.informative().service_list()`.
    pub service_list: CallResult,
}

/// The two clients, pointed at one server.
pub struct Clients {
    /// The server; stops when dropped.
    pub server: Server,
    /// The generated client: no rate limit, no retries.
    pub generated: smspool::Client,
    /// The hand-written one.
    pub hand: HandClient,
}

impl Clients {
    /// Starts a server answering the saved bodies, and both clients.
    pub async fn start(bodies: &Bodies, capture: bool) -> Result<Self, String> {
        let routes = [
            ("/purchase/sms", bodies.purchase.as_str()),
            ("/service/retrieve_all", bodies.service_list.as_str()),
        ];
        let server = Server::start(&routes, capture)
            .await
            .map_err(|e| format!("cannot start the local server: {e}"))?;
        let generated = smspool::Client::builder(KEY)
            .base_url(server.url())
            .rate_limit(RateLimit::unlimited())
            .retry(RetryPolicy::none())
            .build()
            .map_err(|e| e.to_string())?;
        let hand = HandClient::new(&server.url(), KEY)?;
        Ok(Self {
            server,
            generated,
            hand,
        })
    }

    /// Makes each call once both ways and checks that the answers agree.
    pub async fn check_agreement(&self) -> Result<(), String> {
        let generated = self
            .generated
            .sms()
            .purchase("US", "1")
            .await
            .map_err(|e| e.to_string())?;
        let hand = self
            .hand
            .purchase("US", "1")
            .await
            .map_err(|e| format!("{e:?}"))?;
        let smspool::sms::PurchaseResponse::Order(generated) = generated else {
            return Err("the generated client read the purchase as a token".into());
        };
        if Some(&generated.order_id) != hand.order_id.as_ref()
            || generated.phonenumber != hand.phonenumber
        {
            return Err("the purchase answers differ".into());
        }
        let generated = self
            .generated
            .informative()
            .service_list()
            .await
            .map_err(|e| e.to_string())?;
        let hand = self
            .hand
            .service_list()
            .await
            .map_err(|e| format!("{e:?}"))?;
        let same = generated.len() == hand.len()
            && generated
                .iter()
                .zip(&hand)
                .all(|(g, h)| g.id == h.id && g.name == h.name);
        if !same {
            return Err("the service lists differ".into());
        }
        Ok(())
    }
}

/// Runs `rounds` rounds per operation; each round is one block of generated calls and
/// one of hand-written calls, the order alternating between rounds.
pub fn run(
    rounds: usize,
    purchase_block: usize,
    list_block: usize,
) -> Result<ClientResult, String> {
    let bodies = Bodies::load()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start tokio: {e}"))?;
    runtime.block_on(async {
        let clients = Clients::start(&bodies, false).await?;
        clients.check_agreement().await?;
        let (generated, hand) = (&clients.generated, &clients.hand);
        let mut purchase =
            CallResult::new("sms().purchase(..)", bodies.purchase.len(), purchase_block);
        purchase
            .measure(
                rounds,
                move || generated.sms().purchase("US", "1").into_future(),
                move || hand.purchase("US", "1"),
            )
            .await?;
        let mut service_list = CallResult::new(
            "informative().service_list()",
            bodies.service_list.len(),
            list_block,
        );
        service_list
            .measure(
                rounds,
                move || generated.informative().service_list().into_future(),
                move || hand.service_list(),
            )
            .await?;
        Ok(ClientResult {
            purchase,
            service_list,
        })
    })
}

/// Makes one kind of call (`purchase` or `service_list`) with one client (`generated`
/// or `hand`) in a loop for `seconds`, for a profiler: `perf record -g` on this shows
/// where the time goes. Returns the number of calls made.
pub fn spin(call: &str, client: &str, seconds: f64) -> Result<u64, String> {
    let bodies = Bodies::load()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start tokio: {e}"))?;
    runtime.block_on(async {
        let clients = Clients::start(&bodies, false).await?;
        let (generated, hand) = (&clients.generated, &clients.hand);
        let start = Instant::now();
        let mut calls = 0;
        while start.elapsed().as_secs_f64() < seconds {
            let ok = match (call, client) {
                ("purchase", "generated") => generated.sms().purchase("US", "1").await.is_ok(),
                ("purchase", "hand") => hand.purchase("US", "1").await.is_ok(),
                ("service_list", "generated") => {
                    generated.informative().service_list().await.is_ok()
                }
                ("service_list", "hand") => hand.service_list().await.is_ok(),
                _ => return Err(format!("unknown call {call:?} or client {client:?}")),
            };
            if !ok {
                return Err(format!("{client} {call} failed"));
            }
            calls += 1;
        }
        Ok(calls)
    })
}

impl CallResult {
    fn new(name: &'static str, body_bytes: usize, block: usize) -> Self {
        Self {
            name,
            body_bytes,
            block,
            generated: Samples::new(),
            hand: Samples::new(),
            generated_blocks: Samples::new(),
            hand_blocks: Samples::new(),
            ratio: Samples::new(),
        }
    }

    async fn measure<G, GF, GT, GE, H, HF, HT, HE>(
        &mut self,
        rounds: usize,
        mut generated: G,
        mut hand: H,
    ) -> Result<(), String>
    where
        G: FnMut() -> GF,
        GF: Future<Output = Result<GT, GE>>,
        GE: Debug,
        H: FnMut() -> HF,
        HF: Future<Output = Result<HT, HE>>,
        HE: Debug,
    {
        let block = self.block;
        let mut scratch = Samples::new();
        // Warm-up: connections open, allocator and caches settled.
        block_of(block, &mut scratch, &mut generated).await?;
        block_of(block, &mut scratch, &mut hand).await?;
        for round in 0..rounds {
            let (g, h) = if round % 2 == 0 {
                let g = block_of(block, &mut self.generated, &mut generated).await?;
                (g, block_of(block, &mut self.hand, &mut hand).await?)
            } else {
                let h = block_of(block, &mut self.hand, &mut hand).await?;
                (
                    block_of(block, &mut self.generated, &mut generated).await?,
                    h,
                )
            };
            self.generated_blocks.push(g);
            self.hand_blocks.push(h);
            self.ratio.push(g / h);
        }
        Ok(())
    }
}

/// Makes `calls` calls one after the other, recording each latency; the block's
/// wall time in seconds.
async fn block_of<F, Fut, T, E>(
    calls: usize,
    latencies: &mut Samples,
    call: &mut F,
) -> Result<f64, String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: Debug,
{
    let start = Instant::now();
    for _ in 0..calls {
        let t = Instant::now();
        let answer = call().await;
        latencies.push_duration(t.elapsed());
        black_box(answer.map_err(|e| format!("{e:?}"))?);
    }
    Ok(start.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests;
