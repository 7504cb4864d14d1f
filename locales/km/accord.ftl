# accord — សារជាភាសាខ្មែរនៃរបាយការណ៍ (Project Fluent)។
# Khmer messages of the reports.
#
# AWAITING REVIEW BY A NATIVE SPEAKER. These translations were written for a
# first version and have not yet been checked by a Khmer-speaking reader of
# the programme's documents. Terms follow the Royal Government of Cambodia's
# aid-coordination vocabulary (CDC/CRDB): Technical Working Group =
# ក្រុមការងារបច្ចេកទេស, development partner = ដៃគូអភិវឌ្ឍន៍, Joint
# Monitoring Indicator = សូចនាករតាមដានរួម, Royal Government of Cambodia =
# រាជរដ្ឋាភិបាលកម្ពុជា. Corrections are welcome: see docs/languages.md.
#
# Every message id here is also in locales/en/accord.ftl (a test checks).
# Khmer has no plural forms: counted phrases have one form.

## ខែ (Months)

month-1 = មករា
month-2 = កុម្ភៈ
month-3 = មីនា
month-4 = មេសា
month-5 = ឧសភា
month-6 = មិថុនា
month-7 = កក្កដា
month-8 = សីហា
month-9 = កញ្ញា
month-10 = តុលា
month-11 = វិច្ឆិកា
month-12 = ធ្នូ

## វាក្យសព្ទ (Vocabulary)

agreement-draft = សេចក្តីព្រាង
agreement-adopted = បានអនុម័ត
agreement-revision-pending = រង់ចាំការកែសម្រួល
agreement-withdrawn = បានដកចេញ
agreement-pending-short = រង់ចាំ
commitment-open = មិនទាន់ចាប់ផ្តើម
commitment-on-schedule = តាមកាលវិភាគ
commitment-behind-schedule = យឺតពីកាលវិភាគ
commitment-completed = បានបញ្ចប់
commitment-dropped = បានបោះបង់
stage-planned = បានគ្រោងទុក
stage-started = កំពុងដំណើរការ
stage-completed = បានបញ្ចប់
swot-strengths = ចំណុចខ្លាំង
swot-weaknesses = ចំណុចខ្សោយ
swot-opportunities = ឱកាស
swot-threats = ហានិភ័យ
theme-institutional-arrangements = ការរៀបចំស្ថាប័ន
theme-enabling-environment = បរិយាកាសអំណោយផល
theme-roles = តួនាទី
theme-paris-principles = គោលការណ៍នៃសេចក្តីប្រកាសប៉ារីស
theme-other = ផ្សេងៗ
side-government = រដ្ឋាភិបាល
side-development-partners = ដៃគូអភិវឌ្ឍន៍
side-civil-society = សង្គមស៊ីវិល
side-private-sector = វិស័យឯកជន
side-academic = ស្ថាប័នសិក្សា
side-facilitators = អ្នកសម្របសម្រួល
side-one-government = រដ្ឋាភិបាល
side-one-development-partner = ដៃគូអភិវឌ្ឍន៍
side-one-civil-society = សង្គមស៊ីវិល
side-one-private-sector = វិស័យឯកជន
side-one-academic = ស្ថាប័នសិក្សា
side-one-facilitator = អ្នកសម្របសម្រួល
activities-training = វគ្គបណ្តុះបណ្តាល
activities-case-study = ករណីសិក្សា
activities-resource = ឯកសារមជ្ឈមណ្ឌលធនធាន
activities-specialist = ការគាំទ្រពីអ្នកជំនាញ
activity-training = វគ្គបណ្តុះបណ្តាល
activity-case-study = ករណីសិក្សា
activity-resource = ឯកសារធនធាន
activity-specialist = ការគាំទ្រពីអ្នកជំនាញ
meeting-strategic = កិច្ចប្រជុំយុទ្ធសាស្ត្រ
meeting-partnership = កិច្ចប្រជុំភាពជាដៃគូ
meeting-retreat = សិក្ខាសាលាពិគ្រោះយោបល់
meeting-steering = កិច្ចប្រជុំគណៈកម្មាធិការដឹកនាំ
meeting-other = ផ្សេងៗ
kind-shared-goal = គោលដៅរួម
kind-principles = គោលការណ៍
kind-terms-of-reference = លក្ខខណ្ឌការងារ
kind-action-plan = ផែនការសកម្មភាព
kind-success-measures = រង្វាស់នៃភាពជោគជ័យ
kind-follow-up = ការតាមដាន
kinds-shared-goal = គោលដៅរួម
kinds-principles = គោលការណ៍
kinds-terms-of-reference = លក្ខខណ្ឌការងារ
kinds-action-plan = ផែនការសកម្មភាព
kinds-success-measures = រង្វាស់នៃភាពជោគជ័យ
kinds-follow-up = ការតាមដាន
channel-interviews = បទសម្ភាសន៍ និងក្រុមពិភាក្សា
channel-meetings = កិច្ចប្រជុំ
channel-reviews = ការពិនិត្យឡើងវិញ (ចម្លើយ)
channel-activities = សកម្មភាព
channel-other = ផ្សេងៗ

## ឃ្លាដែលមានចំនួន (Counted phrases)

n-partnerships = ភាពជាដៃគូ { $n }
n-agreements = កិច្ចព្រមព្រៀង { $n }
n-endorsements = ការយល់ព្រម { $n }
n-commitments = ការប្តេជ្ញាចិត្ត { $n }
n-activities = សកម្មភាព { $n }
n-meetings = កិច្ចប្រជុំ { $n }
n-responses = ចម្លើយ { $n }
n-interviews = បទសម្ភាសន៍ { $n }
n-review-responses = ចម្លើយលើការពិនិត្យឡើងវិញ { $n }
in-partnerships = ក្នុងភាពជាដៃគូ { $n }
lit-interviews = បទសម្ភាសន៍ និងក្រុមពិភាក្សាដែលបានធ្វើ { $n }
lit-agreements-adopted = កិច្ចព្រមព្រៀងដែលបានអនុម័ត { $n }
lit-agreements-revised = កិច្ចព្រមព្រៀងដែលបានកែសម្រួល { $n }
lit-commitments-made = ការប្តេជ្ញាចិត្តថ្មី { $n }
lit-commitments-completed = ការប្តេជ្ញាចិត្តដែលបានបញ្ចប់ { $n }
lit-reviews = ការពិនិត្យឡើងវិញដែលមានចម្លើយ { $n }
lit-responses = ចម្លើយលើការពិនិត្យឡើងវិញ { $n }
lit-activities = សកម្មភាពដែលបានអនុវត្ត { $n }
lit-meetings = កិច្ចប្រជុំដែលបានធ្វើ { $n }
lit-findings = លទ្ធផលរកឃើញដែលបានកត់ត្រា { $n }

