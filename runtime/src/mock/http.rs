//! The HTTP side of the mock: hyper's HTTP/1 server on the listener, one task per
//! connection.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::{CONTENT_LENGTH, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use super::body::MockBody;
use super::stub::{Fault, Reply};
use super::{Recorded, Shared, decode, lock, route};

/// The largest request body the mock reads (larger ones get `413`).
const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Accepts connections until the task is aborted; dropping the set of connections
/// then aborts them too.
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait for connections to close.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        connections.spawn(async move {
            let service = service_fn(move |request| {
                let shared = Arc::clone(&shared);
                async move { Ok::<_, Infallible>(answer(&shared, request).await) }
            });
            // A client that goes away mid-request is not the mock's problem.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Reads the request, records it, and sends what the stubs, the order book or the
/// saved examples say.
async fn answer(shared: &Shared, request: Request<Incoming>) -> Response<MockBody> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            let reply = Reply::text(413, "the mock reads request bodies up to 16 MiB");
            return respond(reply).await;
        }
    };
    let mut params = decode::params(&parts, &body).await;
    let route = route::find(shared.api, parts.method.as_str(), parts.uri.path(), &params);
    let operation = route.map(|r| r.operation);
    let key_sent = route::redact_key(shared.api, operation, &parts.headers, &mut params);
    let mut recorded = Recorded {
        operation: operation.map(|op| op.name),
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        params,
        key_sent,
        status: 0,
        at: SystemTime::now(),
    };
    let reply = shared.reply(&recorded);
    recorded.status = reply.status;
    lock(&shared.journal).push(recorded);
    respond(reply).await
}

/// Sends `reply`, with its fault.
async fn respond(reply: Reply) -> Response<MockBody> {
    match reply.fault {
        Fault::Delay(wait) => tokio::time::sleep(wait).await,
        Fault::Hang => std::future::pending::<()>().await,
        Fault::None | Fault::CutOff => {}
    }
    let data = Bytes::from(reply.body);
    let length = data.len();
    let body = match reply.fault {
        Fault::CutOff => MockBody::cut_off(data),
        _ => MockBody::whole(data),
    };
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    for (name, value) in reply.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.append(name, value);
        }
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    response
}
