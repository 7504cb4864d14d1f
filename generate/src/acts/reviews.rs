//! Reviews: opened on a framework, answered by partners' people (scores that
//! follow the partnership's quality, with a government/development-partner
//! gap), concluded once enough have answered.

use std::collections::BTreeMap;

use accord_events::catalogue::{ReviewConcluded, ReviewOpened, ReviewResponse};
use accord_events::fields::{ReviewKind, Side, Slug};

use crate::emit::{ResponseAsFilled, day, slug, text};
use crate::model::{
    ACTIVE_REVIEWS, Day, EFFECTIVENESS_CRITERIA, Generator, Retractable, Review, TRAFFIC_LIGHT,
    TRAFFIC_LIGHT_CRITERIA,
};

impl Generator {
    /// `review.opened`, unless `p` already has its fill of open reviews.
    pub(crate) fn open_review(&mut self, p: u32) -> bool {
        if self.partnerships[p as usize].open_reviews.len() >= ACTIVE_REVIEWS {
            return false;
        }
        let on = self.today();
        let part = &mut self.partnerships[p as usize];
        part.counters[1] += 1;
        let id = format!("{}-r{}", part.id, part.counters[1]);
        let traffic_light = self.rng.chance(0.2);
        let kind = *self.rng.pick(&[
            ReviewKind::HealthCheck,
            ReviewKind::AnnualReview,
            ReviewKind::AnnualReview,
            ReviewKind::SelfAssessment,
            ReviewKind::External,
        ]);
        let next_due = self
            .rng
            .chance(0.7)
            .then(|| on + self.rng.range(180, 400) as Day);
        let framework = if traffic_light {
            Some(TRAFFIC_LIGHT)
        } else if self.rng.chance(0.3) {
            Some("effectiveness")
        } else {
            None
        };
        let data = ReviewOpened {
            review: slug(&id),
            partnership: slug(&self.partnerships[p as usize].id),
            kind,
            framework: framework.map(slug),
            next_due: next_due.map(day),
        };
        self.emit(on, data);
        let r = self.reviews.len() as u32;
        let target = self.rng.range(3, 14) as u32;
        self.reviews.push(Review {
            id,
            partnership: p,
            traffic_light,
            responded: Vec::new(),
            concluded_by: None,
            target,
            created: on,
        });
        let part = &mut self.partnerships[p as usize];
        part.open_reviews.push(r);
        part.recent_reviews.push(r);
        if part.recent_reviews.len() > 4 {
            part.recent_reviews.remove(0);
        }
        true
    }

    /// `review.response` to an open review of `p` (opening or concluding one
    /// when that is what the review needs).
    pub(crate) fn respond(&mut self, p: u32) -> bool {
        let open = &self.partnerships[p as usize].open_reviews;
        if open.is_empty() {
            return self.open_review(p);
        }
        let r = open[self.rng.below(open.len())];
        if self.reviews[r as usize].responded.len() as u32 >= self.reviews[r as usize].target {
            return self.conclude_review(r);
        }
        let responded = self.reviews[r as usize].responded.clone();
        let Some(person) = self.acting_person(p, &responded) else {
            return !responded.is_empty() && self.conclude_review(r);
        };
        let on = self.today();
        let side = self.orgs[self.people[person as usize].org as usize].side;
        // The traffic light scores 1–3, the effectiveness marks 1–5.
        let (form, max): (&'static [&'static str], i64) = if self.reviews[r as usize].traffic_light
        {
            (&TRAFFIC_LIGHT_CRITERIA, 3)
        } else {
            (&EFFECTIVENESS_CRITERIA, 5)
        };
        let scores = self.scores(p, side, form, max);
        let comment = self.rng.chance(0.3).then(|| self.sentence());
        let response = ReviewResponse {
            review: slug(&self.reviews[r as usize].id),
            respondent: slug(&self.people[person as usize].id),
            scores,
            comment: comment.as_deref().map(text),
        };
        let ev = self.emit(on, ResponseAsFilled { response, form });
        self.reviews[r as usize].responded.push(person);
        self.remember(Retractable::Response {
            ev,
            review: r,
            person,
        });
        true
    }

    /// One respondent's scores on `form`: around the partnership's quality,
    /// a few criteria left blank, never all of them.
    fn scores(&mut self, p: u32, side: Side, form: &[&str], max: i64) -> BTreeMap<Slug, i64> {
        let quality = self.partnerships[p as usize].quality;
        // Government tends to score its partnerships higher than development
        // partners do; now and then the gap is wide enough to diverge.
        let bias = match side {
            Side::Government => 0.08,
            Side::DevelopmentPartner => -0.08,
            _ => 0.0,
        } * if self.rng.chance(0.15) { 4.0 } else { 1.0 };
        let mut scores = BTreeMap::new();
        for c in form {
            if self.rng.chance(0.07) {
                continue; // left blank
            }
            let x = quality + bias + (self.rng.unit() - 0.5) * 0.35;
            let s = (1.0 + x.clamp(0.0, 0.999) * max as f64).floor() as i64;
            scores.insert(slug(c), s.clamp(1, max));
        }
        if scores.is_empty() {
            scores.insert(slug(form[0]), max.min(3));
        }
        scores
    }

    /// Concludes the first open review of `p` that has answers (or answers one).
    pub(crate) fn conclude(&mut self, p: u32) -> bool {
        let open = &self.partnerships[p as usize].open_reviews;
        let Some(&r) = open
            .iter()
            .find(|r| !self.reviews[**r as usize].responded.is_empty())
        else {
            return self.respond(p);
        };
        self.conclude_review(r)
    }

    /// `review.concluded`.
    pub(crate) fn conclude_review(&mut self, r: u32) -> bool {
        let on = self.today();
        let summary = self.text(2);
        let data = ReviewConcluded {
            review: slug(&self.reviews[r as usize].id),
            summary: text(&summary),
        };
        let ev = self.emit(on, data);
        self.reviews[r as usize].concluded_by = Some(ev);
        let p = self.reviews[r as usize].partnership;
        self.partnerships[p as usize]
            .open_reviews
            .retain(|x| *x != r);
        self.remember(Retractable::Concluded { ev, review: r });
        true
    }
}