## ឃ្លារួមនៃរបាយការណ៍ (The report's shared phrases)

report-title = របាយការណ៍វឌ្ឍនភាព ដំណាក់កាលទី { $stage }
more-rows = បង្ហាញ { $shown } ដំបូងក្នុងចំណោម { $all }; ទាំងអស់មាននៅក្នុងរបាយការណ៍ JSON (`--format json`)។
as-of-given = កាលបរិច្ឆេទដែលបានស្នើ
as-of-stage-completed = ការបញ្ចប់ដំណាក់កាល
as-of-today = ថ្ងៃនេះ; ដំណាក់កាលមិនទាន់បញ្ចប់ទេ
period-none = គ្មាន (គិតត្រឹម { $to })
period-from-start = ពីការចាប់ផ្តើមកំណត់ត្រា ដល់ { $to }
since-stage-end = តាំងពីចុងដំណាក់កាលទី { $stage } ({ $date })
since-start-stage-open = តាំងពីការចាប់ផ្តើមកំណត់ត្រា (ដំណាក់កាលទី { $stage } មិនទាន់បញ្ចប់)
since-start = តាំងពីការចាប់ផ្តើមកំណត់ត្រា
actual-completed = { $range } (បានបញ្ចប់)
actual-late = ចាប់ផ្តើម { $from }; កំពុងដំណើរការ ហួសកាលបរិច្ឆេទបញ្ចប់តាមគម្រោង { $n } ថ្ងៃ
actual-running = ចាប់ផ្តើម { $from }; កំពុងដំណើរការ
actual-not-started = មិនទាន់ចាប់ផ្តើម
agreement-note-pending = កំណែទី { $version } រង់ចាំការយល់ព្រមពីភាគីទាំងពីរ; កំណែទី { $in_force } នៅតែមានប្រសិទ្ធភាព
agreement-note-draft = មិនទាន់មានការយល់ព្រមពីស្ថាប័នរដ្ឋាភិបាល និងស្ថាប័នដៃគូអភិវឌ្ឍន៍ទាំងពីរ
agreement-note-withdrawn = បានដកចេញ; គ្មានអ្វីមានប្រសិទ្ធភាពទេ
version-n = កំណែទី { $version }
changed-established = ភាពជាដៃគូដែលបានបង្កើត
changed-closed = ភាពជាដៃគូដែលបានបិទ
changed-joined = ស្ថាប័នដែលបានចូលរួម
changed-left = ស្ថាប័នដែលបានចាកចេញ
changed-proposed = កិច្ចព្រមព្រៀងដែលបានស្នើ
changed-adopted = កិច្ចព្រមព្រៀងដែលបានអនុម័ត (កំណែថ្មីមានប្រសិទ្ធភាព)
changed-revised = កិច្ចព្រមព្រៀងដែលបានកែសម្រួល
changed-withdrawn = កិច្ចព្រមព្រៀងដែលបានដកចេញ
changed-made = ការប្តេជ្ញាចិត្តថ្មី
changed-completed = ការប្តេជ្ញាចិត្តដែលបានបញ្ចប់
changed-dropped = ការប្តេជ្ញាចិត្តដែលបានបោះបង់
changed-overdue = ការប្តេជ្ញាចិត្តដែលបានហួសកាលកំណត់
changed-reviews = ការពិនិត្យឡើងវិញដែលបានទទួលចម្លើយ
changed-findings = លទ្ធផលរកឃើញដែលបានកត់ត្រា
findings-none-new = គ្មានលទ្ធផលរកឃើញត្រូវបានកត់ត្រាក្នុងរយៈពេលរបាយការណ៍ទេ; លទ្ធផលរកឃើញ { $n } ពីមុននៅតែមាននៅថ្ងៃទី { $date } ដែលរាប់តាមប្រធានបទខាងក្រោម។
findings-earlier = ; រួមទាំងលទ្ធផលពីមុន មាន { $total } នៅថ្ងៃទី { $date } (តាមប្រធានបទខាងក្រោម)
findings-intro = លទ្ធផលរកឃើញ { $n } ដែលបានកត់ត្រាក្នុងរយៈពេលរបាយការណ៍ ជាការវិភាគ SWOT{ $earlier }។
agreements-intro = កិច្ចព្រមព្រៀង { $n } មានប្រសិទ្ធភាព ក្នុងចំណោម { $all } ដែលបានកត់ត្រា៖ បានអនុម័ត { $adopted }, រង់ចាំការកែសម្រួល { $pending } (កំណែមុននៅតែមានប្រសិទ្ធភាព), សេចក្តីព្រាង { $draft }, បានដកចេញ { $withdrawn }។ កំណែមួយត្រូវបានអនុម័ត នៅពេលដែលមនុស្សមកពីស្ថាប័នរដ្ឋាភិបាល និងស្ថាប័នដៃគូអភិវឌ្ឍន៍ បានយល់ព្រមលើអត្ថបទរបស់វា។

## ក្បាលរបាយការណ៍ តួលេខសំខាន់ៗ និងចុងរបាយការណ៍ (Masthead, key figures, footer)

