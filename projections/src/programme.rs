//! The programme as a whole: its definition, its stages, review frameworks,
//! programme-level findings, and the interviews, meetings and activities
//! held (which may name partnerships).

use std::collections::BTreeMap;

use accord_events::fields::{ActivityKind, Day, InterviewFormat, MeetingKind, Side};
use accord_events::{Envelope, Event};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::framework::Frameworks;

/// What the programme holds of its own record, one entry per event: the
/// findings that name no partnership, the interviews and focus groups, the
/// meetings and the activities. They grow with the log (over a hundred
/// thousand in a million events); a status only counts them, and a stage
/// snapshot's fold as of its baseline never reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// `finding.recorded` naming no partnership.
    Finding,
    /// `interview.held`.
    Interview,
    /// `meeting.held`.
    Meeting,
    /// `activity.delivered`.
    Activity,
}

impl Held {
    /// What `e` adds to the programme's record, if anything.
    pub fn of(e: &Event) -> Option<Held> {
        Some(match e {
            Event::FindingRecorded(d) if d.partnership.is_none() => Held::Finding,
            Event::InterviewHeld(_) => Held::Interview,
            Event::MeetingHeld(_) => Held::Meeting,
            Event::ActivityDelivered(_) => Held::Activity,
            _ => return None,
        })
    }
}

/// What `programme.defined` says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeDefinition {
    /// The programme's name.
    pub name: String,
    /// Its objective.
    pub objective: String,
    /// The organisation that commissioned it.
    pub commissioned_by: Option<String>,
    /// The organisations facilitating it.
    pub facilitators: Vec<String>,
}

/// Where a stage stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageProgress {
    /// Planned, not started.
    Planned,
    /// Started, not completed.
    Started,
    /// Completed.
    Completed,
}

/// A stage of the programme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    /// Its number, from 1.
    pub stage: u32,
    /// Its name.
    pub name: String,
    /// Planned start.
    pub starts_on: Day,
    /// Planned end.
    pub ends_on: Day,
    /// What it is meant to achieve.
    pub intended_achievements: Vec<String>,
    /// When it started, if it has.
    pub started_on: Option<Day>,
    /// When it was completed, if it has been.
    pub completed_on: Option<Day>,
    /// The summary given on completion.
    pub summary: Option<String>,
}

impl Stage {
    /// Planned, started or completed.
    pub fn progress(&self) -> StageProgress {
        match (self.started_on, self.completed_on) {
            (_, Some(_)) => StageProgress::Completed,
            (Some(_), None) => StageProgress::Started,
            _ => StageProgress::Planned,
        }
    }
}

/// An interview or focus group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    /// Its id.
    pub interview: String,
    /// The partnership it was about, if any.
    pub partnership: Option<String>,
    /// Individual or focus group.
    pub format: InterviewFormat,
    /// The side interviewed.
    pub side: Side,
    /// Who was interviewed.
    pub interviewees: Vec<String>,
    /// When.
    pub held_on: Day,
    /// Its position in the log.
    pub seq: u64,
}

/// A meeting, retreat or steering session.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Meeting {
    /// Its id.
    pub meeting: String,
    /// Its kind.
    pub kind: MeetingKind,
    /// Its title.
    pub title: String,
    /// The partnerships it concerned.
    pub partnerships: Vec<String>,
    /// Who attended.
    pub attendees: Vec<String>,
    /// When.
    pub held_on: Day,
    /// Its position in the log.
    pub seq: u64,
}

/// A follow-up activity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Activity {
    /// Its id.
    pub activity: String,
    /// Its kind.
    pub kind: ActivityKind,
    /// Its title.
    pub title: String,
    /// The partnerships it served.
    pub partnerships: Vec<String>,
    /// How many took part, if recorded.
    pub participants: Option<u32>,
    /// When.
    pub delivered_on: Day,
    /// Its position in the log.
    pub seq: u64,
}

