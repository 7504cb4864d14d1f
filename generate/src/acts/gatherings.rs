//! What the programme learns and does around its partnerships: findings,
//! interviews and focus groups, meetings, follow-up activities. These are
//! the acts that may be back-dated (entered some time after they happened).

use accord_events::catalogue::{ActivityDelivered, FindingRecorded, InterviewHeld, MeetingHeld};
use accord_events::fields::{
    ActivityKind, FindingOrigin, InterviewFormat, InterviewTheme, List, MeetingKind, Side, Swot,
    Theme,
};

use crate::emit::{capitalise, name, slug, slugs, text};
use crate::model::{Generator, Retractable};
use crate::words::OBJECTS;

impl Generator {
    /// `finding.recorded`, mostly on `p`, sometimes out of one of its reviews.
    pub(crate) fn finding(&mut self, p: u32) {
        let with_partnership = self.rng.chance(0.9);
        let review = if with_partnership && self.rng.chance(0.3) {
            let recent = &self.partnerships[p as usize].recent_reviews;
            (!recent.is_empty()).then(|| recent[self.rng.below(recent.len())])
        } else {
            None
        };
        let mut earliest = self.start;
        if with_partnership {
            earliest = earliest.max(self.established(p));
        }
        if let Some(r) = review {
            earliest = earliest.max(self.reviews[r as usize].created);
        }
        let on = self.maybe_backdated(earliest);
        self.counts[0] += 1;
        let id = format!("f-{}", self.counts[0]);
        let origin = if review.is_some() {
            FindingOrigin::Review
        } else {
            *self.rng.pick(&[
                FindingOrigin::Interview,
                FindingOrigin::FocusGroup,
                FindingOrigin::Meeting,
                FindingOrigin::Document,
            ])
        };
        let swot = *self.rng.pick(Swot::ALL);
        let theme = *self.rng.pick(Theme::ALL);
        let k = 1 + self.rng.below(2);
        let body = self.text(k);
        let side = self.rng.chance(0.4).then(|| {
            *self.rng.pick(&[
                Side::Government,
                Side::DevelopmentPartner,
                Side::CivilSociety,
            ])
        });
        let data = FindingRecorded {
            finding: slug(&id),
            partnership: with_partnership.then(|| slug(&self.partnerships[p as usize].id)),
            origin,
            swot,
            theme,
            text: text(&body),
            side,
            review: review.map(|r| slug(&self.reviews[r as usize].id)),
        };
        let ev = self.emit(on, data);
        self.remember(Retractable::Finding {
            ev,
            partnership: with_partnership.then_some(p),
        });
    }

    /// `interview.held`: one or two people (a focus group from three), on
    /// `p` or on the programme as a whole.
    pub(crate) fn interview(&mut self, p: Option<u32>) -> bool {
        let k = self.rng.range(1, 4) as usize;
        let people = self.people_of(p, k);
        if people.is_empty() {
            return false;
        }
        let mut earliest = people
            .iter()
            .map(|x| self.people[*x as usize].created)
            .max()
            .unwrap_or(self.start);
        if let Some(p) = p {
            earliest = earliest.max(self.established(p));
        }
        let on = self.maybe_backdated(earliest);
        self.counts[1] += 1;
        let id = format!("int-{}", self.counts[1]);
        let side = self.orgs[self.people[people[0] as usize].org as usize].side;
        let themes: Vec<InterviewTheme> = InterviewTheme::ALL
            .iter()
            .copied()
            .filter(|_| self.rng.chance(0.6))
            .collect();
        let themes = if themes.is_empty() {
            vec![InterviewTheme::AddedValue]
        } else {
            themes
        };
        let ids: Vec<&str> = people
            .iter()
            .map(|x| self.people[*x as usize].id.as_str())
            .collect();
        let interviewees = slugs(&ids);
        let notes = self.rng.chance(0.5).then(|| self.text(2));
        let data = InterviewHeld {
            interview: slug(&id),
            partnership: p.map(|p| slug(&self.partnerships[p as usize].id)),
            format: if people.len() > 2 {
                InterviewFormat::FocusGroup
            } else {
                InterviewFormat::Individual
            },
            side,
            interviewees: Some(interviewees),
            themes: List(themes),
            notes: notes.as_deref().map(text),
        };
        self.emit(on, data);
        true
    }

    /// `meeting.held` on `p` and perhaps other partnerships, with attendees.
    pub(crate) fn meeting(&mut self, p: u32) -> bool {
        let k = self.rng.range(1, 3) as usize;
        let ps = self.some_partnerships(p, k);
        let k = self.rng.range(2, 10) as usize;
        let attendees = self.people_of(Some(p), k);
        let mut earliest = self.start;
        for q in &ps {
            earliest = earliest.max(self.established(*q));
        }
        for a in &attendees {
            earliest = earliest.max(self.people[*a as usize].created);
        }
        let on = self.maybe_backdated(earliest);
        self.counts[2] += 1;
        let id = format!("mtg-{}", self.counts[2]);
        let kind = *self.rng.pick(&[
            MeetingKind::PartnershipMeeting,
            MeetingKind::PartnershipMeeting,
            MeetingKind::PartnershipMeeting,
            MeetingKind::StrategicMeeting,
            MeetingKind::Retreat,
            MeetingKind::Steering,
            MeetingKind::Other,
        ]);
        let title = format!(
            "{} {}",
            capitalise(&kind.as_str().replace('_', " ")),
            self.partnerships[p as usize].name
        );
        let pids: Vec<&str> = ps
            .iter()
            .map(|q| self.partnerships[*q as usize].id.as_str())
            .collect();
        let aids: Vec<&str> = attendees
            .iter()
            .map(|x| self.people[*x as usize].id.as_str())
            .collect();
        let data = MeetingHeld {
            meeting: slug(&id),
            kind,
            title: name(&title),
            partnerships: Some(slugs(&pids)),
            attendees: (!aids.is_empty()).then(|| slugs(&aids)),
        };
        self.emit(on, data);
        self.meetings.push((id, on));
        true
    }

    /// `activity.delivered` to `p` and perhaps other partnerships.
    pub(crate) fn activity(&mut self, p: u32) -> bool {
        let k = self.rng.range(0, 3) as usize + 1;
        let ps = self.some_partnerships(p, k);
        let earliest = ps
            .iter()
            .map(|q| self.established(*q))
            .max()
            .unwrap_or(self.start);
        let on = self.maybe_backdated(earliest);
        self.counts[3] += 1;
        let id = format!("act-{}", self.counts[3]);
        let kind = *self.rng.pick(ActivityKind::ALL);
        let title = format!(
            "{}: {}",
            capitalise(&kind.as_str().replace('_', " ")),
            self.rng.pick(OBJECTS)
        );
        let pids: Vec<&str> = ps
            .iter()
            .map(|q| self.partnerships[*q as usize].id.as_str())
            .collect();
        let partnerships = Some(slugs(&pids));
        let participants = self.rng.chance(0.7).then(|| self.rng.range(5, 60) as u32);
        let data = ActivityDelivered {
            activity: slug(&id),
            kind,
            title: name(&title),
            partnerships,
            participants,
        };
        self.emit(on, data);
        true
    }
}