list-and = និង
full-stop = ។
commissioned-by = ដែលបានស្នើដោយ
facilitated-by = សម្របសម្រួលដោយ
objective-colon = គោលបំណង៖
objective-heading = គោលបំណង។
stage-of = { $stage } ក្នុងចំណោម { $count }
stage-of-capital = ដំណាក់កាលទី { $stage } ក្នុងចំណោម { $count }
eyebrow = របាយការណ៍វឌ្ឍនភាព
as-of-date = គិតត្រឹម { $date }
head-seq = លេខរៀង { $seq }
fact-stage = ដំណាក់កាល
fact-as-of = គិតត្រឹម
fact-period = រយៈពេលរបាយការណ៍
fact-planned = តាមគម្រោង
fact-actual = ជាក់ស្តែង
fact-head = បង្កើតពីក្បាលកំណត់ហេតុ
key-figures = តួលេខសំខាន់ៗ
card-engaged = ភាពជាដៃគូដែលបានចូលរួម
card-engaged-note = ក្នុងរយៈពេលរបាយការណ៍
card-in-force = កិច្ចព្រមព្រៀងមានប្រសិទ្ធភាព
card-in-force-note = ក្នុងចំណោម { $all }; សេចក្តីព្រាង { $draft }, រង់ចាំការកែសម្រួល { $pending }{ $signed }
card-signed = ; ការយល់ព្រម { $signed } ក្នុងចំណោម { $all } មានហត្ថលេខា
card-overdue = ការប្តេជ្ញាចិត្តហួសកាលកំណត់
card-overdue-note = ក្នុងចំណោម { $all }; បានបញ្ចប់ { $completed }
card-reviews = ការពិនិត្យឡើងវិញហួសកាលកំណត់
card-reviews-note = ហួសកាលបរិច្ឆេទពិនិត្យបន្ទាប់; បានពិនិត្យ { $reviewed }, មិនទាន់ពិនិត្យ { $not_yet }
card-diverging = ទស្សនៈខុសគ្នា
card-diverging-note = ភាពជាដៃគូដែលភាគីមានទស្សនៈខុសគ្នា
n-overdue = ហួសកាលកំណត់ { $n }
kf-engaged = បានចូលរួមក្នុងរយៈពេលនេះ ក្នុងចំណោម { $all }។
kf-in-force = មានប្រសិទ្ធភាព ក្នុងចំណោម { $all } ដែលបានកត់ត្រា (សេចក្តីព្រាង { $draft }, រង់ចាំការកែសម្រួល { $pending }, បានដកចេញ { $withdrawn })។
kf-endorsements = នៅមានសុពលភាព៖ មានហត្ថលេខា { $signed }, គ្មានហត្ថលេខា { $unsigned }។
kf-commitments = ៖ បានបញ្ចប់ { $completed }, តាមកាលវិភាគ { $on_schedule }, យឺតពីកាលវិភាគ { $behind }, មិនទាន់ចាប់ផ្តើម { $open }, បានបោះបង់ { $dropped };
kf-reviewed = បានពិនិត្យ, មិនទាន់ពិនិត្យ { $not_yet }; ការពិនិត្យហួសកាលកំណត់ (ហួសកាលបរិច្ឆេទពិនិត្យបន្ទាប់) ក្នុងភាពជាដៃគូ { $past_due }; រដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍មានទស្សនៈខុសគ្នាក្នុងភាពជាដៃគូ { $diverging }។
kf-activities = បានអនុវត្ត និងកិច្ចប្រជុំ { $meetings } បានធ្វើក្នុងរយៈពេលនេះ; លទ្ធផលរកឃើញ { $findings } បានកត់ត្រា (ថ្មី { $new })។
names-prefix = ឈ្មោះភាពជាដៃគូត្រូវបានបង្ហាញដោយគ្មានពាក្យដែលឈ្មោះទាំងអស់ចាប់ផ្តើម “{ $log }”។
footer-md-built = បង្កើតដោយ accord ពីកំណត់ហេតុព្រឹត្តិការណ៍ រហូតដល់លេខរៀង { $seq } (ក្បាល
footer-md-same = ) គិតត្រឹម { $date }។ កំណត់ហេតុដដែលតែងតែផ្តល់របាយការណ៍ដដែលនេះ;
footer-md-proves = បញ្ជាក់ថាកំណត់ហេតុនៅតែមានអ្វីៗទាំងអស់ដែលរបាយការណ៍នេះបានបង្កើតពី។
footer-source = ប្រភព។
footer-html-built = បង្កើតដោយ accord ពីកំណត់ហេតុព្រឹត្តិការណ៍របស់កម្មវិធី រហូតដល់លេខរៀង { $seq } ក្បាល
footer-html-same = គិតត្រឹម { $date }។ កំណត់ហេតុដដែលតែងតែផ្តល់របាយការណ៍ដដែលនេះ។ ដើម្បីពិនិត្យថាកំណត់ហេតុនៅតែមានអ្វីៗទាំងអស់ដែលរបាយការណ៍នេះបានបង្កើតពី សូមដំណើរការ

## ដំណាក់កាល (The stage)

section-stage-md = ដំណាក់កាល៖ អ្វីដែលគ្រោងសម្រេច និងអ្វីដែលបានសម្រេច
section-stage = ដំណាក់កាល៖ គម្រោង អ្វីដែលគ្រោងសម្រេច និងអ្វីដែលបានសម្រេច
stage-no-intended = មិនមានសមិទ្ធផលដែលគ្រោងទុកត្រូវបានកត់ត្រាសម្រាប់ដំណាក់កាលនេះទេ។
stage-intended-colon = សមិទ្ធផលដែលគ្រោងទុក៖
stage-not-completed = ដំណាក់កាលនេះមិនទាន់បញ្ចប់នៅថ្ងៃទី { $date } ទេ។
stage-summary-colon = សេចក្តីសង្ខេបនៃការបញ្ចប់៖
stage-intended = សមិទ្ធផលដែលគ្រោងទុក
stage-none-intended = មិនមានត្រូវបានកត់ត្រាសម្រាប់ដំណាក់កាលនេះទេ។
stage-achieved = អ្វីដែលបានសម្រេច
stage-recorded-on-completion = កត់ត្រានៅពេលបញ្ចប់ { $date }
stage-in-period = ក្នុងរយៈពេលរបាយការណ៍
figure-timeline = រូបភាពទី ១។ ដំណាក់កាលនៃកម្មវិធី តាមគម្រោង និងតាមការអនុវត្ត; បន្ទាត់ដាច់ៗសម្គាល់កាលបរិច្ឆេទនៃរបាយការណ៍នេះ។
from-date = ចាប់ពី { $date }
col-stage = ដំណាក់កាល
col-planned = តាមគម្រោង
col-actual = ជាក់ស្តែង
col-status = ស្ថានភាព

## ការគ្របដណ្តប់ (Coverage)

section-coverage = ការគ្របដណ្តប់
coverage-engaged = { $engaged } ក្នុងចំណោម { $all }
coverage-intro-md = ភាពជាដៃគូបានចូលរួមក្នុងរយៈពេលរបាយការណ៍ ({ $period })។ ភាពជាដៃគូដែលបានឈានដល់ ហើយក្នុងវង់ក្រចកគឺចំនួនមនុស្សដែលបានចូលរួម តាមភាគី៖
coverage-intro = ភាពជាដៃគូបានចូលរួមក្នុងរយៈពេលរបាយការណ៍ ({ $period })។ តារាងរាប់ភាពជាដៃគូដែលមធ្យោបាយនីមួយៗបានឈានដល់ ហើយសម្រាប់ភាគីនីមួយៗ ភាពជាដៃគូដែលភាគីនោះបានចូលរួម ជាមួយចំនួនមនុស្សក្នុងវង់ក្រចក។
col-channel = មធ្យោបាយ
col-held = បានធ្វើ
col-reached = ភាពជាដៃគូដែលបានឈានដល់
programme-wide = ទូទាំងកម្មវិធី { $n }
not-engaged = មិនបានចូលរួមក្នុងរយៈពេលនេះ៖

