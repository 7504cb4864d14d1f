//! Field types shared by the catalogue. Each one validates itself while it is
//! deserialised, so a bad value is reported with the path of the field that
//! holds it (see [`crate::input`]).

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// Longest free text accepted in one field (an agreement's text, notes).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest name or title accepted.
pub const MAX_NAME_CHARS: usize = 300;
/// Most items accepted in one list field.
pub const MAX_LIST_ITEMS: usize = 1_000;
/// Longest slug (entity id).
pub const MAX_SLUG_CHARS: usize = 64;

/// An entity id: `[a-z0-9][a-z0-9._-]{0,63}`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Checks `s` against the slug pattern.
    pub fn parse(s: &str) -> Result<Slug, String> {
        let bytes = s.as_bytes();
        let ok_first = bytes
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let ok_rest = bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        });
        if ok_first && ok_rest && bytes.len() <= MAX_SLUG_CHARS {
            Ok(Slug(s.to_owned()))
        } else {
            Err(format!(
                "{s:?} is not a valid id: use 1 to {MAX_SLUG_CHARS} lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (for example \"twg-health\")"
            ))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Slug::parse(&s).map_err(de::Error::custom)
    }
}

impl std::borrow::Borrow<str> for Slug {
    fn borrow(&self) -> &str {
        &self.0
    }
}

fn check_chars(s: &str, max: usize, allow_newlines: bool, what: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        return Err(format!("{what} must not be empty"));
    }
    let n = s.chars().count();
    if n > max {
        return Err(format!(
            "{what} is {n} characters long; at most {max} are accepted"
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t')))
    {
        return Err(format!(
            "{what} contains the control character U+{:04X}; remove it",
            c as u32
        ));
    }
    Ok(())
}

/// Free text, possibly several lines: non-empty, at most [`MAX_TEXT_CHARS`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Validates free text.
    pub fn parse(s: &str) -> Result<Text, String> {
        check_chars(s, MAX_TEXT_CHARS, true, "text").map(|()| Text(s.to_owned()))
    }
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Text::parse(&s).map_err(de::Error::custom)
    }
}

/// A name or title: one line, non-empty, at most [`MAX_NAME_CHARS`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Name(String);

impl Name {
    /// Validates a one-line name.
    pub fn parse(s: &str) -> Result<Name, String> {
        check_chars(s, MAX_NAME_CHARS, false, "a name").map(|()| Name(s.to_owned()))
    }
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Name::parse(&s).map_err(de::Error::custom)
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub NaiveDate);

impl Day {
    /// Parses exactly `YYYY-MM-DD` (four-digit year from 1000).
    pub fn parse(s: &str) -> Result<Day, String> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
            && b[0] != b'0';
        let err = || format!("{s:?} is not a date: write it as YYYY-MM-DD, for example 2009-09-11");
        if !shape {
            return Err(err());
        }
        // Read the digits directly: chrono's parser reads its format string
        // again on each call, and every event read from the log has a date.
        let number = |digits: &[u8]| {
            digits
                .iter()
                .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
        };
        NaiveDate::from_ymd_opt(number(&b[..4]) as i32, number(&b[5..7]), number(&b[8..]))
            .map(Day)
            .ok_or_else(|| format!("{s:?} is not a real calendar date"))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Day::parse(&s).map_err(de::Error::custom)
    }
}

/// A list with at most [`MAX_LIST_ITEMS`] items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct List<T>(pub Vec<T>);

impl<T> List<T> {
    /// Iterates over the items.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<T>::deserialize(d)?;
        if v.len() > MAX_LIST_ITEMS {
            return Err(de::Error::custom(format!(
                "the list has {} items; at most {MAX_LIST_ITEMS} are accepted",
                v.len()
            )));
        }
        Ok(List(v))
    }
}

/// A positive whole number (stage, version).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Ordinal(pub u32);

impl<'de> Deserialize<'de> for Ordinal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u32::deserialize(d)?;
        if n == 0 {
            return Err(de::Error::custom("must be a whole number from 1"));
        }
        Ok(Ordinal(n))
    }
}

