//! Answer bodies: whole ones, and the streamed bodies of the `slowDrip` and `oversized…`
//! faults.

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::BodyExt;
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::Sleep;

/// Any answer's body.
pub(crate) type Body = UnsyncBoxBody<Bytes, Infallible>;

/// A whole body.
pub(crate) fn full(bytes: impl Into<Bytes>) -> Body {
    http_body_util::Full::new(bytes.into()).boxed_unsync()
}

/// The pause between two bytes of a `slowDrip` answer.
pub const SLOW_DRIP_INTERVAL: Duration = Duration::from_millis(50);

/// The size of an `oversizedBody` or `oversizedChunked` answer: 64 MiB.
pub const OVERSIZED_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// `data` sent one byte at a time, `interval` apart (the first at once). Its size is known, so
/// the answer has a `Content-Length`.
pub(crate) fn drip(data: Bytes, interval: Duration) -> Body {
    Drip {
        data,
        sent: 0,
        interval,
        pause: None,
    }
    .boxed_unsync()
}

struct Drip {
    data: Bytes,
    sent: usize,
    interval: Duration,
    pause: Option<Pin<Box<Sleep>>>,
}

impl HttpBody for Drip {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = &mut *self;
        if this.sent >= this.data.len() {
            return Poll::Ready(None);
        }
        if let Some(pause) = &mut this.pause {
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
        }
        let byte = this.data.slice(this.sent..this.sent + 1);
        this.sent += 1;
        this.pause = Some(Box::pin(tokio::time::sleep(this.interval)));
        Poll::Ready(Some(Ok(Frame::data(byte))))
    }

    fn is_end_stream(&self) -> bool {
        self.sent >= self.data.len()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact((self.data.len() - self.sent) as u64)
    }
}

/// The filler of an oversized body, handed out without copying.
static FILLER: [u8; 64 * 1024] = [b'x'; 64 * 1024];

/// A valid API 2.0 JSON success envelope of exactly `size` bytes (a long `padding` string in
/// `data`), made as it is sent, 64 KiB at a time; with `declared`, its size is known (a
/// `Content-Length`), else it is sent chunked.
pub(crate) fn oversized(size: u64, declared: bool) -> Body {
    oversized_between(
        Bytes::from_static(
            b"{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"padding\":\"",
        ),
        Bytes::from_static(b"\"}}"),
        size,
        declared,
    )
}

/// The same as [`oversized`] for API 3.0: `{"Response":{"RequestId":"…","Padding":"xxx…"}}`.
pub(crate) fn oversized_v3(request_id: &str, size: u64, declared: bool) -> Body {
    let id = serde_json::to_string(request_id).unwrap_or_else(|_| "\"\"".to_owned());
    oversized_between(
        Bytes::from(format!(
            "{{\"Response\":{{\"RequestId\":{id},\"Padding\":\""
        )),
        Bytes::from_static(b"\"}}"),
        size,
        declared,
    )
}

/// `head`, filler, `tail`: `size` bytes in all (or just `head` and `tail` when they are
/// longer).
fn oversized_between(head: Bytes, tail: Bytes, size: u64, declared: bool) -> Body {
    let fixed = (head.len() + tail.len()) as u64;
    Oversized {
        head: Some(head),
        filler: size.saturating_sub(fixed),
        tail: Some(tail),
        declared,
    }
    .boxed_unsync()
}

struct Oversized {
    head: Option<Bytes>,
    filler: u64,
    tail: Option<Bytes>,
    declared: bool,
}

impl Oversized {
    fn remaining(&self) -> u64 {
        let len = |b: &Option<Bytes>| b.as_ref().map_or(0, |b| b.len() as u64);
        len(&self.head) + self.filler + len(&self.tail)
    }
}

impl HttpBody for Oversized {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = &mut *self;
        if let Some(head) = this.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        if this.filler > 0 {
            let n = this.filler.min(FILLER.len() as u64);
            this.filler -= n;
            // `n` is at most the filler's length, a usize.
            let chunk = Bytes::from_static(&FILLER).slice(..usize::try_from(n).unwrap_or(0));
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        Poll::Ready(this.tail.take().map(|tail| Ok(Frame::data(tail))))
    }

    fn is_end_stream(&self) -> bool {
        self.remaining() == 0
    }

    fn size_hint(&self) -> SizeHint {
        if self.declared {
            SizeHint::with_exact(self.remaining())
        } else {
            SizeHint::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_oversized_body_is_valid_json_of_the_size() {
        let body = oversized(100_000, true);
        assert_eq!(body.size_hint().exact(), Some(100_000));
        let bytes = body.collect().await.map(|c| c.to_bytes());
        let Ok(bytes) = bytes;
        assert_eq!(bytes.len(), 100_000);
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert_eq!(value["code"], 0);
        assert_eq!(oversized(100, false).size_hint().exact(), None);
        let body = oversized_v3("req-1", 100_000, true);
        let Ok(bytes) = body.collect().await.map(|c| c.to_bytes());
        assert_eq!(bytes.len(), 100_000);
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert_eq!(value["Response"]["RequestId"], "req-1");
    }

    #[tokio::test]
    async fn a_drip_sends_each_byte_after_a_pause() {
        let start = std::time::Instant::now();
        let body = drip(Bytes::from_static(b"abcd"), Duration::from_millis(20));
        assert_eq!(body.size_hint().exact(), Some(4));
        let Ok(collected) = body.collect().await;
        assert_eq!(collected.to_bytes(), Bytes::from_static(b"abcd"));
        assert!(start.elapsed() >= Duration::from_millis(60));
    }
}
