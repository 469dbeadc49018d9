//! The body of a mock answer: whole, or cut off halfway.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};

/// A response body: `data` in one frame, then, for a cut-off body, an error, which
/// makes hyper close the connection before the promised `Content-Length` arrived. The
/// error waits a moment after the data, so that the head and the data are flushed to
/// the client first (else hyper drops them with the connection).
pub(super) struct MockBody {
    data: Option<Bytes>,
    /// The length the headers promise.
    promised: u64,
    cut_off: bool,
    flush: Option<Pin<Box<tokio::time::Sleep>>>,
}

/// How long a cut-off body waits between its data and the cut.
const FLUSH: std::time::Duration = std::time::Duration::from_millis(20);

/// The error that cuts a body off.
#[derive(Debug, thiserror::Error)]
#[error("the mock cut the body off")]
pub(super) struct CutOff;

impl MockBody {
    pub(super) fn whole(data: Bytes) -> MockBody {
        MockBody {
            promised: data.len() as u64,
            data: Some(data),
            cut_off: false,
            flush: None,
        }
    }

    /// Half of `data`, with the whole length promised.
    pub(super) fn cut_off(data: Bytes) -> MockBody {
        let promised = data.len() as u64;
        MockBody {
            data: Some(data.slice(..data.len() / 2)),
            promised,
            cut_off: true,
            flush: None,
        }
    }
}

impl Body for MockBody {
    type Data = Bytes;
    type Error = CutOff;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, CutOff>>> {
        if let Some(data) = self.data.take()
            && !data.is_empty()
        {
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        if !self.cut_off {
            return Poll::Ready(None);
        }
        let flush = self
            .flush
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(FLUSH)));
        if flush.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        self.cut_off = false;
        Poll::Ready(Some(Err(CutOff)))
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none() && !self.cut_off
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.promised)
    }
}
