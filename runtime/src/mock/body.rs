//! The body of a mock answer: whole, or cut off halfway.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};

/// A response body: `data` in one frame, then, for a cut-off body, an error, which
/// makes hyper close the connection before the promised `Content-Length` arrived.
pub(super) struct MockBody {
    data: Option<Bytes>,
    /// The length the headers promise.
    promised: u64,
    cut_off: bool,
}

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
        }
    }

    /// Half of `data`, with the whole length promised.
    pub(super) fn cut_off(data: Bytes) -> MockBody {
        let promised = data.len() as u64;
        MockBody {
            data: Some(data.slice(..data.len() / 2)),
            promised,
            cut_off: true,
        }
    }
}

impl Body for MockBody {
    type Data = Bytes;
    type Error = CutOff;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, CutOff>>> {
        match self.data.take() {
            Some(data) if !data.is_empty() => Poll::Ready(Some(Ok(Frame::data(data)))),
            _ if self.cut_off => {
                self.cut_off = false;
                Poll::Ready(Some(Err(CutOff)))
            }
            _ => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none() && !self.cut_off
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.promised)
    }
}
