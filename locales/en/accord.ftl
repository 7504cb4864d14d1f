# accord — English messages of the reports (Project Fluent).
# Each message id is also in locales/km/accord.ftl; a test checks that both
# catalogues hold the same ids and that the code uses every one of them.
# How to correct or add a translation: docs/languages.md.

## Months (dates read "11 Sep 2009")

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Vocabulary

agreement-draft = draft
agreement-adopted = adopted
agreement-revision-pending = revision pending
agreement-withdrawn = withdrawn
agreement-pending-short = pending
commitment-open = open
commitment-on-schedule = on schedule
commitment-behind-schedule = behind schedule
commitment-completed = completed
commitment-dropped = dropped
stage-planned = planned
stage-started = in progress
stage-completed = completed
swot-strengths = Strengths
swot-weaknesses = Weaknesses
swot-opportunities = Opportunities
swot-threats = Threats
theme-institutional-arrangements = Institutional arrangements
theme-enabling-environment = Enabling environment
theme-roles = Roles
theme-paris-principles = Paris Declaration principles
theme-other = Other
side-government = Government
side-development-partners = Development partners
side-civil-society = Civil society
side-private-sector = Private sector
side-academic = Academic
side-facilitators = Facilitators
side-one-government = government
side-one-development-partner = development partner
side-one-civil-society = civil society
side-one-private-sector = private sector
side-one-academic = academic
side-one-facilitator = facilitator
activities-training = Trainings
activities-case-study = Case studies
activities-resource = Resource-centre items
activities-specialist = Specialist support
activity-training = training
activity-case-study = case study
activity-resource = resource
activity-specialist = specialist support
meeting-strategic = strategic meeting
meeting-partnership = partnership meeting
meeting-retreat = retreat
meeting-steering = steering
meeting-other = other
kind-shared-goal = shared goal
kind-principles = principles
kind-terms-of-reference = terms of reference
kind-action-plan = action plan
kind-success-measures = success measures
kind-follow-up = follow-up
kinds-shared-goal = Shared goal
kinds-principles = Principles
kinds-terms-of-reference = Terms of reference
kinds-action-plan = Action plan
kinds-success-measures = Success measures
kinds-follow-up = Follow-up
channel-interviews = Interviews and focus groups
channel-meetings = Meetings
channel-reviews = Reviews (responses)
channel-activities = Activities
channel-other = Other

## Counted phrases

n-partnerships = { $n ->
    [one] { $n } partnership
   *[other] { $n } partnerships
}
n-agreements = { $n ->
    [one] { $n } agreement
   *[other] { $n } agreements
}
n-endorsements = { $n ->
    [one] { $n } endorsement
   *[other] { $n } endorsements
}
n-commitments = { $n ->
    [one] { $n } commitment
   *[other] { $n } commitments
}
n-activities = { $n ->
    [one] { $n } activity
   *[other] { $n } activities
}
n-meetings = { $n ->
    [one] { $n } meeting
   *[other] { $n } meetings
}
n-responses = { $n ->
    [one] { $n } response
   *[other] { $n } responses
}
n-interviews = { $n ->
    [one] { $n } interview
   *[other] { $n } interviews
}
n-review-responses = { $n ->
    [one] { $n } review response
   *[other] { $n } review responses
}
in-partnerships = in { $n ->
    [one] { $n } partnership
   *[other] { $n } partnerships
}
lit-interviews = { $n ->
    [one] { $n } interview or focus group held
   *[other] { $n } interviews and focus groups held
}
lit-agreements-adopted = { $n ->
    [one] { $n } agreement adopted
   *[other] { $n } agreements adopted
}
lit-agreements-revised = { $n ->
    [one] { $n } agreement revised
   *[other] { $n } agreements revised
}
lit-commitments-made = { $n ->
    [one] { $n } commitment made
   *[other] { $n } commitments made
}
lit-commitments-completed = { $n ->
    [one] { $n } commitment completed
   *[other] { $n } commitments completed
}
lit-reviews = { $n ->
    [one] { $n } review with responses
   *[other] { $n } reviews with responses
}
lit-responses = { $n ->
    [one] { $n } review response
   *[other] { $n } review responses
}
lit-activities = { $n ->
    [one] { $n } activity delivered
   *[other] { $n } activities delivered
}
lit-meetings = { $n ->
    [one] { $n } meeting held
   *[other] { $n } meetings held
}
lit-findings = { $n ->
    [one] { $n } finding recorded
   *[other] { $n } findings recorded
}

