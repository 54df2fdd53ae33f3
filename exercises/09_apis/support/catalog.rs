//! The article list behind pagination2's endpoint, kept in memory so the exercise is about
//! the endpoint, not the query: `after(cursor, n)` gives up to `n` articles after the cursor,
//! newest first, by the unique key (published, id). You don't need to edit it.
#![allow(dead_code)]

use std::sync::Arc;

use crate::articles::{ARTICLES, Article, Cursor};

#[derive(Clone)]
pub struct Catalog {
    newest_first: Arc<Vec<Article>>,
}

impl Catalog {
    /// The nine articles of support/articles.rs, plus `extra` older ones.
    pub fn new(extra: i64) -> Catalog {
        let mut all: Vec<Article> = ARTICLES
            .iter()
            .map(|&(id, title, published)| Article {
                id,
                title: title.to_string(),
                published: published.to_string(),
            })
            .collect();
        for n in 0..extra {
            let (id, published) = (100 + n, "2023-12-31".to_string());
            let title = format!("Extra {n}");
            all.push(Article {
                id,
                title,
                published,
            });
        }
        all.sort_by(|a, b| (&b.published, b.id).cmp(&(&a.published, a.id)));
        Catalog {
            newest_first: Arc::new(all),
        }
    }

    /// Up to `n` articles after `cursor` (from the newest when `None`).
    pub fn after(&self, cursor: Option<&Cursor>, n: usize) -> Vec<Article> {
        let after = |article: &&Article| match cursor {
            None => true,
            Some(c) => (&article.published, article.id) < (&c.published, c.id),
        };
        self.newest_first
            .iter()
            .filter(after)
            .take(n)
            .cloned()
            .collect()
    }
}