## ពិន្ទុនៃការពិនិត្យឡើងវិញ (Review scores)

section-scores = ពិន្ទុនៃការពិនិត្យឡើងវិញ
scores-none = គ្មានភាពជាដៃគូណាមួយមានការពិនិត្យឡើងវិញដែលមានចម្លើយ នៅថ្ងៃទី { $date } ទេ។
not-yet-reviewed = មិនទាន់ពិនិត្យ ({ $n })៖
criteria-keys = លក្ខណៈវិនិច្ឆ័យគឺជារបស់ក្របខណ្ឌនៃការពិនិត្យឡើងវិញ; នៅក្នុងរបាយការណ៍ JSON
criteria-keyed = វាមានកូនសោ
scores-scale = {" "}លើមាត្រដ្ឋានពី { $min } ដល់ { $max }
scores-changed-md = {" "}ជាមួយការផ្លាស់ប្តូរ { $since } ក្នុងវង់ក្រចក
scores-intro-md = ពិន្ទុមធ្យមនៃការពិនិត្យឡើងវិញចុងក្រោយរបស់ភាពជាដៃគូនីមួយៗ{ $scale }{ $changed }។ សញ្ញា † សម្គាល់កន្លែងដែលរដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍ខុសគ្នាយ៉ាងហោចណាស់ពាក់កណ្តាលមាត្រដ្ឋាន។
scores-with-change = ជាមួយការផ្លាស់ប្តូរ
figure-heat-map = រូបភាពទី ២។ ពិន្ទុមធ្យម{ $scale } នៃការពិនិត្យឡើងវិញចុងក្រោយរបស់ភាពជាដៃគូនីមួយៗ
figure-heat-map-outline = គែមដាច់ៗសម្គាល់លក្ខណៈវិនិច្ឆ័យដែលមធ្យមរបស់រដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍ខុសគ្នាយ៉ាងហោចណាស់ពាក់កណ្តាលមាត្រដ្ឋាន។
col-partnership = ភាពជាដៃគូ
col-latest-review = ការពិនិត្យចុងក្រោយ
no-new-review = គ្មានការពិនិត្យថ្មី
score-trends = និន្នាការពិន្ទុ
trends-single = និន្នាការមួយត្រូវការការពិនិត្យឡើងវិញពីរដែលមានចម្លើយ; ភាពជាដៃគូ { $n } មានតែមួយនៅថ្ងៃទី { $date } ដូច្នេះគ្មានក្រាហ្វ៖
figure-trends = រូបភាពទី ៣។ មធ្យមនៃលក្ខណៈវិនិច្ឆ័យនីមួយៗ តាមការពិនិត្យនីមួយៗ លើអ័ក្សពេលវេលារួម; បន្ទាត់ឃ្លាតគ្នាបន្តិចនៅកន្លែងដែលវាត្រួតគ្នា
figure-trends-since = ; បន្ទាត់ចំណុចក្រហមសម្គាល់ចុងដំណាក់កាលមុន

## កិច្ចព្រមព្រៀង (Agreements)

section-agreements = កិច្ចព្រមព្រៀង
agreements-none = គ្មានកិច្ចព្រមព្រៀងត្រូវបានស្នើនៅថ្ងៃទី { $date } ទេ។
agreements-cells-md = ក្រឡានីមួយៗបង្ហាញស្ថានភាព និងកាលបរិច្ឆេទដែលកំណែមានប្រសិទ្ធភាពត្រូវបានអនុម័ត (v2៖ កំណែដែលបានកែសម្រួល); លើសពីបីនៃប្រភេទតែមួយ ត្រូវបានរាប់តាមស្ថានភាព។
agreements-cells = ក្រឡានីមួយៗបង្ហាញស្ថានភាពកិច្ចព្រមព្រៀង និងកាលបរិច្ឆេទដែលកំណែមានប្រសិទ្ធភាពត្រូវបានអនុម័ត (v2៖ កំណែដែលបានកែសម្រួល); លើសពីបីនៃប្រភេទតែមួយ ត្រូវបានរាប់តាមស្ថានភាព (រង់ចាំ៖ ការកែសម្រួលរង់ចាំការយល់ព្រម កំណែមុននៅតែមានប្រសិទ្ធភាព)។
agreements-kinds-left-out = ប្រភេទកិច្ចព្រមព្រៀងដែលគ្មានភាពជាដៃគូណាបានកត់ត្រា ត្រូវបានលុបចេញ។
not-fully-in-force = មិនទាន់មានប្រសិទ្ធភាពពេញលេញ ({ $n })
col-agreement = កិច្ចព្រមព្រៀង
col-note = កំណត់សម្គាល់

## ការប្តេជ្ញាចិត្ត (Commitments)

section-commitments = ការប្តេជ្ញាចិត្ត
commitments-none = គ្មានការប្តេជ្ញាចិត្តត្រូវបានធ្វើនៅថ្ងៃទី { $date } ទេ។
figure-commitments = រូបភាពទី ៤។ ការប្តេជ្ញាចិត្តតាមស្ថានភាព៖ ភាពជាដៃគូទាំងអស់ (ខាងលើ ជាចំណែកនៃ { $all }) បន្ទាប់មកភាពជាដៃគូនីមួយៗដែលមានការប្តេជ្ញាចិត្ត; លេខនៅខាងស្តាំរាប់ការប្តេជ្ញាចិត្តដែលហួសកាលកំណត់នៅថ្ងៃទី { $date }។
commitments-none-overdue = គ្មានការប្តេជ្ញាចិត្តណាហួសកាលកំណត់នៅថ្ងៃទី { $date } ទេ។
overdue-on = ហួសកាលកំណត់នៅថ្ងៃទី { $date }
status-reported = { $status } (តាមរបាយការណ៍)
overdue = ហួសកាលកំណត់
col-commitment = ការប្តេជ្ញាចិត្ត
col-owner = អ្នកទទួលខុសត្រូវ
col-due = កាលកំណត់
due-on = កាលកំណត់ { $date }
reviews-overdue-md = ការពិនិត្យឡើងវិញហួសកាលកំណត់ ហួសកាលបរិច្ឆេទពិនិត្យបន្ទាប់ ({ $n })៖
reviews-overdue-note = ភាពជាដៃគូដែលហួសកាលបរិច្ឆេទពិនិត្យបន្ទាប់៖
reviews-overdue = ការពិនិត្យឡើងវិញហួសកាលកំណត់ ({ $n })
all-partnerships = ភាពជាដៃគូទាំងអស់
col-open = មិនទាន់ចាប់ផ្តើម
col-on-schedule = តាមកាលវិភាគ
col-behind-schedule = យឺតពីកាលវិភាគ
col-completed = បានបញ្ចប់
col-dropped = បានបោះបង់
col-overdue = ហួសកាលកំណត់