## The report's shared phrases

report-title = Stage { $stage } progress snapshot
more-rows = The first { $shown } of { $all }; all are in the JSON report (`--format json`).
as-of-given = date requested
as-of-stage-completed = the stage's completion
as-of-today = today; the stage has not been completed
period-none = none (as of { $to })
period-from-start = from the start of the record to { $to }
since-stage-end = since the end of stage { $stage } ({ $date })
since-start-stage-open = since the start of the record (stage { $stage } had not been completed)
since-start = since the start of the record
actual-completed = { $range } (completed)
actual-late = started { $from }; in progress, { $n ->
    [one] { $n } day
   *[other] { $n } days
} past its planned end
actual-running = started { $from }; in progress
actual-not-started = not started
agreement-note-pending = version { $version } awaits endorsement by both sides; version { $in_force } stays in force
agreement-note-draft = not yet endorsed by both a government and a development-partner organisation
agreement-note-withdrawn = withdrawn; nothing is in force
version-n = version { $version }
changed-established = Partnerships established
changed-closed = Partnerships closed
changed-joined = Organisations joined
changed-left = Organisations left
changed-proposed = Agreements proposed
changed-adopted = Agreements adopted (a version newly in force)
changed-revised = Agreements revised
changed-withdrawn = Agreements withdrawn
changed-made = Commitments made
changed-completed = Commitments completed
changed-dropped = Commitments dropped
changed-overdue = Commitments that became overdue
changed-reviews = Reviews that received responses
changed-findings = Findings recorded
findings-none-new = No findings were recorded in the reporting period; { $n ->
    [one] { $n } finding
   *[other] { $n } findings
} from earlier stand on { $date }, counted by theme below.
findings-earlier = ; with those from earlier, { $total } stand on { $date } (by theme below)
findings-intro = The { $n ->
    [one] { $n } finding
   *[other] { $n } findings
} recorded in the reporting period, as a SWOT analysis{ $earlier }.
agreements-intro = { $n ->
    [one] { $n } agreement
   *[other] { $n } agreements
} in force of { $all } recorded: { $adopted } adopted, { $pending } with a revision pending (an earlier version stays in force), { $draft } draft, { $withdrawn } withdrawn. A version is adopted when people of both a government and a development-partner organisation have endorsed its text.

## Masthead, key figures and footer

list-and = and
full-stop = .
commissioned-by = commissioned by
facilitated-by = facilitated by
objective-colon = Objective:
objective-heading = Objective.
stage-of = { $stage } of { $count }
stage-of-capital = Stage { $stage } of { $count }
eyebrow = Progress snapshot
as-of-date = as of { $date }
head-seq = seq { $seq }
fact-stage = Stage
fact-as-of = As of
fact-period = Reporting period
fact-planned = Planned
fact-actual = Actual
fact-head = Built from log head
key-figures = Key figures
card-engaged = Partnerships engaged
card-engaged-note = in the reporting period
card-in-force = Agreements in force
card-in-force-note = of { $all }; { $draft } draft, { $pending } pending revision{ $signed }
card-signed = ; { $signed } of { $all } endorsements signed
card-overdue = Commitments overdue
card-overdue-note = of { $all }; { $completed } completed
card-reviews = Reviews overdue
card-reviews-note = next review date passed; { $reviewed } reviewed, { $not_yet } not yet reviewed
card-diverging = Diverging views
card-diverging-note = partnerships whose sides differ
n-overdue = { $n } overdue
kf-engaged = engaged in the period, of { $all }.
kf-in-force = in force, of { $all } recorded ({ $draft } draft, { $pending } revision pending, { $withdrawn } withdrawn).
kf-endorsements = standing: { $signed } signed, { $unsigned } unsigned.
kf-commitments = : { $completed } completed, { $on_schedule } on schedule, { $behind } behind schedule, { $open } open, { $dropped } dropped;
kf-reviewed = reviewed, { $not_yet } not yet reviewed; reviews overdue (the next review date passed) in { $past_due ->
    [one] { $past_due } partnership
   *[other] { $past_due } partnerships
}; government and development partners diverge in { $diverging ->
    [one] { $diverging } partnership
   *[other] { $diverging } partnerships
}.
kf-activities = delivered and { $meetings ->
    [one] { $meetings } meeting
   *[other] { $meetings } meetings
} held in the period; { $findings ->
    [one] { $findings } finding
   *[other] { $findings } findings
} recorded ({ $new } new).
names-prefix = Partnership names are shown without the words they all begin with, “{ $log }”.
footer-md-built = Built by accord from the event log up to seq { $seq } (head
footer-md-same = ), as of { $date }. The same log always gives this same report;
footer-md-proves = proves the log still holds everything it was built from.
footer-source = Source.
footer-html-built = Built by accord from the programme's event log up to seq { $seq }, head
footer-html-same = , as of { $date }. The same log always gives this same report. To check that the log still holds everything this report was built from, run

