//! A connection's socket with a bound on how long a write may stay blocked.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// `inner`, whose writes fail with [`io::ErrorKind::TimedOut`] once one has been blocked (the
/// peer not reading) for `limit`. Reads pass through: the server bounds them itself.
#[derive(Debug)]
pub(crate) struct SendTimeout<T> {
    inner: T,
    limit: Duration,
    /// Runs while a write is blocked; `None` while none is.
    blocked: Option<Pin<Box<Sleep>>>,
}

impl<T> SendTimeout<T> {
    pub(crate) fn new(inner: T, limit: Duration) -> Self {
        SendTimeout {
            inner,
            limit,
            blocked: None,
        }
    }

    /// Turns a pending write into a time-out once it has been pending for the limit.
    fn watch<R>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<R>>) -> Poll<io::Result<R>> {
        if poll.is_ready() {
            self.blocked = None;
            return poll;
        }
        let limit = self.limit;
        let timer = self
            .blocked
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.blocked = None;
                Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("the client took nothing of the answer for {limit:?}"),
                )))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for SendTimeout<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for SendTimeout<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.watch(cx, poll)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.watch(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_flush(cx);
        self.watch(cx, poll)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_shutdown(cx);
        self.watch(cx, poll)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[tokio::test]
    async fn a_write_nobody_reads_times_out() {
        // A pipe with a small buffer that nobody reads.
        let (writer, _reader) = tokio::io::duplex(64);
        let mut guarded = SendTimeout::new(writer, Duration::from_millis(100));
        let start = std::time::Instant::now();
        let result = guarded.write_all(&[0u8; 1024]).await;
        assert!(
            result.is_err_and(|e| e.kind() == io::ErrorKind::TimedOut),
            "the write must time out"
        );
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn a_write_that_is_read_goes_through() {
        let (writer, mut reader) = tokio::io::duplex(64);
        let mut guarded = SendTimeout::new(writer, Duration::from_millis(200));
        let reading = tokio::spawn(async move {
            let mut all = Vec::new();
            let _ = tokio::io::AsyncReadExt::read_to_end(&mut reader, &mut all).await;
            all.len()
        });
        // Each part waits briefly for the reader; none waits the limit.
        for _ in 0..20 {
            assert!(guarded.write_all(&[1u8; 100]).await.is_ok());
        }
        drop(guarded);
        assert_eq!(reading.await.ok(), Some(2000));
    }
}
