//! Stand-ins for a backend that goes away or misbehaves: a forwarder the test switches off and on,
//! and fakes that answer garbage or nothing at all.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Forwards TCP to the real server while up; while down, hangs up on every connection.
pub struct Switch {
    port: u16,
    up: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl Switch {
    pub async fn start(target_url: &str) -> Switch {
        let target = target_url.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let task = tokio::spawn({
            let up = up.clone();
            async move {
                loop {
                    let Ok((mut inbound, _)) = listener.accept().await else { continue };
                    if !up.load(Ordering::SeqCst) {
                        drop(inbound);
                        continue;
                    }
                    let target = target.clone();
                    let up = up.clone();
                    tokio::spawn(async move {
                        let Ok(mut outbound) = TcpStream::connect(&target).await else { return };
                        // Each connection is cut when the switch goes down.
                        tokio::select! {
                            _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                            () = async { while up.load(Ordering::SeqCst) { tokio::time::sleep(Duration::from_millis(20)).await } } => {}
                        }
                    });
                }
            }
        });
        Switch { port, up, task }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Switches, and waits until open connections have seen it.
    pub async fn set_up(&self, up: bool) {
        self.up.store(up, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl Drop for Switch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Behaviour {
    /// `200 OK` with a body that is not JSON.
    Garbage,
    /// Reads the request and never answers.
    Silent,
}

pub struct Fake {
    port: u16,
    task: tokio::task::JoinHandle<()>,
}

impl Fake {
    pub async fn start(behaviour: Behaviour) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else { continue };
                tokio::spawn(async move {
                    let mut buffer = [0_u8; 4096];
                    let _ = stream.read(&mut buffer).await;
                    match behaviour {
                        Behaviour::Garbage => {
                            let _ = stream
                                .write_all(
                                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 21\r\n\r\n<html>not json</html>",
                                )
                                .await;
                            tokio::time::sleep(Duration::from_millis(100)).await;
                        }
                        Behaviour::Silent => tokio::time::sleep(Duration::from_mins(1)).await,
                    }
                });
            }
        });
        Fake { port, task }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.task.abort();
    }
}