## The stage

section-stage-md = The stage: intended and achieved
section-stage = The stage: planned, intended and achieved
stage-no-intended = No intended achievements were recorded for this stage.
stage-intended-colon = Intended achievements:
stage-not-completed = The stage had not been completed by { $date }.
stage-summary-colon = Completion summary:
stage-intended = Intended achievements
stage-none-intended = None were recorded for this stage.
stage-achieved = Achieved
stage-recorded-on-completion = Recorded on completion, { $date }
stage-in-period = In the reporting period
figure-timeline = Figure 1. The programme's stages as planned and as carried out; the dashed line marks the date of this snapshot.
from-date = from { $date }
col-stage = Stage
col-planned = Planned
col-actual = Actual
col-status = Status

## Coverage

section-coverage = Coverage
coverage-engaged = { $engaged } of { $all }
coverage-intro-md = partnerships were engaged in the reporting period ({ $period }). Partnerships reached, and in brackets the people who took part, by side:
coverage-intro = partnerships were engaged in the reporting period ({ $period }). The table counts the partnerships each channel reached and, for each side, the partnerships where that side took part, with the number of people in brackets.
col-channel = Channel
col-held = Held
col-reached = Partnerships reached
programme-wide = { $n } programme-wide
not-engaged = Not engaged in the period:

## Review scores

section-scores = Review scores
scores-none = No partnership had a review with responses by { $date }.
not-yet-reviewed = Not yet reviewed ({ $n }):
criteria-keys = The criteria are the review framework's; in the JSON report
criteria-keyed = they are keyed
scores-scale = {" "}on a scale of { $min } to { $max }
scores-changed-md = , with the change { $since } in brackets
scores-intro-md = Mean score of each partnership's latest review{ $scale }{ $changed }. Marked † where government and development partners differ by at least half the scale.
scores-with-change = , with the change
figure-heat-map = Figure 2. Mean score{ $scale } of each partnership's latest review
figure-heat-map-outline = A dashed outline marks a criterion on which the government and development-partner means differ by at least half the scale.
col-partnership = Partnership
col-latest-review = Latest review
no-new-review = no new review
score-trends = Score trends
trends-single = A trend needs two reviews with responses; { $n ->
    [one] { $n } partnership
   *[other] { $n } partnerships
} had one by { $date }, so { $n ->
    [one] it has
   *[other] they have
} no chart:
figure-trends = Figure 3. Each criterion's mean, review by review, on a common time axis; lines a little apart where they would coincide
figure-trends-since = ; the dotted red line marks the end of the previous stage

## Agreements

section-agreements = Agreements
agreements-none = No agreements had been proposed by { $date }.
agreements-cells-md = Each cell gives the status and the date the version in force was adopted (v2: a revised version); more than three of a kind are counted by status.
agreements-cells = Each cell shows an agreement's status and the date its version in force was adopted (v2: a revised version); more than three of a kind are counted by status (pending: a revision awaits endorsement, an earlier version stays in force).
agreements-kinds-left-out = Kinds of agreement no partnership has recorded are left out.
not-fully-in-force = Not fully in force ({ $n })
col-agreement = Agreement
col-note = Note

## Commitments