/// Declares a closed vocabulary: an enum whose JSON form is its snake_case name.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(
                #[doc = $text]
                #[serde(rename = $text)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in events.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the written form.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// The side an organisation speaks for.
    Side {
        Government => "government",
        DevelopmentPartner => "development_partner",
        CivilSociety => "civil_society",
        PrivateSector => "private_sector",
        Academic => "academic",
        Facilitator => "facilitator",
    }
);

impl Side {
    /// How a person reads the side.
    pub fn label(self) -> &'static str {
        match self {
            Side::Government => "government",
            Side::DevelopmentPartner => "development partner",
            Side::CivilSociety => "civil society",
            Side::PrivateSector => "private sector",
            Side::Academic => "academic",
            Side::Facilitator => "facilitator",
        }
    }
}

vocabulary!(
    /// A partner's role in a partnership.
    Role {
        Chair => "chair",
        LeadFacilitator => "lead_facilitator",
        CoFacilitator => "co_facilitator",
        Secretariat => "secretariat",
        Member => "member",
    }
);

vocabulary!(
    /// What an agreement is about.
    AgreementKind {
        SharedGoal => "shared_goal",
        Principles => "principles",
        TermsOfReference => "terms_of_reference",
        ActionPlan => "action_plan",
        SuccessMeasures => "success_measures",
        FollowUp => "follow_up",
    }
);

vocabulary!(
    /// The kind of review.
    ReviewKind {
        HealthCheck => "health_check",
        AnnualReview => "annual_review",
        SelfAssessment => "self_assessment",
        External => "external",
    }
);

vocabulary!(
    /// Where a finding came from.
    FindingOrigin {
        Interview => "interview",
        FocusGroup => "focus_group",
        Review => "review",
        Meeting => "meeting",
        Document => "document",
    }
);

vocabulary!(
    /// The SWOT quadrant of a finding.
    Swot {
        Strength => "strength",
        Weakness => "weakness",
        Opportunity => "opportunity",
        Threat => "threat",
    }
);

vocabulary!(
    /// The common issue a finding speaks to.
    Theme {
        InstitutionalArrangements => "institutional_arrangements",
        EnablingEnvironment => "enabling_environment",
        Roles => "roles",
        ParisPrinciples => "paris_principles",
        Other => "other",
    }
);

vocabulary!(
    /// How an interview was held.
    InterviewFormat {
        Individual => "individual",
        FocusGroup => "focus_group",
    }
);

vocabulary!(
    /// The themes the stage-1 interviews covered.
    InterviewTheme {
        AddedValue => "added_value",
        EffectivenessReasons => "effectiveness_reasons",
        LocalContext => "local_context",
        Expectations => "expectations",
    }
);

vocabulary!(
    /// The kind of meeting.
    MeetingKind {
        StrategicMeeting => "strategic_meeting",
        PartnershipMeeting => "partnership_meeting",
        Retreat => "retreat",
        Steering => "steering",
        Other => "other",
    }
);

vocabulary!(
    /// The kind of follow-up activity.
    ActivityKind {
        Training => "training",
        CaseStudy => "case_study",
        Resource => "resource",
        Specialist => "specialist",
    }
);

vocabulary!(
    /// A status a commitment can be reported in.
    ReportedStatus {
        OnSchedule => "on_schedule",
        BehindSchedule => "behind_schedule",
        Completed => "completed",
        Dropped => "dropped",
    }
);

impl ReportedStatus {
    /// Completed and dropped commitments take no further reports.
    pub fn is_final(self) -> bool {
        matches!(self, ReportedStatus::Completed | ReportedStatus::Dropped)
    }
}

vocabulary!(
    /// What a translation is of: the kinds of recorded content that carry
    /// words a reader may want in another language.
    Translatable {
        Programme => "programme",
        Stage => "stage",
        Organisation => "organisation",
        Partnership => "partnership",
        Agreement => "agreement",
        Review => "review",
        Finding => "finding",
        Commitment => "commitment",
    }
);