## ទស្សនៈខុសគ្នា និងលទ្ធផលរកឃើញ (Diverging views and findings)

colon = ៖
section-diverging = ទស្សនៈខុសគ្នា
diverging-none-md = គ្មានការពិនិត្យឡើងវិញចុងក្រោយណាមួយ ដែលរដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍ខុសគ្នាពាក់កណ្តាលមាត្រដ្ឋាន ឬច្រើនជាងនេះទេ។
diverging-none = គ្មានការពិនិត្យឡើងវិញចុងក្រោយរបស់ភាពជាដៃគូណាមួយ ដែលរដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍ខុសគ្នាពាក់កណ្តាលមាត្រដ្ឋាន ឬច្រើនជាងនេះទេ។
diverging-intro = លក្ខណៈវិនិច្ឆ័យដែលមធ្យមរបស់រដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍ នៃការពិនិត្យឡើងវិញចុងក្រោយរបស់ភាពជាដៃគូ ខុសគ្នាយ៉ាងហោចណាស់ពាក់កណ្តាលមាត្រដ្ឋាន
diverging-ask-why = ភាគីទាំងពីរមើលភាពជាដៃគូខុសគ្នា ហើយគណៈកម្មាធិការដឹកនាំអាចសួរពីមូលហេតុ។
col-criterion = លក្ខណៈវិនិច្ឆ័យ
col-gap = គម្លាត
section-findings = លទ្ធផលរកឃើញ
findings-none = គ្មានលទ្ធផលរកឃើញត្រូវបានកត់ត្រានៅថ្ងៃទី { $date } ទេ។
none-recorded = គ្មានការកត់ត្រា។
programme = កម្មវិធី
findings-most-recent = { $shown } ចុងក្រោយបំផុតក្នុងចំណោម { $all }; ទាំងអស់មាននៅក្នុងរបាយការណ៍ JSON។
by-theme = តាមប្រធានបទ
standing-on = នៅថ្ងៃទី { $date }
col-theme = ប្រធានបទ
col-all = សរុប
col-new = ក្នុងនោះថ្មី
findings-by-theme-note = លទ្ធផលរកឃើញនៅថ្ងៃទី { $date } តាមប្រធានបទ និងផ្នែក SWOT; “ក្នុងនោះថ្មី” ត្រូវបានកត់ត្រាក្នុងរយៈពេលរបាយការណ៍។

## សកម្មភាព អ្វីដែលបានផ្លាស់ប្តូរ ឧបសម្ព័ន្ធ (Activities, what changed, the annex)

section-activities = សកម្មភាព និងកិច្ចប្រជុំ
col-activity = សកម្មភាព
col-in-period = ក្នុងរយៈពេលនេះ
col-participants = អ្នកចូលរួម
col-to-date = រហូតមកដល់ពេលនេះ
col-date = កាលបរិច្ឆេទ
col-kind = ប្រភេទ
col-partnerships = ភាពជាដៃគូ
col-meeting = កិច្ចប្រជុំ
col-attendees = អ្នកចូលរួម
delivered-in-period = បានអនុវត្តក្នុងរយៈពេលនេះ
meetings-in-period = កិច្ចប្រជុំដែលបានធ្វើក្នុងរយៈពេលនេះ
meetings-none = គ្មានកិច្ចប្រជុំត្រូវបានកត់ត្រាក្នុងរយៈពេលនេះទេ។
section-changes = អ្វីដែលបានផ្លាស់ប្តូរ { $since }
changes-none = គ្មានអ្វីត្រូវបានកត់ត្រាក្នុងរយៈពេលនេះទេ។
col-change = ការផ្លាស់ប្តូរ
col-number = ចំនួន
col-details = ព័ត៌មានលម្អិត
section-annex = ឧបសម្ព័ន្ធ៖ ភាពជាដៃគូជាទិដ្ឋភាពរួម
annex-intro = មួយបន្ទាត់សម្រាប់ភាពជាដៃគូនីមួយៗ៖ កិច្ចព្រមព្រៀងមានប្រសិទ្ធភាព ការប្តេជ្ញាចិត្តដែលបានបញ្ចប់ និងហួសកាលកំណត់ ពេលដែលការពិនិត្យបន្ទាប់ដល់កាលកំណត់ និងរបៀបដែលវាបានចូលរួមក្នុងរយៈពេលរបាយការណ៍។
not-yet-reviewed-short = មិនទាន់ពិនិត្យ
closed = បានបិទ
not-engaged-short = មិនបានចូលរួម
a-of-b = { $a } ក្នុងចំណោម { $b }
annex-all = ភាពជាដៃគូទាំងអស់ { $n }
annex-reviews = ហួសកាលកំណត់ { $past_due }, មិនទាន់ពិនិត្យ { $not_yet }
annex-engaged = បានចូលរួម { $n }
col-commitments-completed = ការប្តេជ្ញាចិត្តដែលបានបញ្ចប់
col-next-review = ការពិនិត្យបន្ទាប់
col-engaged-through = បានចូលរួមក្នុងរយៈពេលនេះតាមរយៈ

## ការបកប្រែខ្លឹមសារដែលបានកត់ត្រា

section-translations = ការបកប្រែ
translations-note = ‡ សម្គាល់ការបកប្រែដែលបានកត់ត្រាក្នុងកំណត់ហេតុ៖ ជាជំនួយសម្រាប់ការអាន។ អត្ថបទដែលបានកត់ត្រា ហើយសម្រាប់កិច្ចព្រមព្រៀង អត្ថបទដែលបានយល់ព្រម និងចុះហត្ថលេខា គឺជាអត្ថបទដើម។
translation-by = បកប្រែដោយ { $log } កត់ត្រានៅ { $date } (លេខរៀង { $seq })
lang-km = ភាសាខ្មែរ
lang-en = ភាសាអង់គ្លេស