section-commitments = Commitments
commitments-none = No commitments had been made by { $date }.
figure-commitments = Figure 4. Commitments by status: all partnerships (top, as shares of { $all }), then each partnership with commitments; the number on the right counts those overdue on { $date }.
commitments-none-overdue = No commitment was overdue on { $date }.
overdue-on = Overdue on { $date }
status-reported = { $status } (reported)
overdue = overdue
col-commitment = Commitment
col-owner = Owner
col-due = Due
due-on = due { $date }
reviews-overdue-md = Reviews overdue, the next review date passed ({ $n }):
reviews-overdue-note = Partnerships whose next review date has passed:
reviews-overdue = Reviews overdue ({ $n })
all-partnerships = All partnerships
col-open = Open
col-on-schedule = On schedule
col-behind-schedule = Behind schedule
col-completed = Completed
col-dropped = Dropped
col-overdue = Overdue

## Diverging views and findings

colon = :
section-diverging = Diverging views
diverging-none-md = In no latest review did government and development partners differ by half the scale or more.
diverging-none = In no partnership's latest review did government and development partners differ by half the scale or more.
diverging-intro = Criteria on which the government and development-partner means of a partnership's latest review differ by at least half the scale
diverging-ask-why = the sides see the partnership differently, and the steering committee may wish to ask why.
col-criterion = Criterion
col-gap = Gap
section-findings = Findings
findings-none = No findings had been recorded by { $date }.
none-recorded = None recorded.
programme = Programme
findings-most-recent = The { $shown } most recent of { $all }; all are in the JSON report.
by-theme = By theme
standing-on = standing on { $date }
col-theme = Theme
col-all = All
col-new = Of which new
findings-by-theme-note = Findings standing on { $date }, by theme and SWOT quadrant; “of which new” were recorded in the reporting period.

## Activities, what changed, the annex

section-activities = Activities and meetings
col-activity = Activity
col-in-period = In the period
col-participants = Participants
col-to-date = To date
col-date = Date
col-kind = Kind
col-partnerships = Partnerships
col-meeting = Meeting
col-attendees = Attendees
delivered-in-period = Delivered in the period
meetings-in-period = Meetings held in the period
meetings-none = No meetings were recorded in the period.
section-changes = What changed { $since }
changes-none = Nothing was recorded in the period.
col-change = Change
col-number = Number
col-details = Details
section-annex = Annex: partnerships at a glance
annex-intro = One line per partnership: agreements in force, commitments completed and overdue, when its next review is due, and how it was engaged in the reporting period.
not-yet-reviewed-short = not yet reviewed
closed = closed
not-engaged-short = not engaged
a-of-b = { $a } of { $b }
annex-all = All { $n } partnerships
annex-reviews = { $past_due } overdue, { $not_yet } not yet reviewed
annex-engaged = { $n } engaged
col-commitments-completed = Commitments completed
col-next-review = Next review
col-engaged-through = Engaged in the period through

## Translations of recorded content

section-translations = Translations
translations-note = ‡ marks a translation recorded in the log: a reading aid. What was recorded, and for an agreement what was endorsed and signed, is the original text.
translation-by = translated by { $log }, recorded { $date } (seq { $seq })
lang-km = Khmer
lang-en = English

## accord status

status-no-programme = Programme (not yet defined)
status-as-of = As of { $date }
status-stages = Stages
status-no-stages = No stages planned.
status-started = Started
status-current = current
status-counts = Counts
status-count-partnerships = Partnerships { $partnerships } ({ $closed } closed) · organisations { $organisations } · people { $people }
status-count-agreements = Agreements: { $adopted } adopted, { $pending } revision pending, { $draft } draft, { $withdrawn } withdrawn
status-count-commitments = Commitments: { $open } open, { $on_schedule } on schedule, { $behind } behind schedule, { $completed } completed, { $dropped } dropped
status-count-reviews = Reviews { $reviews } · findings { $findings } · interviews { $interviews } · meetings { $meetings } · activities { $activities }
status-overdue-commitments = Overdue commitments
status-reviews-overdue = Reviews overdue
status-none = None.
status-no-partnerships = No partnerships yet.
status-adopted = Adopted
status-reviewed = Reviewed
status-review = Review
status-diverging = Diverging
status-diverging-criteria = Diverging criteria
status-key =
    Adopted: agreements with a version in force / all. Reviewed: when the latest
    review with responses was opened. Overdue: commitments past their due date.
    Diverging: criteria on which government and development partners differ by
    half the scale or more (listed above).

## The log head every text report ends with

