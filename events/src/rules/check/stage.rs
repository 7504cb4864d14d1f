//! Stage events: dates in order, started before completed, in the stages' order.

use super::super::{Kind, Rule, RuleState, Violation};
use super::Checked;
use crate::catalogue::Event;
use crate::input::NewEvent;

impl RuleState {
    /// The rules of stage events beyond existence and dates.
    pub(super) fn check_stage(&self, ev: &NewEvent) -> Checked {
        use Event as E;
        let on = ev.occurred_on;
        match &ev.event {
            E::StagePlanned(d) if d.starts_on > d.ends_on => Err(Violation::new(
                Rule::Stage,
                "ends_on",
                format!(
                    "stage {} ends on {} before it starts on {}",
                    d.stage.0, d.ends_on, d.starts_on
                ),
            )),
            E::StageStarted(d) => {
                let n = d.stage.0;
                self.check_reference(Kind::Stage, &n.to_string(), on)?;
                let stage = &self.stages[&n];
                if let Some(m) = stage.started {
                    return Err(Violation::new(
                        Rule::Stage,
                        "stage",
                        format!("stage {n} already started on {}", m.on),
                    ));
                }
                if n > 1 {
                    match self.stages.get(&(n - 1)).and_then(|s| s.completed) {
                        None => {
                            return Err(Violation::new(
                                Rule::Stage,
                                "stage",
                                format!(
                                    "stage {n} cannot start before stage {} is completed",
                                    n - 1
                                ),
                            )
                            .hint(format!(
                                "complete stage {} first (`accord stage complete {} --date YYYY-MM-DD`)",
                                n - 1,
                                n - 1
                            )));
                        }
                        Some(c) if c.on > on => {
                            return Err(Violation::new(
                                Rule::OutOfOrder,
                                "occurred_at",
                                format!(
                                    "stage {n} would start on {on}, before stage {} was completed on {}",
                                    n - 1,
                                    c.on
                                ),
                            ));
                        }
                        Some(_) => {}
                    }
                }
                self.check_story(&format!("stage {n}"), &[stage.planned], on)
            }
            E::StageCompleted(d) => {
                let n = d.stage.0;
                self.check_reference(Kind::Stage, &n.to_string(), on)?;
                let stage = &self.stages[&n];
                match (stage.started, stage.completed) {
                    (_, Some(c)) => Err(Violation::new(
                        Rule::Stage,
                        "stage",
                        format!("stage {n} was already completed on {}", c.on),
                    )),
                    (None, _) => Err(Violation::new(
                        Rule::Stage,
                        "stage",
                        format!("stage {n} has not started; it cannot be completed"),
                    )
                    .hint(format!(
                        "start it first (`accord stage start {n} --date YYYY-MM-DD`)"
                    ))),
                    (Some(s), None) => {
                        self.check_story(&format!("stage {n}"), &[stage.planned, s], on)
                    }
                }
            }
            _ => Ok(()),
        }
    }
}