## accord status

status-no-programme = កម្មវិធី (មិនទាន់កំណត់)
status-as-of = គិតត្រឹម { $date }
status-stages = ដំណាក់កាល
status-no-stages = មិនទាន់មានដំណាក់កាលគ្រោងទុក។
status-started = បានចាប់ផ្តើម
status-current = បច្ចុប្បន្ន
status-counts = ចំនួន
status-count-partnerships = ភាពជាដៃគូ { $partnerships } (បានបិទ { $closed }) · ស្ថាប័ន { $organisations } · មនុស្ស { $people }
status-count-agreements = កិច្ចព្រមព្រៀង៖ បានអនុម័ត { $adopted }, រង់ចាំការកែសម្រួល { $pending }, សេចក្តីព្រាង { $draft }, បានដកចេញ { $withdrawn }
status-count-commitments = ការប្តេជ្ញាចិត្ត៖ មិនទាន់ចាប់ផ្តើម { $open }, តាមកាលវិភាគ { $on_schedule }, យឺតពីកាលវិភាគ { $behind }, បានបញ្ចប់ { $completed }, បានបោះបង់ { $dropped }
status-count-reviews = ការពិនិត្យឡើងវិញ { $reviews } · លទ្ធផលរកឃើញ { $findings } · បទសម្ភាសន៍ { $interviews } · កិច្ចប្រជុំ { $meetings } · សកម្មភាព { $activities }
status-overdue-commitments = ការប្តេជ្ញាចិត្តហួសកាលកំណត់
status-reviews-overdue = ការពិនិត្យឡើងវិញហួសកាលកំណត់
status-none = គ្មាន។
status-no-partnerships = មិនទាន់មានភាពជាដៃគូ។
status-adopted = បានអនុម័ត
status-reviewed = បានពិនិត្យ
status-review = ការពិនិត្យ
status-diverging = ទស្សនៈខុសគ្នា
status-diverging-criteria = លក្ខណៈវិនិច្ឆ័យដែលខុសគ្នា
status-key =
    បានអនុម័ត៖ កិច្ចព្រមព្រៀងដែលមានកំណែមានប្រសិទ្ធភាព / ទាំងអស់។ បានពិនិត្យ៖ ពេលដែលការពិនិត្យឡើងវិញចុងក្រោយ
    ដែលមានចម្លើយត្រូវបានបើក។ ហួសកាលកំណត់៖ ការប្តេជ្ញាចិត្តដែលហួសកាលបរិច្ឆេទកំណត់។
    ខុសគ្នា៖ លក្ខណៈវិនិច្ឆ័យដែលរដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍ខុសគ្នាពាក់កណ្តាលមាត្រដ្ឋាន
    ឬច្រើនជាងនេះ (រាយខាងលើ)។

## ក្បាលកំណត់ហេតុនៅចុងរបាយការណ៍អត្ថបទ (The log head every text report ends with)

footer-log-head = ក្បាលកំណត់ហេតុ៖ លេខរៀង { $seq } { $hash }{ $known }
footer-known-at = , តាមដែលបានដឹងនៅ { $at }

## ពាក្យនៃរបាយការណ៍អត្ថបទ (Words of the text reports: show, history, audit)

role-chair = ប្រធាន
role-lead-facilitator = អ្នកសម្របសម្រួលនាំមុខ
role-co-facilitator = សហអ្នកសម្របសម្រួល
role-secretariat = លេខាធិការដ្ឋាន
role-member = សមាជិក
act-proposed = បានស្នើ
act-endorsed = បានយល់ព្រម
act-revised = បានកែសម្រួល
act-withdrew = បានដកចេញ
act-responded = បានឆ្លើយតបនឹង
act-reported = បានរាយការណ៍អំពី
review-health-check = ការពិនិត្យសុខភាពភាពជាដៃគូ
review-annual = ការពិនិត្យឡើងវិញប្រចាំឆ្នាំ
review-self-assessment = ការវាយតម្លៃខ្លួនឯង
review-external = ការពិនិត្យឡើងវិញដោយភាគីខាងក្រៅ
review-title-health-check = ការពិនិត្យសុខភាពភាពជាដៃគូ
review-title-annual = ការពិនិត្យឡើងវិញប្រចាំឆ្នាំ
review-title-self-assessment = ការវាយតម្លៃខ្លួនឯង
review-title-external = ការពិនិត្យឡើងវិញដោយភាគីខាងក្រៅ
swot-one-strength = ចំណុចខ្លាំង
swot-one-weakness = ចំណុចខ្សោយ
swot-one-opportunity = ឱកាស
swot-one-threat = ហានិភ័យ
swot-text-strength = ចំណុចខ្លាំង
swot-text-weakness = ចំណុចខ្សោយ
swot-text-opportunity = ឱកាស
swot-text-threat = ហានិភ័យ
theme-text-institutional-arrangements = ការរៀបចំស្ថាប័ន
theme-text-enabling-environment = បរិយាកាសអំណោយផល
theme-text-roles = តួនាទី
theme-text-paris-principles = គោលការណ៍នៃសេចក្តីប្រកាសប៉ារីស
theme-text-other = ផ្សេងៗ
yes = មែន
no = ទេ
diverges = ខុសគ្នា
diff-legend = [-បានលុប-] {"{"}+បានបន្ថែម+{"}"}
col-id = លេខសម្គាល់
col-organisation = ស្ថាប័ន
col-side = ភាគី
col-role = តួនាទី
col-since = ចាប់ពី
col-title = ចំណងជើង
col-current = បច្ចុប្បន្ន
col-in-force = មានប្រសិទ្ធភាព
col-adopted = បានអនុម័ត
col-version = កំណែ
col-person = បុគ្គល
col-for = តំណាងឱ្យ
col-on = កាលបរិច្ឆេទ
col-swot = SWOT
col-finding = លទ្ធផលរកឃើញ
col-from = ពី
col-until = រហូតដល់
col-joined = បានចូលរួម
col-left = បានចាកចេញ

## accord show

