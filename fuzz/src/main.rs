//! AFL++ target: arbitrary bytes arrive on a connection to the local API (request line, headers,
//! body, pipelined requests, garbage). The agent must answer or hang up, never panic or hang.

use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use latchkey_agent::api::{router, ApiState};
use latchkey_agent::clock::SystemClock;
use latchkey_agent::secret_store::MemoryStore;
use latchkey_agent::{Engine, EngineOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let app = runtime.block_on(async {
        let engine = Engine::start(EngineOptions {
            config: latchkey_config::merge(vec![]),
            backend: None,
            store: Arc::new(MemoryStore::default()),
            clock: Arc::new(SystemClock),
            state_dir: None,
            retry: Duration::from_secs(1),
            consent_timeout: latchkey_agent::consent::DEFAULT_TIMEOUT,
        })
        .await;
        router(ApiState { engine, check_peer: false, handover: Arc::new(tokio::sync::Notify::new()) })
    });
    // The router and the runtime hold no state a panic could leave half-changed for the next input.
    let (app, runtime) = (std::panic::AssertUnwindSafe(app), std::panic::AssertUnwindSafe(runtime));
    afl::fuzz!(|data: &[u8]| {
        runtime.block_on(async {
            let (mut client, server) = tokio::io::duplex(1 << 17);
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(Duration::from_millis(200))
                .max_buf_size(80 * 1024)
                .serve_connection(TokioIo::new(server), TowerToHyperService::new(std::ops::Deref::deref(&app).clone()));
            let exchange = async {
                let _ = client.write_all(data).await;
                let _ = client.shutdown().await;
                let mut answer = Vec::new();
                let _ = client.read_to_end(&mut answer).await;
            };
            let outcome = tokio::time::timeout(Duration::from_secs(2), async { tokio::join!(connection, exchange) }).await;
            assert!(outcome.is_ok(), "the connection neither answered nor hung up");
        });
    });
}
