//! Paginators: turn "fetch a page with this token" into a stream of pages.

use std::future::Future;

use futures_core::Stream;

/// A stream of pages: calls `fetch(token)` with `first_token`, then with each next token the
/// page returned, and ends when the next token is missing, empty, or the same as the token
/// just sent (a service that repeats a token would otherwise loop forever). An error is
/// yielded once and ends the stream.
///
/// `fetch` returns the page and its next token.
///
/// The stream is boxed so that it is `Unpin`: callers can use `StreamExt::next` on it directly,
/// without `pin!`, as with the AWS SDK's paginators. One allocation per paginator, not per page.
pub fn paginate<T, E, F, Fut>(
    first_token: Option<String>,
    fetch: F,
) -> impl Stream<Item = Result<T, E>> + Unpin
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<(T, Option<String>), E>>,
{
    // `None` state = finished; `Some(token)` = fetch next with `token`.
    Box::pin(futures_util::stream::unfold(
        (Some(first_token), fetch),
        |(state, mut fetch)| async move {
            let token = state?;
            match fetch(token.clone()).await {
                Ok((page, next)) => {
                    let next = next.filter(|n| !n.is_empty() && Some(n) != token.as_ref());
                    let state = next.map(Some);
                    Some((Ok(page), (state, fetch)))
                }
                Err(e) => Some((Err(e), (None, fetch))),
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::sync::{Arc, Mutex};

    /// Runs a paginator over scripted `(page, next_token)` answers; returns pages and the
    /// tokens that were sent.
    fn run(
        first: Option<&str>,
        script: Vec<Result<(u32, Option<&'static str>), &'static str>>,
    ) -> (Vec<Result<u32, &'static str>>, Vec<Option<String>>) {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(script.into_iter()));
        let sent2 = sent.clone();
        let stream = paginate(first.map(String::from), move |token| {
            sent2.lock().unwrap().push(token);
            let next = script
                .lock()
                .unwrap()
                .next()
                .expect("fetched past the script");
            async move { next.map(|(p, t)| (p, t.map(String::from))) }
        });
        let pages = tokio_test_block_on(stream.collect::<Vec<_>>());
        let sent = sent.lock().unwrap().clone();
        (pages, sent)
    }

    fn tokio_test_block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn follows_tokens_until_missing() {
        let (pages, sent) = run(
            None,
            vec![Ok((1, Some("a"))), Ok((2, Some("b"))), Ok((3, None))],
        );
        assert_eq!(pages, vec![Ok(1), Ok(2), Ok(3)]);
        assert_eq!(sent, vec![None, Some("a".into()), Some("b".into())]);
    }

    #[test]
    fn stops_on_empty_token() {
        let (pages, sent) = run(None, vec![Ok((1, Some("a"))), Ok((2, Some("")))]);
        assert_eq!(pages, vec![Ok(1), Ok(2)]);
        assert_eq!(sent.len(), 2);
    }

    #[test]
    fn stops_on_repeated_token() {
        let (pages, sent) = run(Some("x"), vec![Ok((1, Some("y"))), Ok((2, Some("y")))]);
        assert_eq!(pages, vec![Ok(1), Ok(2)]);
        assert_eq!(sent, vec![Some("x".into()), Some("y".into())]);
    }

    #[test]
    fn an_error_ends_the_stream() {
        let (pages, sent) = run(None, vec![Ok((1, Some("a"))), Err("boom")]);
        assert_eq!(pages, vec![Ok(1), Err("boom")]);
        assert_eq!(sent.len(), 2);
    }
}