show-as-of = គិតត្រឹម { $date } · បានបង្កើត { $established }
show-as-of-hosted = គិតត្រឹម { $date } · បានបង្កើត { $established } · ស្ថាប័នម្ចាស់ផ្ទះ { $host }
show-closed = បានបិទនៅថ្ងៃទី { $date }៖ គ្មានអ្វីត្រូវបានកត់ត្រាលើវាទៀតទេ
show-members = សមាជិក
show-no-members = គ្មានសមាជិកបច្ចុប្បន្នទេ។
show-former-members = អតីតសមាជិក៖ { $list }
show-left = { $name } (បានចាកចេញ { $date })
show-agreements = កិច្ចព្រមព្រៀង
show-no-agreements = មិនទាន់មានកិច្ចព្រមព្រៀងទេ។
show-endorsements = ការយល់ព្រម
show-latest-review = ការពិនិត្យឡើងវិញចុងក្រោយ
show-latest-review-of = ការពិនិត្យឡើងវិញចុងក្រោយ៖ { $review }
show-no-review = មិនទាន់មានការពិនិត្យឡើងវិញដែលមានចម្លើយទេ។
show-review-overdue = ការពិនិត្យឡើងវិញហួសកាលកំណត់៖ { $answer }
show-review-overdue-why = ការពិនិត្យឡើងវិញហួសកាលកំណត់៖ { $answer } ({ $why })
show-why-next-due = ការពិនិត្យបន្ទាប់ដល់កាលកំណត់ { $date }
show-why-no-next = ការពិនិត្យចុងក្រោយមិនបានកំណត់កាលបរិច្ឆេទបន្ទាប់ទេ
show-why-stage = គ្មានការពិនិត្យឡើងវិញ តាំងពីដំណាក់កាលមួយនៃកម្មវិធីត្រូវបានបញ្ចប់
show-review-opened = { $kind } បានបើក { $opened }; ចម្លើយ { $n }, ក្របខណ្ឌ { $framework }
show-review-concluded = { $kind } បានបើក { $opened }, បានបញ្ចប់ { $concluded }; ចម្លើយ { $n }, ក្របខណ្ឌ { $framework }
show-diverging = ទស្សនៈខុសគ្នា៖ មធ្យមរបស់រដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍ខុសគ្នា { $gap } ឬច្រើនជាងនេះ លើ { $criteria }។
show-commitments = ការប្តេជ្ញាចិត្ត
show-no-commitments = មិនទាន់មានការប្តេជ្ញាចិត្តទេ។
show-findings = លទ្ធផលរកឃើញ
show-no-findings = មិនទាន់មានលទ្ធផលរកឃើញទេ។

## accord history (ឃ្លាមួយសម្រាប់ការផ្លាស់ប្តូរនីមួយៗ)

history-title = ប្រវត្តិនៃ { $name } ({ $partnership })
history-count = ការផ្លាស់ប្តូរ { $n } រហូតដល់ { $date } តាមលំដាប់កាលបរិច្ឆេទ
history-changes = ការផ្លាស់ប្តូរ
history-no-changes = គ្មានការផ្លាស់ប្តូរទេ។
history-what-changed = អ្វីដែលបានផ្លាស់ប្តូរពី v{ $version } តាមពាក្យនីមួយៗ ({ $legend })៖
history-same-words = ពាក្យនៃអត្ថបទដូចនឹង v{ $version } (ខុសគ្នាតែដកឃ្លា ឬការចុះបន្ទាត់ប៉ុណ្ណោះ)។
history-no-reviews = មិនទាន់មានការពិនិត្យឡើងវិញណាមួយមានចម្លើយទេ។
history-means = មធ្យមលើអ្នកឆ្លើយទាំងអស់; `--json` ផ្តល់តម្លៃមិនបង្គត់ និងតាមភាគី។
change-established = ភាពជាដៃគូ “{ $name }” ត្រូវបានបង្កើត
change-established-hosted = ភាពជាដៃគូ “{ $name }” ត្រូវបានបង្កើត ដោយមាន { $host } ជាស្ថាប័នម្ចាស់ផ្ទះ
change-joined = { $org } បានចូលរួមជា{ $role }
change-left = { $org } បានចាកចេញ៖ { $reason }
change-closed = ភាពជាដៃគូត្រូវបានបិទ៖ { $reason }
change-proposed = កិច្ចព្រមព្រៀង “{ $title }” ({ $kind }) ត្រូវបានស្នើដោយ { $by }
change-adopted = កិច្ចព្រមព្រៀង “{ $title }” v{ $version } ត្រូវបានអនុម័ត៖ យល់ព្រមដោយ { $government } (រដ្ឋាភិបាល) និង { $partners } (ដៃគូអភិវឌ្ឍន៍)
change-endorsed = កិច្ចព្រមព្រៀង “{ $title }” v{ $version } ត្រូវបានយល់ព្រមដោយ { $by }
change-endorsed-at = កិច្ចព្រមព្រៀង “{ $title }” v{ $version } ត្រូវបានយល់ព្រមដោយ { $by } នៅ { $forum }
change-revised = កិច្ចព្រមព្រៀង “{ $title }” ត្រូវបានកែសម្រួលទៅជា v{ $version } ដោយ { $by }៖ { $reason }
change-revised-renamed = កិច្ចព្រមព្រៀង “{ $title }” ត្រូវបានកែសម្រួលទៅជា v{ $version } ដោយ { $by } ហើយឥឡូវមានចំណងជើង “{ $new_title }”៖ { $reason }
change-withdrawn = កិច្ចព្រមព្រៀង “{ $title }” ត្រូវបានដកចេញដោយ { $by }៖ { $reason }
change-review-opened = ការពិនិត្យឡើងវិញ “{ $review }” ត្រូវបានបើក ({ $kind }, ក្របខណ្ឌ { $framework })
change-review-opened-due = ការពិនិត្យឡើងវិញ “{ $review }” ត្រូវបានបើក ({ $kind }, ក្របខណ្ឌ { $framework }); ការពិនិត្យបន្ទាប់ដល់កាលកំណត់ { $due }
change-responded = { $by } បានឆ្លើយតបនឹងការពិនិត្យឡើងវិញ “{ $review }”
change-review-concluded = ការពិនិត្យឡើងវិញ “{ $review }” ត្រូវបានបញ្ចប់៖ { $summary }
change-finding = លទ្ធផលរកឃើញ ({ $swot }, { $theme })៖ { $text }
change-commitment-made = ការប្តេជ្ញាចិត្ត “{ $commitment }” ត្រូវបានធ្វើដោយ { $owner } កាលកំណត់ { $due }៖ { $text }
change-commitment-reported = ការប្តេជ្ញាចិត្ត “{ $commitment }” ត្រូវបានរាយការណ៍ថា { $status }{ $by }{ $note }
change-reported-by = {" "}ដោយ { $person }
change-note = ៖ { $note }
change-rescheduled = ការប្តេជ្ញាចិត្ត “{ $commitment }” ត្រូវបានប្តូរកាលកំណត់ពី { $from } ទៅ { $to }៖ { $reason }
change-interview = បទសម្ភាសន៍ត្រូវបានធ្វើជាមួយភាគី{ $side }
change-focus-group = ក្រុមពិភាក្សាត្រូវបានធ្វើជាមួយភាគី{ $side }
change-meeting = កិច្ចប្រជុំត្រូវបានធ្វើ ({ $kind })៖ { $title }
change-activity = សកម្មភាពត្រូវបានអនុវត្ត ({ $kind })៖ { $title }

