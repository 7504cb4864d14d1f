//! Review frameworks: the criteria a review is scored on and their scale.
//! `effectiveness` (the seed's five marks, 1–5) exists without being defined;
//! others come from `framework.defined`.

use std::collections::BTreeMap;

use accord_events::catalogue::{EFFECTIVENESS, EFFECTIVENESS_CRITERIA, EFFECTIVENESS_SCALE};
use accord_events::{Envelope, Event};
use serde::Serialize;

/// A criterion: its id (the key of scores) and how people read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Criterion {
    /// Its id.
    pub id: String,
    /// Its label.
    pub label: String,
}

/// A review framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Framework {
    /// Its id.
    pub framework: String,
    /// Its name.
    pub name: String,
    /// Its criteria, in the order they were defined.
    pub criteria: Vec<Criterion>,
    /// The lowest score.
    pub scale_min: i64,
    /// The highest score.
    pub scale_max: i64,
}

impl Framework {
    /// The built-in `effectiveness` framework.
    pub fn effectiveness() -> Framework {
        Framework {
            framework: EFFECTIVENESS.to_owned(),
            name: "Marks of an effective partnership".to_owned(),
            criteria: EFFECTIVENESS_CRITERIA
                .iter()
                .map(|(id, label)| Criterion {
                    id: (*id).to_owned(),
                    label: (*label).to_owned(),
                })
                .collect(),
            scale_min: EFFECTIVENESS_SCALE.0,
            scale_max: EFFECTIVENESS_SCALE.1,
        }
    }

    /// A criterion's label, or its id when the framework does not list it.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.criteria
            .iter()
            .find(|c| c.id == id)
            .map_or(id, |c| c.label.as_str())
    }

    /// The position of a criterion in the framework (unknown ones sort last).
    pub fn position(&self, id: &str) -> usize {
        self.criteria
            .iter()
            .position(|c| c.id == id)
            .unwrap_or(usize::MAX)
    }

    /// `scale_max - scale_min`: a divergence is at least half of it.
    pub fn range(&self) -> i64 {
        self.scale_max - self.scale_min
    }
}

/// Every framework known in a view: the built-in one and the defined ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frameworks {
    by_id: BTreeMap<String, Framework>,
}

impl Default for Frameworks {
    fn default() -> Self {
        let mut by_id = BTreeMap::new();
        by_id.insert(EFFECTIVENESS.to_owned(), Framework::effectiveness());
        Frameworks { by_id }
    }
}

impl Frameworks {
    /// Folds `framework.defined`; returns true when `e` was one.
    pub fn apply(&mut self, e: &Envelope) -> bool {
        let Event::FrameworkDefined(d) = &e.event else {
            return false;
        };
        self.by_id.insert(
            d.framework.to_string(),
            Framework {
                framework: d.framework.to_string(),
                name: d.name.as_str().to_owned(),
                criteria: d
                    .criteria
                    .iter()
                    .map(|c| Criterion {
                        id: c.id.to_string(),
                        label: c.label.as_str().to_owned(),
                    })
                    .collect(),
                scale_min: d.scale_min,
                scale_max: d.scale_max,
            },
        );
        true
    }

    /// A framework by id.
    pub fn get(&self, id: &str) -> Option<&Framework> {
        self.by_id.get(id)
    }

    /// A framework by id, or the built-in one when it is unknown in this view.
    pub fn get_or_default(&self, id: &str) -> &Framework {
        self.by_id
            .get(id)
            .or_else(|| self.by_id.get(EFFECTIVENESS))
            .expect("the built-in framework is always present")
    }

    /// Every framework, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Framework> {
        self.by_id.values()
    }
}