footer-log-head = Log head: seq { $seq } { $hash }{ $known }
footer-known-at = , as known at { $at }

## Words of the text reports (show, history, audit)

role-chair = chair
role-lead-facilitator = lead facilitator
role-co-facilitator = co-facilitator
role-secretariat = secretariat
role-member = member
act-proposed = proposed
act-endorsed = endorsed
act-revised = revised
act-withdrew = withdrew
act-responded = responded to
act-reported = reported on
review-health-check = health check
review-annual = annual review
review-self-assessment = self assessment
review-external = external
review-title-health-check = Health check
review-title-annual = Annual review
review-title-self-assessment = Self-assessment
review-title-external = External review
swot-one-strength = Strength
swot-one-weakness = Weakness
swot-one-opportunity = Opportunity
swot-one-threat = Threat
swot-text-strength = strength
swot-text-weakness = weakness
swot-text-opportunity = opportunity
swot-text-threat = threat
theme-text-institutional-arrangements = institutional arrangements
theme-text-enabling-environment = enabling environment
theme-text-roles = roles
theme-text-paris-principles = paris principles
theme-text-other = other
yes = yes
no = no
diverges = diverges
diff-legend = [-removed-] {"{"}+added+{"}"}
col-id = Id
col-organisation = Organisation
col-side = Side
col-role = Role
col-since = Since
col-title = Title
col-current = Current
col-in-force = In force
col-adopted = Adopted
col-version = Version
col-person = Person
col-for = For
col-on = On
col-swot = SWOT
col-finding = Finding
col-from = From
col-until = Until
col-joined = Joined
col-left = Left

## accord show

show-as-of = As of { $date } · established { $established }
show-as-of-hosted = As of { $date } · established { $established } · hosted by { $host }
show-closed = Closed on { $date }: nothing more is recorded on it
show-members = Members
show-no-members = No current members.
show-former-members = Former members: { $list }
show-left = { $name } (left { $date })
show-agreements = Agreements
show-no-agreements = No agreements yet.
show-endorsements = Endorsements
show-latest-review = Latest review
show-latest-review-of = Latest review: { $review }
show-no-review = No review with responses yet.
show-review-overdue = Review overdue: { $answer }
show-review-overdue-why = Review overdue: { $answer } ({ $why })
show-why-next-due = next review due { $date }
show-why-no-next = the latest review set no next date
show-why-stage = no review since a programme stage was completed
show-review-opened = { $kind } opened { $opened }; { $n } response(s), framework { $framework }
show-review-concluded = { $kind } opened { $opened }, concluded { $concluded }; { $n } response(s), framework { $framework }
show-diverging = Diverging: government and development partners' means differ by { $gap } or more on { $criteria }.
show-commitments = Commitments
show-no-commitments = No commitments yet.
show-findings = Findings
show-no-findings = No findings yet.

## accord history (one sentence per change)

history-title = History of { $name } ({ $partnership })
history-count = { $n } change(s) up to { $date }, in date order
history-changes = Changes
history-no-changes = No changes.
history-what-changed = What changed from v{ $version }, word by word ({ $legend }):
history-same-words = The text's words are those of v{ $version } (spacing or line breaks only).
history-no-reviews = No review has responses yet.
history-means = Means over all respondents; `--json` gives them unrounded and by side.
change-established = Partnership '{ $name }' established
change-established-hosted = Partnership '{ $name }' established, hosted by { $host }
change-joined = { $org } joined as { $role }
change-left = { $org } left: { $reason }
change-closed = Partnership closed: { $reason }
change-proposed = Agreement '{ $title }' ({ $kind }) proposed by { $by }
change-adopted = Agreement '{ $title }' v{ $version } adopted: endorsed by { $government } (government) and { $partners } (development partner)
change-endorsed = Agreement '{ $title }' v{ $version } endorsed by { $by }
change-endorsed-at = Agreement '{ $title }' v{ $version } endorsed by { $by } at { $forum }
change-revised = Agreement '{ $title }' revised to v{ $version } by { $by }: { $reason }
change-revised-renamed = Agreement '{ $title }' revised to v{ $version } by { $by }, now titled '{ $new_title }': { $reason }
change-withdrawn = Agreement '{ $title }' withdrawn by { $by }: { $reason }
change-review-opened = Review '{ $review }' opened ({ $kind }, framework { $framework })
change-review-opened-due = Review '{ $review }' opened ({ $kind }, framework { $framework }); next review due { $due }
change-responded = { $by } responded to review '{ $review }'
change-review-concluded = Review '{ $review }' concluded: { $summary }
change-finding = Finding ({ $swot }, { $theme }): { $text }
change-commitment-made = Commitment '{ $commitment }' made by { $owner }, due { $due }: { $text }
change-commitment-reported = Commitment '{ $commitment }' reported { $status }{ $by }{ $note }
change-reported-by = {" "}by { $person }
change-note = : { $note }
change-rescheduled = Commitment '{ $commitment }' rescheduled from { $from } to { $to }: { $reason }
change-interview = Interview held with the { $side } side
change-focus-group = Focus group held with the { $side } side
change-meeting = Meeting held ({ $kind }): { $title }
change-activity = Activity delivered ({ $kind }): { $title }