vocabulary!(
    /// The field of the content a translation renders.
    TranslatedField {
        Name => "name",
        Objective => "objective",
        Title => "title",
        Text => "text",
        Summary => "summary",
    }
);

impl Translatable {
    /// The fields of this kind of content that can be translated.
    pub fn fields(self) -> &'static [TranslatedField] {
        use TranslatedField as F;
        match self {
            Translatable::Programme => &[F::Name, F::Objective],
            Translatable::Stage => &[F::Name, F::Summary],
            Translatable::Organisation | Translatable::Partnership => &[F::Name],
            Translatable::Agreement => &[F::Title, F::Text],
            Translatable::Review => &[F::Summary],
            Translatable::Finding | Translatable::Commitment => &[F::Text],
        }
    }
}

/// A language, as the primary subtag of a BCP 47 tag: two or three
/// lowercase ASCII letters (`km`, `en`, `fr`). Regions and scripts are left
/// out on purpose: a translation is for the readers of a language.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct LangTag(String);

impl LangTag {
    /// Checks `s` against the pattern.
    pub fn parse(s: &str) -> Result<LangTag, String> {
        if (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase()) {
            Ok(LangTag(s.to_owned()))
        } else {
            Err(format!(
                "{s:?} is not a language tag: write the language's 2- or 3-letter code in lowercase (\"km\" for Khmer, \"en\" for English)"
            ))
        }
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for LangTag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        LangTag::parse(&s).map_err(de::Error::custom)
    }
}

/// Longest event id.
pub const MAX_EVENT_ID_CHARS: usize = 128;
/// Longest operator name.
pub const MAX_OPERATOR_CHARS: usize = 64;

/// Checks an event id: 1–128 characters, none of them a control character.
pub fn check_event_id(s: &str) -> Result<(), String> {
    check_printable(s, MAX_EVENT_ID_CHARS, "an event id")
}

/// Checks an operator name (`recorded_by`): 1–64 printable characters.
pub fn check_operator(s: &str) -> Result<(), String> {
    check_printable(s, MAX_OPERATOR_CHARS, "an operator name")
}

fn check_printable(s: &str, max: usize, what: &str) -> Result<(), String> {
    let n = s.chars().count();
    if n == 0 || n > max {
        return Err(format!(
            "{what} must be 1 to {max} characters long (this one has {n})"
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(format!("{what} must contain printable characters only"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_pattern_accepts_and_rejects() {
        assert!(Slug::parse("twg-health").is_ok());
        assert!(Slug::parse("0.a_b-c").is_ok());
        assert!(Slug::parse(&"a".repeat(64)).is_ok());
        for bad in ["", "-a", "Health", "a b", "é", &"a".repeat(65), ".x"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn day_is_strict() {
        assert!(Day::parse("2009-09-11").is_ok());
        for bad in [
            "2009-9-11",
            "2009-02-30",
            "09-09-2009",
            "+2009-09-11",
            "0999-01-01",
            "2009-09-11T00:00:00Z",
            "2009-13-01",
            "2009-00-10",
            "2009-01-00",
            "2009-02-29",
            "2009-04-31",
        ] {
            assert!(Day::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        // Every day of a leap year and the years around it reads as the
        // calendar has it.
        let mut day = NaiveDate::from_ymd_opt(2007, 1, 1).unwrap();
        while chrono::Datelike::year(&day) < 2010 {
            let written = day.format("%Y-%m-%d").to_string();
            assert_eq!(Day::parse(&written).map(|d| d.0), Ok(day), "{written}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn text_rejects_control_characters_but_keeps_newlines() {
        assert!(Text::parse("two\nlines").is_ok());
        assert!(Text::parse("bell\u{7}").is_err());
        assert!(Name::parse("two\nlines").is_err());
        assert!(Text::parse("   ").is_err());
    }

    #[test]
    fn lang_tag_is_a_lowercase_primary_subtag() {
        assert!(LangTag::parse("km").is_ok());
        assert!(LangTag::parse("fil").is_ok());
        for bad in ["", "k", "KM", "km-KH", "khmer", "k1"] {
            assert!(LangTag::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