/// The programme folded from its events. Partnership events are ignored,
/// except that every interview is kept here too (for counts).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Programme {
    /// `programme.defined` (the latest, if defined more than once).
    pub definition: Option<ProgrammeDefinition>,
    /// Stages by number.
    pub stages: BTreeMap<u32, Stage>,
    /// Review frameworks.
    pub frameworks: Frameworks,
    /// Findings that name no partnership.
    pub findings: Vec<Finding>,
    /// Every interview, in `seq` order.
    pub interviews: Vec<Interview>,
    /// Every meeting, in `seq` order.
    pub meetings: Vec<Meeting>,
    /// Every activity, in `seq` order.
    pub activities: Vec<Activity>,
}

fn ids(list: &Option<accord_events::fields::List<accord_events::fields::Slug>>) -> Vec<String> {
    list.iter()
        .flat_map(|l| l.iter())
        .map(|s| s.to_string())
        .collect()
}

impl Programme {
    /// An empty programme (the built-in framework only).
    pub fn new() -> Programme {
        Programme::default()
    }

    /// Folds one event that counts; returns true when it concerned the programme.
    pub fn apply(&mut self, e: &Envelope) -> bool {
        let on = Day(e.occurred_on);
        match &e.event {
            Event::ProgrammeDefined(d) => {
                self.definition = Some(ProgrammeDefinition {
                    name: d.name.as_str().to_owned(),
                    objective: d.objective.as_str().to_owned(),
                    commissioned_by: d.commissioned_by.as_ref().map(|o| o.to_string()),
                    facilitators: ids(&d.facilitators),
                });
            }
            Event::StagePlanned(d) => {
                self.stages.insert(
                    d.stage.0,
                    Stage {
                        stage: d.stage.0,
                        name: d.name.as_str().to_owned(),
                        starts_on: d.starts_on,
                        ends_on: d.ends_on,
                        intended_achievements: d
                            .intended_achievements
                            .iter()
                            .flat_map(|l| l.iter())
                            .map(|t| t.as_str().to_owned())
                            .collect(),
                        started_on: None,
                        completed_on: None,
                        summary: None,
                    },
                );
            }
            Event::StageStarted(d) => {
                if let Some(s) = self.stages.get_mut(&d.stage.0) {
                    s.started_on = Some(on);
                }
            }
            Event::StageCompleted(d) => {
                if let Some(s) = self.stages.get_mut(&d.stage.0) {
                    s.completed_on = Some(on);
                    s.summary = d.summary.as_ref().map(|t| t.as_str().to_owned());
                }
            }
            Event::FrameworkDefined(_) => {
                self.frameworks.apply(e);
            }
            Event::FindingRecorded(d) if d.partnership.is_none() => {
                self.findings.push(Finding::from_event(e, d));
            }
            Event::InterviewHeld(d) => self.interviews.push(Interview {
                interview: d.interview.to_string(),
                partnership: d.partnership.as_ref().map(|p| p.to_string()),
                format: d.format,
                side: d.side,
                interviewees: ids(&d.interviewees),
                held_on: on,
                seq: e.seq,
            }),
            Event::MeetingHeld(d) => self.meetings.push(Meeting {
                meeting: d.meeting.to_string(),
                kind: d.kind,
                title: d.title.as_str().to_owned(),
                partnerships: ids(&d.partnerships),
                attendees: ids(&d.attendees),
                held_on: on,
                seq: e.seq,
            }),
            Event::ActivityDelivered(d) => self.activities.push(Activity {
                activity: d.activity.to_string(),
                kind: d.kind,
                title: d.title.as_str().to_owned(),
                partnerships: ids(&d.partnerships),
                participants: d.participants,
                delivered_on: on,
                seq: e.seq,
            }),
            _ => return false,
        }
        true
    }

    /// The dates on which stages were completed.
    pub fn completions(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.stages
            .values()
            .filter_map(|s| s.completed_on.map(|d| d.0))
    }

    /// The stage running now: started and not completed.
    pub fn current_stage(&self) -> Option<&Stage> {
        self.stages
            .values()
            .rev()
            .find(|s| s.progress() == StageProgress::Started)
    }
}