## accord audit

audit-agreement-title = Audit of agreement { $agreement }: { $title }
audit-agreement-line = { $kind } in { $partnership } · { $status } · { $in_force }
audit-in-force = v{ $version } in force
audit-nothing-in-force = nothing in force
audit-withdrawn = Withdrawn
audit-by = by { $name } ({ $person })
audit-for = for { $whom }
audit-no-org = no organisation on record
audit-recorded = seq { $seq } · by { $by } at { $at }
audit-recorded-id = seq { $seq } · id { $id } · by { $by } at { $at }
audit-retracted = Retracted (counted nowhere)
audit-retracted-event = { $kind }{ $version }{ $who }, seq { $seq }
audit-of-version = {" "}of v{ $version }
audit-by-person = {" "}by { $name } ({ $person })
audit-retracted-reason = retracted: { $reason }
audit-version-adopted = Version { $version } — adopted { $date }
audit-version-not-adopted = Version { $version } — not adopted
audit-label-title = Title:
audit-label-proposed-by = Proposed by:
audit-label-revised-by = Revised by:
audit-label-reason = Reason:
audit-label-recorded = Recorded:
audit-label-sha = Text SHA-256:
audit-label-changes = Changes:
audit-label-text = Text:
audit-label-translation = Translation:
audit-translation-note = ‡ translated into { $lang } by { $by }, recorded { $date } (seq { $seq }): a reading aid. The endorsed text is the original above, SHA-256 { $sha }.
audit-proposed = { $name } ({ $person }) for { $whom } on { $date }
audit-changes-from = from v{ $version }, word by word: { $legend }
audit-changes-none = from v{ $version }: none in the words (spacing or line breaks only)
audit-no-endorsements = No endorsements.
audit-endorsed-by = Endorsed by:
audit-at = at { $forum }
audit-unsigned = unsigned
audit-signed = signed with { $fingerprint } (verified)
audit-signed-bad = signed with { $fingerprint } — DOES NOT VERIFY (run `accord verify`)
audit-no-acts = No acts recorded.
audit-act = { $act } { $subject }
audit-act-version = { $act } { $subject } v{ $version }
audit-act-in = { $what } in { $partnership }{ $who }
audit-person-title = Audit of { $name } ({ $person })
audit-posts = Posts
audit-acts = Acts
audit-side = Side: { $side }
audit-people = People
audit-nobody = Nobody registered.
audit-memberships = Memberships
audit-no-memberships = Not a partner anywhere.
audit-acts-for = Acts done for it
audit-commitments-owned = Commitments it owns

## The charts of the HTML report (titles, axes, legends)

chart-timeline-title = Stage timeline: planned and actual dates, as of { $date }
chart-as-of = As of { $date }
chart-planned = Planned
chart-actual = Actual
chart-in-progress = In progress
chart-heat-map-title = Heat map: mean score per criterion of each partnership's latest review, as of { $date }
chart-reviewed = Reviewed
chart-score = Score
chart-sides-diverge = sides diverge
chart-change-since = ▲▼ change since previous stage
chart-commitments-title = Commitments by status, as of { $date }
chart-all-partnerships = All partnerships ({ $n })
chart-trend-title = Score trend: { $name }
chart-n-reviews = { $n ->
    [one] { $n } review
   *[other] { $n } reviews
}
chart-trend-latest = { $reviews } · latest { $date }
