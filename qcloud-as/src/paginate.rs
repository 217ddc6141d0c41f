//! Paging through list results: every `Describe…` action with an offset and a page size gets
//! `paginate()` on its call builder, which returns a [`Paginator`].
//!
//! ```no_run
//! # #[cfg(feature = "v3")]
//! # async fn run(client: &qcloud_as::v3::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let mut pages = client
//!     .describe_auto_scaling_instances()
//!     .paginate()
//!     .page_size(50);
//! while let Some(page) = pages.next_page().await {
//!     for instance in page?.auto_scaling_instance_set {
//!         println!("{}", instance.instance_id);
//!     }
//! }
//! // Or every item at once:
//! let all = client.describe_auto_scaling_groups().paginate().collect_items().await?;
//! # let _ = all;
//! # Ok(())
//! # }
//! ```
//!
//! Paging follows the answer's total: after each page the offset moves past the items received,
//! and paging ends when the offset reaches the total of the latest page (so a total that shrinks
//! between pages ends it early, and one that grows extends it), or on an empty page. A short page
//! ends paging only when the answer gives no total: a service may cap the page size below the one
//! asked for. A failed page is handed over as the error and ends paging; no page is skipped.
//! Offset paging cannot see items added or removed before the offset while it runs.

use crate::call::{CallOverrides, Execute};
use crate::error::Error;
use futures_core::Stream;
use std::pin::Pin;

/// A stream of pages or items, each a result; boxed and pinned, so it can be polled with
/// `StreamExt::next` directly.
pub type PageStream<T, E> = Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send>>;

/// A request that pages: what its generated `Paged` implementation states.
pub trait Paged: Clone {
    /// The decoded answer of one page (the action's output).
    type Page;
    /// One item of a page.
    type Item;
    /// The page size the service uses when none is sent, when the spec gives it.
    const DEFAULT_PAGE_SIZE: Option<i64>;
    /// The offset set on the request.
    fn offset(&self) -> Option<i64>;
    /// Sets the offset.
    fn set_offset(&mut self, offset: i64);
    /// The page size set on the request.
    fn page_size(&self) -> Option<i64>;
    /// Sets the page size.
    fn set_page_size(&mut self, size: i64);
    /// The total number of items an answer reports.
    fn total(output: &Self::Page) -> Option<i64>;
    /// The items of an answer.
    fn items(output: Self::Page) -> Vec<Self::Item>;
    /// The number of items of an answer.
    fn items_len(output: &Self::Page) -> usize;
}

/// Pages through the results of a request; see the [module docs](self).
#[derive(Debug, Clone)]
#[must_use = "a paginator does nothing until its pages are read"]
pub struct Paginator<C, R> {
    client: C,
    request: R,
    overrides: CallOverrides,
    next_offset: i64,
    done: bool,
}

/// The offset after a page of `received` items at `offset`, or `None` when paging ends.
fn next_offset(
    offset: i64,
    received: usize,
    total: Option<i64>,
    page_size: Option<i64>,
) -> Option<i64> {
    let received = i64::try_from(received).unwrap_or(i64::MAX);
    if received == 0 {
        return None;
    }
    let next = offset.saturating_add(received);
    match total {
        Some(total) if next >= total => None,
        Some(_) => Some(next),
        // Without a total, a page shorter than asked for is the last one.
        None if page_size.is_some_and(|size| received < size) => None,
        None => Some(next),
    }
}

impl<C: Execute<R, Output = R::Page>, R: Paged> Paginator<C, R> {
    /// A paginator that sends `request` with `client`, from the request's offset (or 0).
    pub fn new(client: C, request: R) -> Self {
        let next_offset = request.offset().unwrap_or(0);
        Paginator {
            client,
            request,
            overrides: CallOverrides::default(),
            next_offset,
            done: false,
        }
    }

    /// Sets the page size (the request's limit).
    pub fn page_size(mut self, size: i64) -> Self {
        self.request.set_page_size(size);
        self
    }

    /// Changes the settings every page is sent with (retries, time-outs); a paginator made by
    /// `paginate()` starts with its call's.
    pub fn customize(mut self, change: impl FnOnce(CallOverrides) -> CallOverrides) -> Self {
        self.overrides = change(self.overrides);
        self
    }

    /// The next page, `None` once paging has ended. A failed page ends paging.
    pub async fn next_page(&mut self) -> Option<Result<R::Page, Error<C::Error>>> {
        if self.done {
            return None;
        }
        let offset = self.next_offset;
        let mut request = self.request.clone();
        request.set_offset(offset);
        match self.client.execute_with(&request, &self.overrides).await {
            Ok(output) => {
                let received = R::items_len(&output);
                let page_size = request.page_size().or(R::DEFAULT_PAGE_SIZE);
                match next_offset(offset, received, R::total(&output), page_size) {
                    Some(next) => self.next_offset = next,
                    None => self.done = true,
                }
                Some(Ok(output))
            }
            Err(error) => {
                self.done = true;
                Some(Err(error))
            }
        }
    }

    /// Every page, as a stream (boxed, so `StreamExt::next` works on it as it is).
    pub fn pages(self) -> PageStream<R::Page, C::Error>
    where
        C: 'static,
        R: Send + Sync + 'static,
        R::Page: Send,
        C::Error: Send,
    {
        Box::pin(futures_util::stream::unfold(
            self,
            |mut paginator| async move {
                let page = paginator.next_page().await?;
                Some((page, paginator))
            },
        ))
    }

    /// Every item of every page, as a stream; a failed page is one error item, the last.
    pub fn items(self) -> PageStream<R::Item, C::Error>
    where
        C: 'static,
        R: Send + Sync + 'static,
        R::Page: Send,
        C::Error: Send,
        R::Item: Send,
    {
        let pages = futures_util::StreamExt::map(self.pages(), |page| {
            let items: Vec<Result<R::Item, Error<C::Error>>> = match page {
                Ok(output) => R::items(output).into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            futures_util::stream::iter(items)
        });
        Box::pin(futures_util::StreamExt::flatten(pages))
    }

    /// Every item of every page, or the first error.
    pub async fn collect_items(mut self) -> Result<Vec<R::Item>, Error<C::Error>> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await {
            all.extend(R::items(page?));
        }
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::next_offset;

    #[test]
    fn paging_follows_the_total() {
        assert_eq!(next_offset(0, 20, Some(45), Some(20)), Some(20));
        assert_eq!(next_offset(40, 5, Some(45), Some(20)), None);
        // A short page in the middle (a capped page size) does not end paging.
        assert_eq!(next_offset(0, 10, Some(45), Some(20)), Some(10));
        // A total that shrank below the offset ends it.
        assert_eq!(next_offset(20, 20, Some(30), Some(20)), None);
        assert_eq!(next_offset(20, 0, Some(45), Some(20)), None);
    }

    #[test]
    fn without_a_total_a_short_page_is_the_last() {
        assert_eq!(next_offset(0, 20, None, Some(20)), Some(20));
        assert_eq!(next_offset(20, 3, None, Some(20)), None);
        assert_eq!(next_offset(20, 3, None, None), Some(23));
        assert_eq!(next_offset(23, 0, None, None), None);
    }
}