## accord audit (សវនកម្ម)

audit-agreement-title = សវនកម្មនៃកិច្ចព្រមព្រៀង { $agreement }៖ { $title }
audit-agreement-line = { $kind } ក្នុង { $partnership } · { $status } · { $in_force }
audit-in-force = v{ $version } មានប្រសិទ្ធភាព
audit-nothing-in-force = គ្មានកំណែណាមានប្រសិទ្ធភាព
audit-withdrawn = បានដកចេញ
audit-by = ដោយ { $name } ({ $person })
audit-for = តំណាងឱ្យ { $whom }
audit-no-org = គ្មានស្ថាប័នក្នុងកំណត់ត្រា
audit-recorded = លេខរៀង { $seq } · ដោយ { $by } នៅ { $at }
audit-recorded-id = លេខរៀង { $seq } · លេខសម្គាល់ { $id } · ដោយ { $by } នៅ { $at }
audit-retracted = បានដកវិញ (មិនរាប់បញ្ចូលទេ)
audit-retracted-event = { $kind }{ $version }{ $who }, លេខរៀង { $seq }
audit-of-version = {" "}នៃ v{ $version }
audit-by-person = {" "}ដោយ { $name } ({ $person })
audit-retracted-reason = បានដកវិញ៖ { $reason }
audit-version-adopted = កំណែទី { $version } — បានអនុម័ត { $date }
audit-version-not-adopted = កំណែទី { $version } — មិនទាន់អនុម័ត
audit-label-title = ចំណងជើង៖
audit-label-proposed-by = ស្នើដោយ៖
audit-label-revised-by = កែសម្រួលដោយ៖
audit-label-reason = មូលហេតុ៖
audit-label-recorded = កត់ត្រា៖
audit-label-sha = SHA-256 នៃអត្ថបទ៖
audit-label-changes = ការផ្លាស់ប្តូរ៖
audit-label-text = អត្ថបទ៖
audit-label-translation = ការបកប្រែ៖
audit-translation-note = ‡ បកប្រែជា{ $lang } ដោយ { $by } កត់ត្រានៅ { $date } (លេខរៀង { $seq })៖ ជាជំនួយសម្រាប់ការអាន។ អត្ថបទដែលបានយល់ព្រមគឺអត្ថបទដើមខាងលើ SHA-256 { $sha }។
audit-proposed = { $name } ({ $person }) តំណាងឱ្យ { $whom } នៅ { $date }
audit-changes-from = ពី v{ $version } តាមពាក្យនីមួយៗ៖ { $legend }
audit-changes-none = ពី v{ $version }៖ គ្មានការផ្លាស់ប្តូរពាក្យទេ (ខុសគ្នាតែដកឃ្លា ឬការចុះបន្ទាត់ប៉ុណ្ណោះ)
audit-no-endorsements = គ្មានការយល់ព្រមទេ។
audit-endorsed-by = យល់ព្រមដោយ៖
audit-at = នៅ { $forum }
audit-unsigned = គ្មានហត្ថលេខា
audit-signed = មានហត្ថលេខាដោយ { $fingerprint } (បានផ្ទៀងផ្ទាត់)
audit-signed-bad = មានហត្ថលេខាដោយ { $fingerprint } — ការផ្ទៀងផ្ទាត់មិនត្រឹមត្រូវ (សូមដំណើរការ `accord verify`)
audit-no-acts = គ្មានទង្វើត្រូវបានកត់ត្រាទេ។
audit-act = { $act } { $subject }
audit-act-version = { $act } { $subject } v{ $version }
audit-act-in = { $what } ក្នុង { $partnership }{ $who }
audit-person-title = សវនកម្មនៃ { $name } ({ $person })
audit-posts = មុខតំណែង
audit-acts = ទង្វើ
audit-side = ភាគី៖ { $side }
audit-people = បុគ្គល
audit-nobody = គ្មាននរណាម្នាក់ត្រូវបានចុះបញ្ជីទេ។
audit-memberships = សមាជិកភាព
audit-no-memberships = មិនមែនជាដៃគូនៅកន្លែងណាមួយទេ។
audit-acts-for = ទង្វើដែលបានធ្វើតំណាងឱ្យស្ថាប័ននេះ
audit-commitments-owned = ការប្តេជ្ញាចិត្តដែលស្ថាប័ននេះទទួលខុសត្រូវ

## ក្រាហ្វនៃរបាយការណ៍ HTML (The charts of the HTML report: titles, axes, legends)

chart-timeline-title = កាលវិភាគនៃដំណាក់កាល៖ កាលបរិច្ឆេទតាមគម្រោង និងជាក់ស្តែង គិតត្រឹម { $date }
chart-as-of = គិតត្រឹម { $date }
chart-planned = តាមគម្រោង
chart-actual = ជាក់ស្តែង
chart-in-progress = កំពុងដំណើរការ
chart-heat-map-title = ផែនទីកម្តៅ៖ ពិន្ទុមធ្យមតាមលក្ខណៈវិនិច្ឆ័យ នៃការពិនិត្យឡើងវិញចុងក្រោយរបស់ភាពជាដៃគូនីមួយៗ គិតត្រឹម { $date }
chart-reviewed = បានពិនិត្យ
chart-score = ពិន្ទុ
chart-sides-diverge = ភាគីខុសគ្នា
chart-change-since = ▲▼ ការផ្លាស់ប្តូរតាំងពីដំណាក់កាលមុន
chart-commitments-title = ការប្តេជ្ញាចិត្តតាមស្ថានភាព គិតត្រឹម { $date }
chart-all-partnerships = ភាពជាដៃគូទាំងអស់ ({ $n })
chart-trend-title = និន្នាការពិន្ទុ៖ { $name }
chart-n-reviews = ការពិនិត្យ { $n }
chart-trend-latest = { $reviews } · ចុងក្រោយ { $date }
