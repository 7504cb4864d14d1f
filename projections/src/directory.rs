//! The directory: organisations, the side each speaks for, and people with
//! the timeline of their posts.
//!
//! A person's organisation for an act is the organisation of their latest
//! post (`person.registered` or `person.moved`) that began on or before the
//! act's date, ties broken by `seq`: earlier acts keep the organisation they
//! were done for. The side comes from that organisation.

use std::collections::BTreeMap;

use accord_events::fields::Side;
use accord_events::{Envelope, Event};
use chrono::NaiveDate;
use serde::Serialize;

/// A registered organisation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Organisation {
    /// Its id.
    pub org: String,
    /// Its name.
    pub name: String,
    /// The side it speaks for.
    pub side: Side,
    /// When it was registered.
    #[serde(skip)]
    pub registered_on: NaiveDate,
    /// Where it was registered in the log.
    #[serde(skip)]
    pub seq: u64,
}

/// One post of a person: working for an organisation from a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Post {
    /// The organisation.
    pub org: String,
    /// The person's title in that post, if recorded.
    pub title: Option<String>,
    /// The date the post began (the event's business date).
    pub from: accord_events::fields::Day,
    /// Where the post was recorded in the log.
    pub seq: u64,
}

/// A registered person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Person {
    /// Their id.
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their posts in `seq` order.
    pub posts: Vec<Post>,
}

impl Person {
    /// The post held on `on`: the latest begun on or before it (ties by `seq`).
    pub fn post_on(&self, on: NaiveDate) -> Option<&Post> {
        self.posts
            .iter()
            .filter(|p| p.from.0 <= on)
            .max_by_key(|p| (p.from.0, p.seq))
    }

    /// The post held now (the latest of all).
    pub fn current_post(&self) -> Option<&Post> {
        self.posts.iter().max_by_key(|p| (p.from.0, p.seq))
    }
}

/// Who a person acted for on a date: the organisation and its side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Affiliation {
    /// The organisation's id.
    pub org: String,
    /// Its side (`None` when the organisation is not in the directory).
    pub side: Option<Side>,
}

/// The directory folded from `organisation.registered`, `person.registered`
/// and `person.moved`. Other events are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Directory {
    organisations: BTreeMap<String, Organisation>,
    people: BTreeMap<String, Person>,
}

impl Directory {
    /// An empty directory.
    pub fn new() -> Directory {
        Directory::default()
    }

    /// Folds the directory from events that count (see [`crate::View::counted`]).
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Envelope>) -> Directory {
        let mut d = Directory::new();
        for e in events {
            d.apply(e);
        }
        d
    }

    /// Folds one event; returns true when it was a directory event.
    pub fn apply(&mut self, e: &Envelope) -> bool {
        match &e.event {
            Event::OrganisationRegistered(d) => {
                self.organisations.insert(
                    d.org.to_string(),
                    Organisation {
                        org: d.org.to_string(),
                        name: d.name.as_str().to_owned(),
                        side: d.side,
                        registered_on: e.occurred_on,
                        seq: e.seq,
                    },
                );
            }
            Event::PersonRegistered(d) => {
                self.people.insert(
                    d.person.to_string(),
                    Person {
                        person: d.person.to_string(),
                        name: d.name.as_str().to_owned(),
                        posts: vec![Post {
                            org: d.org.to_string(),
                            title: d.title.as_ref().map(|t| t.as_str().to_owned()),
                            from: accord_events::fields::Day(e.occurred_on),
                            seq: e.seq,
                        }],
                    },
                );
            }
            Event::PersonMoved(d) => {
                if let Some(p) = self.people.get_mut(d.person.as_str()) {
                    p.posts.push(Post {
                        org: d.org.to_string(),
                        title: d.title.as_ref().map(|t| t.as_str().to_owned()),
                        from: accord_events::fields::Day(e.occurred_on),
                        seq: e.seq,
                    });
                }
            }
            _ => return false,
        }
        true
    }

    /// An organisation by id.
    pub fn organisation(&self, org: &str) -> Option<&Organisation> {
        self.organisations.get(org)
    }

    /// A person by id.
    pub fn person(&self, person: &str) -> Option<&Person> {
        self.people.get(person)
    }

    /// Every organisation, by id.
    pub fn organisations(&self) -> impl Iterator<Item = &Organisation> {
        self.organisations.values()
    }

    /// Every person, by id.
    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.values()
    }

    /// The directory entries of the organisations its people held posts
    /// at ([`accord_events::store::directory_entry`]'s keys): what looking
    /// up which side a person acted for reads besides the person.
    pub fn post_entries(&self) -> std::collections::BTreeSet<String> {
        self.people
            .values()
            .flat_map(|p| p.posts.iter())
            .map(|p| accord_events::store::org_entry(&p.org))
            .collect()
    }

    /// The side an organisation speaks for.
    pub fn side_of(&self, org: &str) -> Option<Side> {
        self.organisations.get(org).map(|o| o.side)
    }

    /// Who `person` acted for on `on` (`None` when they held no post then).
    pub fn acting_for(&self, person: &str, on: NaiveDate) -> Option<Affiliation> {
        let post = self.people.get(person)?.post_on(on)?;
        Some(Affiliation {
            org: post.org.clone(),
            side: self.side_of(&post.org),
        })
    }

    /// An organisation's name, or its id when it is not in the directory.
    pub fn org_name<'a>(&'a self, org: &'a str) -> &'a str {
        self.organisations.get(org).map_or(org, |o| o.name.as_str())
    }

    /// A person's name, or their id when they are not in the directory.
    pub fn person_name<'a>(&'a self, person: &'a str) -> &'a str {
        self.people.get(person).map_or(person, |p| p.name.as_str())
    }
}
