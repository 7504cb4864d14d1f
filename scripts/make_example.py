#!/usr/bin/env python3
"""Generates src/example/cambodia.jsonl: the built-in example programme
("Making Partnerships Effective", Cambodia's TWGs, 2009-2010) as accord
events in the input format of docs/format.md, one JSON object per line, in recording order.

Deterministic: no randomness, no clock. Every event gets a stable id
(cam-0001, ...) so that re-appending the file is a no-op.

The rules are not checked here: the store checks them when the file is
appended (`accord init --example cambodia`, which every test that loads the
example runs). At the end the script prints the derived meanings (agreement
statuses, overdue commitments, diverging criteria) and the counts per event
type, from a tracker of the few facts its own content needs.

    python3 scripts/make_example.py            # rewrites src/example/cambodia.jsonl
    python3 scripts/make_example.py --check    # fails if the file on disk differs

Pairings of TWGs with development partners and all scores are illustrative.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, OrderedDict, defaultdict

# The example lives with the binary that embeds it.
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "example")
OUT = os.path.join(HERE, "cambodia.jsonl")
LAST_DAY = "2010-12-31"

CRITERIA = ["shared_goal", "co_creation", "inclusive_transparent", "engagement", "review_revision"]
SCALE = (1, 5)

# Operators who typed the events in (`recorded_by`).
CDC_OP = "cdc-secretariat"
TEAM_OP = "tpi-vbnk-team"

# --------------------------------------------------------------------------
# The tracker: what the example's own content needs to know about what it
# has recorded so far (who acts for which side, each review's responses,
# each commitment's reports) and what the summary prints. It checks no
# rules: the store does, when `accord init --example` appends the file
# (tests/readme.rs and every test that loads the example would fail on a
# broken rule).
# --------------------------------------------------------------------------


class Tracker:
    """Replays events into the few facts the builder and the summary read."""

    def __init__(self):
        self.ids = {}  # event id -> event
        self.orgs = {}  # org -> side
        self.people = {}  # person -> [(date, org)]
        self.agreements = {}
        self.reviews = {}
        self.commitments = {}

    def org_of(self, person, on):
        return [o for (d, o) in self.people[person] if d <= on][-1]

    def apply(self, e):
        t, on, d = e["type"], e["occurred_at"], e["data"]
        self.ids[e["id"]] = e
        if t == "organisation.registered":
            self.orgs[d["org"]] = d["side"]
        elif t == "person.registered":
            self.people[d["person"]] = [(on, d["org"])]
        elif t == "person.moved":
            self.people[d["person"]].append((on, d["org"]))
        elif t == "agreement.proposed":
            self.agreements[d["agreement"]] = {"partnership": d["partnership"], "withdrawn": None,
                                               "versions": [{"endorsements": [], "eids": []}]}
        elif t == "agreement.endorsed":
            v = self.agreements[d["agreement"]]["versions"][-1]
            org = self.org_of(d["by"], on)
            v["endorsements"].append((d["by"], org, self.orgs[org], on))
            v["eids"].append(e["id"])
        elif t == "agreement.revised":
            self.agreements[d["agreement"]]["versions"].append({"endorsements": [], "eids": []})
        elif t == "agreement.withdrawn":
            self.agreements[d["agreement"]]["withdrawn"] = on
        elif t == "review.opened":
            self.reviews[d["review"]] = {"partnership": d["partnership"], "responses": OrderedDict(),
                                         "concluded": None, "next_due": d.get("next_due")}
        elif t == "review.response":
            org = self.org_of(d["respondent"], on)
            self.reviews[d["review"]]["responses"][d["respondent"]] = (self.orgs[org], d["scores"])
        elif t == "review.concluded":
            self.reviews[d["review"]]["concluded"] = on
        elif t == "commitment.made":
            self.commitments[d["commitment"]] = {"partnership": d["partnership"], "made": on, "reports": []}
        elif t == "commitment.reported":
            self.commitments[d["commitment"]]["reports"].append((on, d["status"]))
        elif t == "event.retracted":
            target = self.ids[d["event"]]
            # The example retracts a finding (nothing to undo here) and an
            # endorsement (undone so that the summary's statuses are right).
            if target["type"] == "agreement.endorsed":
                ag = self.agreements[target["data"]["agreement"]]
                v = ag["versions"][target["data"]["version"] - 1]
                i = v["eids"].index(target["id"])
                del v["eids"][i]
                del v["endorsements"][i]

    # -- derived meanings (docs/rules.md), for the summary -----------------------------------------
    def agreement_status(self, a):
        ag = self.agreements[a]
        if ag["withdrawn"]:
            return "withdrawn", None
        in_force = None
        for i, v in enumerate(ag["versions"], 1):
            sides = {s for (_, _, s, _) in v["endorsements"]}
            if "government" in sides and "development_partner" in sides:
                in_force = i
        cur = len(ag["versions"])
        if in_force is None:
            return "draft", None
        return ("adopted" if in_force == cur else "revision_pending"), in_force

    def commitment_status(self, c, as_of):
        cm = self.commitments[c]
        reps = [s for (d, s) in cm["reports"] if d <= as_of]
        return reps[-1] if reps else "open"

    def overdue(self, as_of):
        out = []
        for c, cm in self.commitments.items():
            if cm["made"] > as_of:
                continue
            st = self.commitment_status(c, as_of)
            # the due as it stood on as_of (reschedules dated on or before it)
            due = self.due_on(c, as_of)
            if st not in ("completed", "dropped") and due < as_of:
                out.append((c, cm["partnership"], due, st))
        return out

    def due_on(self, c, as_of):
        due = None
        for e in self.ids.values():
            if e["data"].get("commitment") != c or e["occurred_at"] > as_of:
                continue
            if e["type"] in ("commitment.made", "commitment.rescheduled"):
                due = e["data"]["due"]
        return due

    def review_means(self, r):
        rv = self.reviews[r]
        allm, by_side = {}, defaultdict(dict)
        for c in CRITERIA:
            xs = [s[c] for (_, s) in rv["responses"].values() if c in s]
            if xs:
                allm[c] = sum(xs) / len(xs)
            for side in {sd for (sd, _) in rv["responses"].values()}:
                ys = [s[c] for (sd, s) in rv["responses"].values() if sd == side and c in s]
                if ys:
                    by_side[side][c] = sum(ys) / len(ys)
        div = [c for c in CRITERIA
               if c in by_side.get("government", {}) and c in by_side.get("development_partner", {})
               and abs(by_side["government"][c] - by_side["development_partner"][c]) >= (SCALE[1] - SCALE[0]) / 2]
        return allm, dict(by_side), div


# --------------------------------------------------------------------------
# The builder.
# --------------------------------------------------------------------------

EVENTS = []
CHECK = Tracker()


NUMBERED = [0]


def ev(type_, on, data, source=None, op=CDC_OP, ident=None):
    """Records an event. Events get cam-0001, cam-0002, ... in order; the
    signing keys added later (issue 14) have ids of their own (`ident`), so
    the numbered ids of the events after them did not change."""
    e = OrderedDict()
    if ident is None:
        NUMBERED[0] += 1
        ident = f"cam-{NUMBERED[0]:04d}"
    e["id"] = ident
    e["type"] = type_
    e["occurred_at"] = on
    e["recorded_by"] = op
    if source is not None:
        e["source"] = source
    e["data"] = data
    CHECK.apply(e)
    EVENTS.append(e)
    return e["id"]


def d(**kw):
    """data with the optional fields that are None left out"""
    return OrderedDict((k, v) for k, v in kw.items() if v is not None)


# ---- the directory -------------------------------------------------------

GOV = [
    ("cdc", "Council for the Development of Cambodia (CDC)"),
    ("crdb", "Cambodian Rehabilitation and Development Board of the CDC (CRDB/CDC)"),
    ("maff", "Ministry of Agriculture, Forestry and Fisheries (MAFF)"),
    ("mowram", "Ministry of Water Resources and Meteorology (MOWRAM)"),
    ("fia", "Fisheries Administration, MAFF"),
    ("fa", "Forestry Administration, MAFF"),
    ("moe", "Ministry of Environment (MoE)"),
    ("mlmupc", "Ministry of Land Management, Urban Planning and Construction (MLMUPC)"),
    ("card", "Council for Agricultural and Rural Development (CARD)"),
    ("mrd", "Ministry of Rural Development (MRD)"),
    ("moh", "Ministry of Health (MoH)"),
    ("moeys", "Ministry of Education, Youth and Sport (MoEYS)"),
    ("naa", "National AIDS Authority (NAA)"),
    ("mowa", "Ministry of Women's Affairs (MoWA)"),
    ("cmaa", "Cambodian Mine Action and Victim Assistance Authority (CMAA)"),
    ("mpwt", "Ministry of Public Works and Transport (MPWT)"),
    ("moc", "Ministry of Commerce (MoC)"),
    ("mop", "Ministry of Planning (MoP)"),
    ("mef", "Ministry of Economy and Finance (MEF)"),
    ("car", "Council for Administrative Reform (CAR)"),
    ("ncdd", "National Committee for Sub-National Democratic Development (NCDD)"),
    ("moi", "Ministry of Interior (MoI)"),
    ("cljr", "Council for Legal and Judicial Reform (CLJR)"),
    ("moj", "Ministry of Justice (MoJ)"),
]
DP = [
    ("undp", "United Nations Development Programme (UNDP)"),
    ("dfid", "UK Department for International Development (DFID)"),
    ("afd", "Agence Française de Développement (AFD)"),
    ("ausaid", "Australian Agency for International Development (AusAID)"),
    ("cida", "Canadian International Development Agency (CIDA)"),
    ("gtz", "Deutsche Gesellschaft für Technische Zusammenarbeit (GTZ), Germany"),
    ("jica", "Japan International Cooperation Agency (JICA)"),
    ("ec", "Delegation of the European Commission (EU)"),
    ("adb", "Asian Development Bank (ADB)"),
    ("worldbank", "World Bank"),
    ("who", "World Health Organization (WHO)"),
    ("usaid", "United States Agency for International Development (USAID)"),
    ("fao", "Food and Agriculture Organization of the United Nations (FAO)"),
    ("unicef", "United Nations Children's Fund (UNICEF)"),
    ("unaids", "Joint United Nations Programme on HIV/AIDS (UNAIDS)"),
]
CSO = [
    ("ngo-forum", "NGO Forum on Cambodia"),
    ("ccc", "Cooperation Committee for Cambodia (CCC)"),
    ("medicam", "MEDiCAM (NGO membership organisation for health)"),
]
FAC = [
    ("tpi", "The Partnering Initiative (TPI), International Business Leaders Forum"),
    ("vbnk", "VBNK (capacity development organisation, Phnom Penh)"),
]
SHORT = {o: n.split("(")[-1].rstrip(")") if "(" in n else n for o, n in GOV + DP + CSO + FAC}
SHORT.update({"fia": "Fisheries Administration", "fa": "Forestry Administration", "worldbank": "World Bank",
              "gtz": "GTZ", "ec": "EU", "ngo-forum": "NGO Forum", "tpi": "TPI", "vbnk": "VBNK",
              "crdb": "CRDB/CDC"})

# key, name, host, other government partners [(org, role)], lead DP,
# co-facilitators, DP members, civil society members [(org, joined)]
TWGS = [
    ("agriculture-water", "Agriculture and Water", "maff", [("mowram", "member")], "ausaid", [], ["afd", "fao"], []),
    ("fisheries", "Fisheries", "fia", [("maff", "member")], "fao", [], ["ec"], []),
    ("forestry-environment", "Forestry and Environment", "fa", [("moe", "member")], "undp", [], ["gtz"],
     [("ngo-forum", "2004-12-01")]),
    ("land", "Land", "mlmupc", [], "gtz", [], ["cida", "worldbank"], [("ngo-forum", "2005-06-01")]),
    ("food-security", "Food Security and Nutrition", "card", [("maff", "member")], "usaid", [], ["fao"],
     [("ngo-forum", "2006-03-01")]),
    ("rwssh", "Rural Water Supply, Sanitation and Hygiene", "mrd", [], "unicef", [], ["worldbank"], []),
    ("health", "Health", "moh", [], "who", ["ausaid"], ["usaid"], [("medicam", "2004-12-01")]),
    ("education", "Education", "moeys", [], "ec", ["unicef"], [], [("ngo-forum", "2005-01-15")]),
    ("hiv-aids", "HIV/AIDS", "naa", [("moh", "member")], "unaids", [], ["usaid"], [("ngo-forum", "2004-12-01")]),
    ("gender", "Gender", "mowa", [], "cida", [], ["undp"], [("ngo-forum", "2006-09-01")]),
    ("mine-action", "Mine Action", "cmaa", [], "undp", [], ["cida"], []),
    ("infrastructure", "Infrastructure and Regional Integration", "mpwt", [], "adb", ["jica"], [], []),
    ("psd", "Private Sector Development", "moc", [("cdc", "secretariat")], "worldbank", [], ["adb"], []),
    ("planning-poverty", "Planning and Poverty Reduction", "mop", [], "dfid", [], ["undp"], []),
    ("pfm", "Public Financial Management", "mef", [], "worldbank", ["ec"], [], []),
    ("par", "Public Administrative Reform", "car", [], "afd", [], ["undp"], []),
    ("dd", "Decentralization and Deconcentration", "ncdd", [("moi", "member")], "gtz", [], ["dfid", "undp"],
     [("ngo-forum", "2008-05-01"), ("ccc", "2008-05-01")]),
    ("legal-judicial", "Legal and Judicial Reform", "cljr", [("moj", "member")], "jica", [], ["afd"], []),
    ("ph", "Partnership and Harmonization", "crdb", [("cdc", "secretariat")], "undp", ["dfid"], ["ec"],
     [("ngo-forum", "2007-02-01")]),
]
TWG = {t[0]: t for t in TWGS}
KEYS = [t[0] for t in TWGS]


def pid(k):
    return f"twg-{k}"


def tname(k):
    return f"TWG on {TWG[k][1]}"


ESTABLISHED = "2004-12-01"
DIRECTORY_DAY = "2009-06-01"

for org, name in GOV:
    ev("organisation.registered", ESTABLISHED, d(org=org, name=name, side="government"),
       "CDC directory of TWG host institutions")
for org, name in DP:
    ev("organisation.registered", ESTABLISHED, d(org=org, name=name, side="development_partner"),
       "CDC directory of development partners")
for org, name in CSO:
    ev("organisation.registered", ESTABLISHED, d(org=org, name=name, side="civil_society"),
       "CDC directory of NGO coordination bodies")
for org, name in FAC:
    ev("organisation.registered", "2009-05-15", d(org=org, name=name, side="facilitator"),
       "CDC contract with TPI and VBNK, May 2009")

OBJECTIVE = ("To make a significant contribution to the strengthening of partnerships so that the Government "
             "can work effectively with development partners to secure the results anticipated in the National "
             "Strategic Development Plan and the Cambodian Millennium Development Goals.")
ev("programme.defined", "2009-05-15",
   d(name="Making Partnerships Effective", objective=OBJECTIVE, commissioned_by="cdc", facilitators=["tpi", "vbnk"]),
   "CDC terms of reference for the TPI-VBNK programme, 15 months")

STAGES = [
    (1, "Engagement and Inception", "2009-06-01", "2009-06-30", [
        "In-country research, data collection and analysis of the partnering context: progress to date, challenges and underlying issues",
        "Individual interviews with TWG chairpersons and other senior Government officials",
        "Interviews with development partners in two focus groups, including TWG lead facilitators and donor agency representatives",
        "Findings from both partner groups ordered as a SWOT analysis",
        "Inception Meeting (10 June 2009) and design of the Strategic Meeting",
    ]),
    (2, "Strategic Meeting on Making Partnerships Effective", "2009-09-09", "2009-09-11", [
        "Adoption of common partnership principles and practice across TWGs",
        "More confident ownership of the TWG process by government partners",
        "Greater coherence in development partner approaches to the TWG process",
        "Recognition of the importance of good leadership and facilitation in effective partnering",
        "Shared understanding of what constitutes 'success' and agreement on how to measure success over time",
        "Commitment to sharing experience, achievements and learning in the future within and across TWGs",
        "Agreement to a follow-up programme that will build the competency and efficiency of the TWG support structures and key staff",
    ]),
    (3, "Follow-up", "2009-10-01", "2010-01-31", [
        "Partnering skills training for secretariat-level staff: a rolling programme of one-day trainings on specific topics",
        "Initiatives to engage a wider group of Government officials and development partners in a stronger partnering culture",
        "Case studies of TWG partnerships that are proving effective",
        "A permanent partnership resource centre giving access to information, tools and case studies",
        "A cadre of partnership specialists able to advise, support and facilitate TWGs",
    ]),
    (4, "Further Follow-up and Recommendations", "2010-02-01", "2010-08-31", [
        "Follow through on the implementation of learning so far",
        "Close the project by compiling learning and achievements",
        "Leave in place long-term resources to support partnering approaches in Cambodia, able to reach NGO, academic and private-sector partners",
        "Final Report and recommendations on partnership concepts and principles for the Cambodian development context",
    ]),
]
for n, name, s, e_, ach in STAGES:
    ev("stage.planned", "2009-05-15", d(stage=n, name=name, starts_on=s, ends_on=e_, intended_achievements=ach),
       "Programme outline, Making Partnerships Effective")

# ---- the 19 TWGs ---------------------------------------------------------

JOIN_SRC = "TWG membership list kept by the CRDB/CDC secretariat"
for k, name, host, gov_others, lead, cos, dps, csos in TWGS:
    p = pid(k)
    ev("partnership.established", ESTABLISHED, d(partnership=p, name=f"Technical Working Group on {name}", host=host),
       "GDCC decision establishing the Technical Working Groups, 2004")
    ev("partner.joined", ESTABLISHED, d(partnership=p, org=host, role="chair"), JOIN_SRC)
    ev("partner.joined", ESTABLISHED, d(partnership=p, org=lead, role="lead_facilitator"), JOIN_SRC)
    for o in cos:
        ev("partner.joined", ESTABLISHED, d(partnership=p, org=o, role="co_facilitator"), JOIN_SRC)
    for o, role in gov_others:
        ev("partner.joined", ESTABLISHED, d(partnership=p, org=o, role=role), JOIN_SRC)
    for o in dps:
        ev("partner.joined", ESTABLISHED, d(partnership=p, org=o, role="member"), JOIN_SRC)
    for o, when in csos:
        ev("partner.joined", when, d(partnership=p, org=o, role="member"), JOIN_SRC)

# ---- people, by role -----------------------------------------------------

PEOPLE_SRC = "Contact list compiled for the Inception Meeting"
for k, name, host, gov_others, lead, cos, dps, csos in TWGS:
    ev("person.registered", DIRECTORY_DAY,
       d(person=f"chair-{k}", name=f"Chair, TWG on {name}", org=host, title=f"TWG Chair ({SHORT[host]})"), PEOPLE_SRC)
    ev("person.registered", DIRECTORY_DAY,
       d(person=f"sec-{k}", name=f"Secretariat Head, TWG on {name}", org=host,
         title=f"Head of the TWG Secretariat ({SHORT[host]})"), PEOPLE_SRC)
    ev("person.registered", DIRECTORY_DAY,
       d(person=f"lead-{k}", name=f"Lead Facilitator, TWG on {name}", org=lead,
         title=f"Lead development partner facilitator ({SHORT[lead]})"), PEOPLE_SRC)
    for o in cos:
        ev("person.registered", DIRECTORY_DAY,
           d(person=f"cofac-{k}", name=f"Co-facilitator, TWG on {name}", org=o,
             title=f"Development partner co-facilitator ({SHORT[o]})"), PEOPLE_SRC)

OTHERS = [
    ("ngo-forum-rep", "Representative, NGO Forum on Cambodia", "ngo-forum", "NGO representative in TWGs"),
    ("ccc-rep", "Representative, Cooperation Committee for Cambodia", "ccc", "NGO representative in TWGs"),
    ("medicam-rep", "Representative, MEDiCAM", "medicam", "Health NGO representative"),
    ("cdc-officer", "Secretariat Officer, CDC", "cdc", "Aid coordination officer, CRDB/CDC secretariat"),
    ("tpi-lead", "Programme Lead, The Partnering Initiative", "tpi", "Programme lead, TPI"),
    ("tpi-facilitator", "Partnership Facilitator, TPI", "tpi", "Facilitator"),
    ("vbnk-lead", "Programme Manager, VBNK", "vbnk", "Programme manager"),
    ("vbnk-facilitator", "Facilitator, VBNK", "vbnk", "Facilitator"),
    ("vbnk-trainer", "Partnering Skills Trainer, VBNK", "vbnk", "Trainer"),
]
for person, name, org, title in OTHERS:
    ev("person.registered", DIRECTORY_DAY, d(person=person, name=name, org=org, title=title), PEOPLE_SRC)

TEAM = ["tpi-lead", "tpi-facilitator", "vbnk-lead", "vbnk-facilitator"]

# ---- stage 1: Engagement and Inception (June 2009) -----------------------

ev("stage.started", "2009-06-01", d(stage=1), "TPI-VBNK inception report", TEAM_OP)

INCEPTION = "inception-meeting-2009"
ev("meeting.held", "2009-06-10",
   d(meeting=INCEPTION, kind="other", title="Inception Meeting, Making Partnerships Effective (10 June 2009)",
     partnerships=[pid(k) for k in KEYS],
     attendees=["cdc-officer", "chair-ph", "lead-ph", "cofac-ph"] + TEAM + ["chair-health", "chair-education",
                                                                       "chair-dd", "lead-pfm", "lead-land"]),
   "Inception Meeting notes", TEAM_OP)

THEMES = ["added_value", "effectiveness_reasons", "local_context", "expectations"]
# 18 of the 19 TWGs were interviewed; infrastructure was not; mine-action's
# interview is typed in later (a back-dated entry, in stage 3 below).
INTERVIEW_DAYS = ["2009-06-11", "2009-06-12", "2009-06-12", "2009-06-15", "2009-06-15", "2009-06-16",
                  "2009-06-16", "2009-06-18", "2009-06-18", "2009-06-19", "2009-06-19", "2009-06-22",
                  "2009-06-22", "2009-06-23", "2009-06-24", "2009-06-25", "2009-06-26"]
interviewed = [k for k in KEYS if k not in ("infrastructure", "mine-action")]
assert len(interviewed) == 17
for k, day in zip(interviewed, INTERVIEW_DAYS):
    ev("interview.held", day,
       d(interview=f"int-{k}", partnership=pid(k), format="individual", side="government",
         interviewees=[f"chair-{k}"] + ([f"sec-{k}"] if k in ("health", "pfm", "dd", "land", "ph") else []),
         themes=THEMES),
       f"TPI-VBNK interview notes, {tname(k)}", TEAM_OP)
half = len(KEYS) // 2
ev("interview.held", "2009-06-17",
   d(interview="fg-dp-1", format="focus_group", side="development_partner",
     interviewees=[f"lead-{k}" for k in KEYS[:half]] + ["cofac-health", "cofac-education"], themes=THEMES,
     notes="First development-partner focus group: TWG lead facilitators and donor agency representatives."),
   "Focus group notes, 17 June 2009", TEAM_OP)
ev("interview.held", "2009-06-23",
   d(interview="fg-dp-2", format="focus_group", side="development_partner",
     interviewees=[f"lead-{k}" for k in KEYS[half:]] + ["cofac-infrastructure", "cofac-pfm", "cofac-ph"],
     themes=THEMES,
     notes="Second development-partner focus group; repeated the Inception Meeting's request to identify and apply success factors for partnerships."),
   "Focus group notes, 23 June 2009", TEAM_OP)

SWOT_SRC = "Inception report: SWOT analysis of the interviews, June 2009"


def finding(fid, on, swot, theme, text, origin, side=None, partnership=None, review=None, source=SWOT_SRC,
            op=TEAM_OP):
    return ev("finding.recorded", on,
              d(finding=fid, partnership=partnership, origin=origin, swot=swot, theme=theme, text=text,
                side=side, review=review), source, op)


finding("f-ready-gov", "2009-06-29", "strength", "enabling_environment",
        "\u201cThings have changed ...we are now ready to move forward more quickly.\u201d All those interviewed feel "
        "the time is right for a significant step forward to take the TWG partnerships to a new level.",
        "interview", "government")
finding("f-fresh-dp", "2009-06-29", "opportunity", "enabling_environment",
        "\u201cWe need a fresh way to look at old issues and build on what we have done so far in new ways.\u201d",
        "focus_group", "development_partner")
finding("f-ia-gov", "2009-06-29", "weakness", "institutional_arrangements",
        "Many TWG meetings are mostly information sharing; decisions are taken elsewhere, so senior officials "
        "find the added value of the TWG hard to see.", "interview", "government")
DUP = finding("f-ia-gov-2", "2009-06-29", "weakness", "institutional_arrangements",
              "Many TWG meetings are mostly information sharing; decisions are taken elsewhere, so senior officials "
              "find the added value of the TWG hard to see.", "interview", "government")
finding("f-ia-dp", "2009-06-29", "weakness", "institutional_arrangements",
        "Secretariats are thinly staffed: follow-up between meetings depends on a few committed individuals.",
        "focus_group", "development_partner")
finding("f-ia-dp-turnover", "2009-06-29", "threat", "institutional_arrangements",
        "Staff turnover on both sides means relationships built by key individuals are lost; engagement has to "
        "reach the partner organisations, not only their representatives.", "focus_group", "development_partner")
finding("f-env-gov", "2009-06-30", "threat", "enabling_environment",
        "Too many meetings and missions compete for the time of the same few senior officials.",
        "interview", "government")
finding("f-env-dp", "2009-06-30", "threat", "enabling_environment",
        "Headquarters procedures and reporting rules limit how far development partners can use government systems.",
        "focus_group", "development_partner")
finding("f-roles-gov", "2009-06-30", "weakness", "roles",
        "The lead facilitator's role is read differently across TWGs: in some a co-chair, in others a note-taker.",
        "interview", "government")
finding("f-roles-dp", "2009-06-30", "weakness", "roles",
        "Development partners are unsure how far to lead and how far to step back: government ownership is asked "
        "for but room for it is not always made.", "focus_group", "development_partner")
finding("f-roles-strength", "2009-06-30", "strength", "roles",
        "Where the chair and the lead facilitator meet before each TWG meeting, agendas are shared and decisions follow.",
        "interview", "government")
finding("f-paris-gov", "2009-06-30", "opportunity", "paris_principles",
        "The NSDP update 2009-2013 gives every TWG a common reference for aligning its action plan (ownership, alignment).",
        "interview", "government")
finding("f-paris-dp", "2009-06-30", "weakness", "paris_principles",
        "Harmonisation among development partners lags: parallel missions and separate reporting continue.",
        "focus_group", "development_partner")
finding("f-paris-jmi", "2009-06-30", "strength", "paris_principles",
        "Joint Monitoring Indicators give the TWGs shared commitments and a reason to meet (mutual accountability).",
        "focus_group", "development_partner")
finding("f-success-factors", "2009-06-30", "opportunity", "other",
        "Both partner groups asked, at the Inception Meeting (10 June 2009) and in the focus groups, for success "
        "factors for partnerships to be identified and applied.", "meeting")
finding("f-land-openness", "2009-06-30", "weakness", "roles",
        "Sensitive issues are raised outside the TWG rather than in it; the TWG is not yet a place for frank discussion.",
        "interview", "government", partnership=pid("land"))
finding("f-hiv-strength", "2009-06-30", "strength", "institutional_arrangements",
        "A joint programme review cycle is already in place and both sides point to it as what makes the TWG work.",
        "interview", "government", partnership=pid("hiv-aids"))

ev("stage.completed", "2009-06-30",
   d(stage=1, summary="Interviews held with key individuals of 18 TWGs and with development partners in two focus "
                      "groups; the Inception Meeting (10 June 2009) asked for success factors for partnerships; the "
                      "SWOT analysis shows remarkable alignment between the two partner groups on institutional "
                      "arrangements, the enabling environment, roles and the Paris Declaration principles."),
   "TPI-VBNK inception report", TEAM_OP)

ev("event.retracted", "2009-07-06",
   d(event=DUP, reason="Recorded twice from the same interview notes; f-ia-gov holds this finding."),
   "Correction by the TPI-VBNK team", TEAM_OP)

# ---- baseline health checks (August 2009, preparation for the Strategic Meeting) --

# respondent -> scores [shared_goal, co_creation, inclusive_transparent, engagement, review_revision]
BASELINE = {
    "health": {"chair": [4, 4, 3, 3, 2], "sec": [4, 4, 4, 3, 2], "lead": [3, 2, 3, 2, 2], "cofac": [3, 2, 2, 3, 2],
               "medicam-rep": [3, 2, 2, 2, 2]},
    "education": {"chair": [4, 3, 3, 3, 2], "sec": [4, 3, 3, 2, 2], "lead": [3, 3, 2, 2, 2], "cofac": [4, 3, 3, 2, 2]},
    "land": {"chair": [4, 4, 4, 3, 3], "sec": [4, 4, 3, 3, 3], "lead": [2, 2, 2, 2, 2],
             "ngo-forum-rep": [2, None, 1, 2, 2]},
    "pfm": {"chair": [3, 3, 3, 2, 3], "sec": [3, 3, 3, 2, 3], "lead": [3, 3, 3, 2, 2], "cofac": [3, 3, 2, 2, 2]},
    "dd": {"chair": [4, 3, 4, 3, 2], "sec": [4, 3, 4, 3, 2], "lead": [3, 3, 2, 2, 2], "ccc-rep": [3, 2, 2, 2, 2]},
    "agriculture-water": {"chair": [3, 3, 2, 2, 2], "sec": [3, 2, 2, 2, 2], "lead": [3, 2, 2, 2, 1]},
    "hiv-aids": {"chair": [4, 4, 4, 3, 3], "sec": [4, 4, 4, 3, 4], "lead": [4, 3, 4, 3, 3],
                 "ngo-forum-rep": [4, 3, 3, 3, 3]},
    "ph": {"chair": [4, 4, 3, 3, 2], "sec": [4, 4, 3, 3, 2], "lead": [3, 2, 3, 3, 2], "cofac": [3, 2, 3, 2, 2]},
    "rwssh": {"chair": [3, 3, 3, 2, 2], "sec": [3, 3, 3, 2, 2], "lead": [3, 3, 3, 2, 1]},
    "gender": {"chair": [3, 3, 3, 4, 2], "sec": [3, 3, 3, 4, 2], "lead": [4, 3, 3, 2, 2]},
}
FOLLOWUP = {
    "health": {"chair": [4, 4, 4, 4, 3], "sec": [4, 4, 4, 4, 3], "lead": [4, 3, 3, 3, 3], "cofac": [4, 3, 4, 3, 3],
               "medicam-rep": [3, 3, 3, 3, 3]},
    "education": {"chair": [4, 4, 3, 3, 3], "sec": [4, 4, 3, 3, 3], "lead": [4, 3, 3, 3, 3], "cofac": [4, 3, 3, 3, 3]},
    "land": {"chair": [4, 4, 4, 3, 3], "sec": [4, 4, 4, 3, 3], "lead": [2, 2, 3, 2, 3],
             "ngo-forum-rep": [2, 2, 2, 2, 2]},
    "pfm": {"chair": [4, 3, 3, 3, 4], "sec": [4, 3, 3, 3, 4], "lead": [3, 3, 3, 3, 3], "cofac": [3, 3, 3, 3, 3]},
    "dd": {"chair": [4, 4, 4, 3, 3], "sec": [4, 4, 4, 3, 3], "lead": [4, 3, 3, 3, 3], "ccc-rep": [3, 3, 3, 3, 3]},
    "agriculture-water": {"chair": [3, 3, 3, 3, 3], "lead": [3, 3, 2, 2, 3]},
    "hiv-aids": {"chair": [5, 4, 4, 4, 4], "sec": [5, 4, 4, 4, 4], "lead": [4, 4, 4, 4, 4],
                 "ngo-forum-rep": [4, 4, 4, 3, 4]},
    "ph": {"chair": [5, 4, 4, 4, 4], "sec": [4, 4, 4, 4, 4], "lead": [4, 4, 3, 3, 4], "cofac": [4, 4, 3, 3, 4],
           "ccc-rep": [4, 3, 4, 3, 3]},
}
RESP_DAYS = ["2009-08-10", "2009-08-12", "2009-08-17", "2009-08-19", "2009-08-24"]
BASE_COMMENTS = {
    ("health", "lead"): "The agenda is mostly set by the ministry; development partners are asked to react rather than to shape it.",
    ("health", "chair"): "Development partners often come with positions agreed among themselves beforehand.",
    ("land", "lead"): "We do not yet share an understanding of what the TWG is for beyond information exchange.",
    ("land", "ngo-forum-rep"): "Civil society is invited late and papers arrive on the day.",
    ("dd", "lead"): "Decisions are prepared in small groups; the wider membership hears of them afterwards.",
    ("gender", "chair"): "Line ministries' gender focal points now attend regularly.",
    ("gender", "lead"): "Engagement rests on a few individuals; agencies do not yet send senior staff.",
    ("ph", "lead"): "The work programme is drafted by the secretariat and presented for comment.",
}


def person_for(k, role):
    return f"{role}-{k}" if role in ("chair", "sec", "lead", "cofac") else role


def scores_of(xs):
    return OrderedDict((c, s) for c, s in zip(CRITERIA, xs) if s is not None)


def fmt(x):
    return f"{x:.1f}"


def run_review(k, rid, kind, opened, next_due, table, days, concluded_on, summary_lead, comments=None,
               opened_src=None):
    p = pid(k)
    ev("review.opened", opened, d(review=rid, partnership=p, kind=kind, framework="effectiveness", next_due=next_due),
       opened_src or f"Health check form sent to the {tname(k)}", TEAM_OP)
    for i, (role, xs) in enumerate(table[k].items()):
        ev("review.response", days[min(i, len(days) - 1)],
           d(review=rid, respondent=person_for(k, role), scores=scores_of(xs),
             comment=(comments or {}).get((k, role))),
           f"Health check form returned, {tname(k)}", TEAM_OP)
    allm, by_side, div = CHECK.review_means(rid)
    if concluded_on:
        gov, dp = by_side["government"], by_side["development_partner"]
        parts = [f"{c.replace('_', ' ')}: government {fmt(gov[c])}, development partners {fmt(dp[c])}" for c in div]
        text = summary_lead + (" Views diverge on " + "; ".join(parts) + "." if div
                               else " Government and development-partner views are within a point on every mark.")
        ev("review.concluded", concluded_on, d(review=rid, summary=text),
           f"Health check summary, {tname(k)}", TEAM_OP)
    return div


BASE_DIV = {}
for k in BASELINE:
    BASE_DIV[k] = run_review(
        k, f"hc-{k}-2009", "health_check", "2009-08-03", "2010-03-31", BASELINE, RESP_DAYS, "2009-09-04",
        "Baseline health check before the Strategic Meeting: partners scored the five marks of an effective "
        "partnership separately.", BASE_COMMENTS)
assert BASE_DIV["health"] == ["co_creation"], BASE_DIV["health"]
assert BASE_DIV["land"] == ["shared_goal", "co_creation"], BASE_DIV["land"]
assert BASE_DIV["dd"] == ["inclusive_transparent"], BASE_DIV["dd"]
assert BASE_DIV["ph"] == ["co_creation"], BASE_DIV["ph"]
assert BASE_DIV["gender"] == ["engagement"], BASE_DIV["gender"]

REV_SRC = "Baseline health check results, presented at the Strategic Meeting"
finding("f-hc-health-cocreation", "2009-09-04", "weakness", "roles",
        "Government and development partners read co-creation differently: the ministry sees DPs arriving with "
        "fixed positions, DPs see an agenda set by the ministry.", "review", partnership=pid("health"),
        review="hc-health-2009", source=REV_SRC)
finding("f-hc-land-goal", "2009-09-04", "weakness", "institutional_arrangements",
        "No shared view of the TWG's purpose: the two sides are two points apart on shared goal and on co-creation.",
        "review", partnership=pid("land"), review="hc-land-2009", source=REV_SRC)
finding("f-hc-dd-transparency", "2009-09-04", "weakness", "institutional_arrangements",
        "Development partners and NGOs find decisions prepared in small groups; government partners see an open process.",
        "review", partnership=pid("dd"), review="hc-dd-2009", source=REV_SRC)
finding("f-hc-gender-engagement", "2009-09-04", "threat", "roles",
        "Engagement rests on key individuals in the development partner agencies.", "review",
        partnership=pid("gender"), review="hc-gender-2009", source=REV_SRC)
finding("f-hc-hiv-strength", "2009-09-04", "strength", "paris_principles",
        "Highest overall score of the baseline health checks; the joint review cycle is the TWG's strength.", "review",
        partnership=pid("hiv-aids"), review="hc-hiv-aids-2009", source=REV_SRC)
finding("f-hc-review-weak", "2009-09-04", "weakness", "other",
        "Across the ten TWGs that took the baseline health check, 'regularly reviewed and revised' scores lowest.",
        "review", source=REV_SRC)

def _overall(r):
    allm, _, _ = CHECK.review_means(r)
    return sum(allm.values()) / len(allm)


assert max(BASELINE, key=lambda k: _overall(f"hc-{k}-2009")) == "hiv-aids"
_crit_means = {c: sum(CHECK.review_means(f"hc-{k}-2009")[0][c] for k in BASELINE) / len(BASELINE) for c in CRITERIA}
assert min(_crit_means, key=_crit_means.get) == "review_revision", _crit_means

# ---- stage 2: the Strategic Meeting, 9-11 September 2009 -----------------

ev("stage.started", "2009-09-09", d(stage=2), "Strategic Meeting programme", TEAM_OP)
STRATEGIC = "strategic-meeting-2009"
FORUM = "Strategic Meeting, 9\u201311 September 2009"
attendees = []
for k in KEYS:
    attendees += [f"chair-{k}", f"lead-{k}"] + ([f"cofac-{k}"] if TWG[k][5] else [])
attendees += ["sec-ph", "sec-health", "ngo-forum-rep", "ccc-rep", "medicam-rep", "cdc-officer"] + TEAM + ["vbnk-trainer"]
ev("meeting.held", "2009-09-09",
   d(meeting=STRATEGIC, kind="strategic_meeting",
     title="Strategic Meeting on Making Partnerships Effective, 9\u201311 September 2009",
     partnerships=[pid(k) for k in KEYS], attendees=attendees),
   "Strategic Meeting attendance list", TEAM_OP)

SM_SRC_PROP = "Strategic Meeting minutes, day 2 (TWG group work)"
SM_SRC_END = "Strategic Meeting minutes, day 3 (plenary endorsements)"


def principles_text(k):
    return (f"Partnership principles of the {tname(k)}, agreed by its government and development partners:\n"
            "1. Equity: every partner has a right to be at the table and every contribution counts, not only money.\n"
            "2. Transparency: papers circulate a week before each meeting; minutes within two weeks after.\n"
            "3. Mutual benefit: each partner states what it needs from the TWG as well as what it brings.\n"
            f"4. Ownership: the Government chair ({SHORT[TWG[k][2]]}) leads; development partners align their "
            "support with the NSDP update 2009-2013 and speak through the lead facilitator.\n"
            "5. Learning: the TWG reviews how it works together at least once a year and revises these principles "
            "when needed.")


def measures_text(k):
    return (f"Success measures of the {tname(k)}:\n"
            "- TWG meetings held at least quarterly, chaired at senior level, with decisions recorded;\n"
            "- the TWG's Joint Monitoring Indicators reported to the GDCC on schedule, with reasons for any delay;\n"
            "- a joint health check each year, scored by both sides on the five marks of an effective partnership;\n"
            "- development partner support in the sector reported through the TWG action plan.")


# ---- signed endorsements (issue 14; illustrative) ----------------------------
# A few people sign their endorsements with Ed25519 keys (docs/signatures.md).
# The private keys in src/example/keys/ are test fixtures, committed so that
# the example is reproducible: EXAMPLE ONLY, NEVER USE THEM FOR ANYTHING.
# Ed25519 signatures are deterministic, so `ssh-keygen -Y sign` gives the
# same signature every time the script runs.
KEYS_DIR = os.path.join(HERE, "keys")
SIGNERS = ["chair-health", "lead-health", "chair-ph", "lead-ph"]


def public_key(person):
    with open(os.path.join(KEYS_DIR, person + ".pub"), encoding="utf-8") as f:
        return " ".join(f.read().split()[:2])


def version_of(a, version):
    """(title, text) of version N of agreement `a`, from the events so far."""
    versions = []
    for e in EVENTS:
        x = e["data"]
        if e["type"] == "agreement.proposed" and x["agreement"] == a:
            versions.append((x["title"], x["text"]))
        elif e["type"] == "agreement.revised" and x["agreement"] == a:
            versions.append((x.get("title", versions[-1][0]), x["text"]))
    return versions[version - 1]


def statement(a, version, person, on):
    """The endorsement statement, format v1, as accord builds it (events/src/signature.rs)."""
    programme = [e["data"]["name"] for e in EVENTS if e["type"] == "programme.defined"][-1]
    title, text = version_of(a, version)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return (f"accord endorsement statement v1\nprogramme: {programme}\nagreement: {a}\nversion: {version}\n"
            f"title: {title}\ntext-sha256: {sha}\nperson: {person}\ndate: {on}\n\n"
            f"I, {person}, endorse version {version} of agreement {a}, whose text has the SHA-256 above, on {on}.\n")


def sign(person, message):
    """`ssh-keygen -Y sign` of `message` with the person's example key."""
    with tempfile.TemporaryDirectory() as tmp:
        key = os.path.join(tmp, "key")
        shutil.copyfile(os.path.join(KEYS_DIR, person), key)
        os.chmod(key, 0o600)  # ssh-keygen refuses a key others can read
        out = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", key, "-n", "accord-endorsement"],
                             input=message.encode("utf-8"), capture_output=True, check=True)
    return out.stdout.decode("ascii")


def endorse(a, version, people, on, forum=None, source=None, op=CDC_OP, signed=()):
    return [ev("agreement.endorsed", on,
               d(agreement=a, version=version, by=p, forum=forum,
                 signature=sign(p, statement(a, version, p, on)) if p in signed else None), source, op)
            for p in people]


WRONG_ENDORSEMENT = None
for k in KEYS:
    p = pid(k)
    ev("agreement.proposed", "2009-09-10",
       d(agreement=f"pp-{k}", partnership=p, kind="principles", title=f"Partnership principles, {tname(k)}",
         text=principles_text(k), proposed_by=f"chair-{k}"), SM_SRC_PROP)
    ev("agreement.proposed", "2009-09-10",
       d(agreement=f"sm-{k}", partnership=p, kind="success_measures", title=f"Success measures, {tname(k)}",
         text=measures_text(k), proposed_by=f"lead-{k}"), SM_SRC_PROP)

for k in KEYS:
    endorse(f"pp-{k}", 1, [f"chair-{k}", f"lead-{k}"], "2009-09-11", FORUM, SM_SRC_END)
    if k == "land":
        # the development partners held back on the success measures: still a draft
        endorse(f"sm-{k}", 1, [f"chair-{k}"], "2009-09-11", FORUM, SM_SRC_END)
    elif k == "education":
        ids = endorse(f"sm-{k}", 1, [f"chair-{k}", f"lead-{k}", f"cofac-{k}"], "2009-09-11", FORUM, SM_SRC_END)
        WRONG_ENDORSEMENT = ids[2]
    else:
        endorse(f"sm-{k}", 1, [f"chair-{k}", f"lead-{k}"], "2009-09-11", FORUM, SM_SRC_END)

# civil society's own proposal: endorsed by the NGO Forum only, still a draft
ev("agreement.proposed", "2009-09-10",
   d(agreement="cs-forestry-environment", partnership=pid("forestry-environment"), kind="principles",
     title="Civil society participation in the TWG on Forestry and Environment",
     text="NGO members receive TWG papers with the other members, may place items on the agenda through the "
          "secretariat, and report back to their networks; the TWG hears community forestry and protected-area "
          "NGOs at least twice a year.",
     proposed_by="ngo-forum-rep"), SM_SRC_PROP)
endorse("cs-forestry-environment", 1, ["ngo-forum-rep"], "2009-09-11", FORUM, SM_SRC_END)

# the follow-up programme agreed at the Strategic Meeting (TWG on Partnership and Harmonization)
ev("agreement.proposed", "2009-09-11",
   d(agreement="fu-2009", partnership=pid("ph"), kind="follow_up",
     title="Follow-up programme to the Strategic Meeting, October 2009 \u2013 August 2010",
     text="The TWGs, through the TWG on Partnership and Harmonization, agree a follow-up programme facilitated by "
          "TPI-VBNK: a rolling programme of one-day partnering skills trainings for secretariat staff; case studies "
          "of effective TWG partnerships; a permanent partnership resource centre at CDC; a cadre of partnership "
          "specialists; and a second health check in each participating TWG before the end of the programme.",
     proposed_by="lead-ph"), SM_SRC_END)
endorse("fu-2009", 1, ["chair-ph", "lead-ph", "cofac-ph"], "2009-09-11", FORUM, SM_SRC_END)

SM_COMMIT_SRC = "Strategic Meeting: TWG practical plans for moving forward"
COMMITMENTS = [
    # id, twg, text, owner, due, origin
    ("c-health-1", "health", "Agree TWG terms of reference that reflect the common partnership principles.", "moh",
     "2009-12-31", STRATEGIC),
    ("c-health-2", "health", "Hold a second joint health check and share the results with the GDCC.", "moh",
     "2010-03-31", "hc-health-2009"),
    ("c-health-3", "health", "Development partners agree one position through the lead facilitator before every TWG meeting.",
     "who", "2010-01-31", "pp-health"),
    ("c-education-1", "education", "Circulate TWG minutes within two weeks of each meeting.", "moeys", "2009-12-31",
     STRATEGIC),
    ("c-education-2", "education", "Write up the joint sector review as a case study for the resource centre.", "ec",
     "2010-02-28", STRATEGIC),
    ("c-land-1", "land", "Revise the TWG terms of reference to give civil society a place in the TWG.", "mlmupc",
     "2009-12-31", STRATEGIC),
    ("c-land-2", "land", "Agree success measures that both sides can endorse.", "gtz", "2010-03-31", "sm-land"),
    ("c-pfm-1", "pfm", "Agree one consolidated action plan covering all development partner support to PFM reform.",
     "mef", "2010-01-31", STRATEGIC),
    ("c-pfm-2", "pfm", "Development partners report planned disbursements to the TWG every quarter.", "worldbank",
     "2010-06-30", "pp-pfm"),
    ("c-dd-1", "dd", "Hold a second joint health check with NCDD, development partners and NGOs.", "ncdd",
     "2010-04-30", "hc-dd-2009"),
    ("c-dd-2", "dd", "Open TWG meetings to provincial and NGO representatives as observers.", "ncdd", "2010-06-30",
     "pp-dd"),
    ("c-ph-1", "ph", "Set up the partnership resource centre at CDC.", "crdb", "2009-11-30", "fu-2009"),
    ("c-ph-2", "ph", "Nominate secretariat staff from every TWG for the one-day partnering trainings.", "cdc",
     "2009-10-15", STRATEGIC),
    ("c-ph-3", "ph", "Compile the TWG health check results for the GDCC.", "crdb", "2010-06-30", STRATEGIC),
    ("c-ph-4", "ph", "Identify candidates for a cadre of partnership specialists.", "crdb", "2010-03-31", "fu-2009"),
    ("c-agriculture-water-1", "agriculture-water", "Merge the agriculture and water action plans into one TWG action plan.",
     "maff", "2009-12-31", STRATEGIC),
    ("c-hiv-aids-1", "hiv-aids", "Share the joint programme review as a case study with other TWGs.", "naa",
     "2010-01-31", STRATEGIC),
    ("c-rwssh-1", "rwssh", "Hold a second joint health check before the end of March 2010.", "mrd", "2010-03-31",
     "hc-rwssh-2009"),
    ("c-gender-1", "gender", "Invite gender focal points of the line ministries to report at every TWG meeting.",
     "mowa", "2010-06-30", "hc-gender-2009"),
    ("c-fisheries-1", "fisheries", "Hold TWG meetings every quarter, with minutes circulated.", "fia", "2010-03-31",
     STRATEGIC),
    ("c-food-security-1", "food-security", "Publish a quarterly TWG bulletin for members and provincial partners.",
     "card", "2010-03-31", STRATEGIC),
    ("c-legal-judicial-1", "legal-judicial", "Agree TWG terms of reference with the Council for Legal and Judicial Reform.",
     "cljr", "2010-03-31", STRATEGIC),
    ("c-psd-1", "psd", "Review how the TWG works with the Government\u2013Private Sector Forum working groups.", "moc",
     "2010-05-31", STRATEGIC),
    ("c-infrastructure-1", "infrastructure", "Agree the TWG's terms of reference and a meeting calendar.", "mpwt",
     "2010-06-30", STRATEGIC),
    ("c-par-1", "par", "Nominate two secretariat staff for the partnership specialist cohort.", "car", "2010-03-31",
     "fu-2009"),
    ("c-planning-poverty-1", "planning-poverty", "Align TWG reporting with the NSDP update 2009-2013 monitoring framework.",
     "mop", "2010-06-30", STRATEGIC),
]
for cid, k, text, owner, due, origin in COMMITMENTS:
    ev("commitment.made", "2009-09-11",
       d(commitment=cid, partnership=pid(k), text=text, owner=owner, due=due, origin=origin), SM_COMMIT_SRC)

ev("stage.completed", "2009-09-11",
   d(stage=2, summary="Senior government and development partner leaders of all 19 TWGs met for three days. Each TWG "
                      "proposed common partnership principles and success measures; principles were endorsed by both "
                      "sides in every TWG, success measures in all but the TWG on Land. The TWGs agreed a follow-up "
                      "programme and " + str(len(COMMITMENTS)) + " commitments with owners and due dates."),
   "Strategic Meeting report", TEAM_OP)

ev("event.retracted", "2009-09-14",
   d(event=WRONG_ENDORSEMENT,
     reason="Entered from the attendance list by mistake: the co-facilitator was present but did not endorse; "
            "the lead facilitator endorsed for the development partners."),
   "Check of the endorsement sheets against the minutes", CDC_OP)

# ---- stage 3: Follow-up (October 2009 - January 2010) --------------------

ev("stage.started", "2009-10-01", d(stage=3), "Follow-up work plan", TEAM_OP)

ev("partner.joined", "2009-10-15", d(partnership=pid("ph"), org="ccc", role="member"),
   "TWG on Partnership and Harmonization minutes, 15 October 2009")


def report(cid, on, status, by=None, note=None, source=None):
    return ev("commitment.reported", on, d(commitment=cid, status=status, reported_by=by, note=note),
              source or "TWG progress report to the secretariat")


def activity(aid, on, kind, title, partnerships=None, participants=None, source=None):
    return ev("activity.delivered", on, d(activity=aid, kind=kind, title=title, partnerships=partnerships,
                                        participants=participants),
              source or "TPI-VBNK activity report", TEAM_OP)


report("c-ph-2", "2009-10-14", "completed", "cdc-officer", "Nominations received from 17 TWG secretariats.")
activity("trn-01", "2009-10-20", "training", "One-day partnering skills training: the role of a TWG secretariat",
         [pid(k) for k in KEYS if k not in ("fisheries", "infrastructure")], 34)

# a back-dated entry: the mine-action interview of June, typed in only now
ev("interview.held", "2009-06-25",
   d(interview="int-mine-action", partnership=pid("mine-action"), format="individual", side="government",
     interviewees=["chair-mine-action"], themes=THEMES,
     notes="Interview held in June; the notes were mislaid and typed in during October."),
   "TPI-VBNK interview notes, TWG on Mine Action (typed in October 2009)", TEAM_OP)

report("c-health-1", "2009-11-05", "on_schedule", "sec-health", "Draft terms of reference circulated to members.")
activity("trn-02", "2009-11-10", "training", "One-day training: running effective TWG meetings",
         [pid(k) for k in ("health", "education", "dd", "pfm", "land", "gender", "rwssh", "ph")], 28)

TOR_TEXT = ("Terms of reference of the {t}: purpose (a forum where the Government and its development partners "
            "agree priorities, align support and monitor the sector's Joint Monitoring Indicators); membership and "
            "roles (chair, lead facilitator, secretariat, members from government, development partners and NGOs); "
            "meetings at least quarterly; decisions by consensus, recorded in minutes circulated within two weeks; "
            "reporting to the GDCC every six months; an annual joint health check; the partnership principles "
            "endorsed at the Strategic Meeting apply.")


def tor(k, prop_on, end_on, endorsers, meeting_title=None, source=None):
    a = f"tor-{k}"
    ev("agreement.proposed", prop_on,
       d(agreement=a, partnership=pid(k), kind="terms_of_reference", title=f"Terms of reference, {tname(k)}",
         text=TOR_TEXT.format(t=tname(k)), proposed_by=f"sec-{k}"), source or f"{tname(k)} meeting papers")
    endorse(a, 1, endorsers, end_on, meeting_title, source or f"{tname(k)} minutes")
    return a


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def twg_meeting(k, on, extra=()):
    """A TWG's own meeting; returns its title (used as the endorsements' forum)."""
    y, m, day = on.split("-")
    title = f"{tname(k)} meeting, {int(day)} {MONTHS[int(m) - 1]} {y}"
    people = [f"chair-{k}", f"sec-{k}", f"lead-{k}"] + ([f"cofac-{k}"] if TWG[k][5] else []) + list(extra)
    ev("meeting.held", on, d(meeting=f"twg-{k}-{y}-{m}", kind="partnership_meeting", title=title,
                             partnerships=[pid(k)], attendees=people), f"{tname(k)} minutes, {int(day)} {MONTHS[int(m) - 1]} {y}")
    return title


twg_meeting("health", "2009-11-18", ["medicam-rep"])
tor("health", "2009-11-04", "2009-11-18", ["chair-health", "lead-health", "medicam-rep"],
    "TWG on Health meeting, 18 November 2009")
report("c-health-1", "2009-11-18", "completed", "sec-health", "Terms of reference endorsed by both sides.")
report("c-education-1", "2009-11-20", "on_schedule", "sec-education")

activity("trn-03", "2009-11-26", "training", "One-day training: partnering agreements and terms of reference",
         [pid(k) for k in ("education", "dd", "pfm", "legal-judicial", "infrastructure", "psd", "ph")], 22)
activity("res-01", "2009-11-30", "resource",
         "Partnership resource centre opened at CDC: partnering toolbook, templates, TWG case studies (Khmer and English)",
         [pid(k) for k in KEYS])
report("c-ph-1", "2009-11-30", "completed", "cdc-officer", "Resource centre opened in the CRDB/CDC library.")

tor("education", "2009-11-25", "2009-12-03", ["chair-education", "lead-education", "cofac-education"],
    twg_meeting("education", "2009-12-03", ["ngo-forum-rep"]))
tor("dd", "2009-11-27", "2009-12-08", ["chair-dd", "lead-dd", "ccc-rep"],
    twg_meeting("dd", "2009-12-08", ["ngo-forum-rep", "ccc-rep"]))
activity("trn-04", "2009-12-09", "training", "One-day training: reviewing and revising a partnership (health checks)",
         [pid(k) for k in ("health", "education", "dd", "pfm", "land", "agriculture-water", "hiv-aids", "ph",
                           "rwssh", "gender")], 26)

AP_TEXT = ("Action plan of the {t} for 2010: the sector's Joint Monitoring Indicators with the action needed, the "
           "responsible government institution, the resources and the timeframe for each; development partner "
           "support mapped against each action; progress reported to the GDCC every six months as on or behind "
           "schedule, with the reason for any delay.")


def action_plan(k, prop_on, end_on, endorsers, by=None, forum=None):
    a = f"ap-{k}"
    ev("agreement.proposed", prop_on,
       d(agreement=a, partnership=pid(k), kind="action_plan", title=f"Action plan 2010, {tname(k)}",
         text=AP_TEXT.format(t=tname(k)), proposed_by=by or f"sec-{k}"), f"{tname(k)} meeting papers")
    endorse(a, 1, endorsers, end_on, forum, f"{tname(k)} minutes")
    return a


action_plan("hiv-aids", "2009-12-01", "2009-12-10", ["chair-hiv-aids", "lead-hiv-aids", "ngo-forum-rep"])
activity("cs-01", "2009-12-15", "case_study", "Case study: the TWG on HIV/AIDS and its joint programme review",
         [pid("hiv-aids")])
report("c-hiv-aids-1", "2009-12-15", "completed", "sec-hiv-aids", "Case study published in the resource centre.")
action_plan("mine-action", "2009-12-02", "2009-12-16", ["chair-mine-action", "lead-mine-action"])
ev("commitment.made", "2009-12-16",
   d(commitment="c-mine-action-1", partnership=pid("mine-action"),
     text="Joint field visit by the chair and development partners to the most mine-affected districts.",
     owner="cmaa", due="2010-02-28", origin="ap-mine-action"), "TWG on Mine Action minutes")
action_plan("health", "2009-12-07", "2009-12-17", ["chair-health", "lead-health", "cofac-health"])
tor("pfm", "2009-12-10", "2009-12-18", ["chair-pfm", "lead-pfm", "cofac-pfm"], twg_meeting("pfm", "2009-12-18"))

report("c-education-1", "2010-01-12", "completed", "sec-education", "Minutes of every meeting since October out within two weeks.")
report("c-agriculture-water-1", "2010-01-15", "behind_schedule", "sec-agriculture-water",
       "MOWRAM inputs still awaited; merged plan now expected in February.")
activity("res-02", "2010-01-15", "resource", "Khmer-English glossary of partnering terms for TWG secretariats",
         [pid(k) for k in KEYS])
activity("trn-05", "2010-01-19", "training", "One-day training: facilitation and negotiation skills for TWG leaders",
         [pid(k) for k in KEYS if k not in ("fisheries",)], 30)
report("c-land-1", "2010-01-20", "behind_schedule", "sec-land", "Draft circulated; no TWG meeting held since October.")
report("c-gender-1", "2010-01-20", "on_schedule", "sec-gender")
activity("cs-02", "2010-01-22", "case_study", "Case study: the TWG on Health, from information sharing to joint decisions",
         [pid("health")])
report("c-pfm-1", "2010-01-25", "completed", "sec-pfm", "Consolidated action plan agreed at the December meeting.")
report("c-health-3", "2010-01-28", "completed", "lead-health", "Pre-meeting DP briefings held before every TWG meeting since October.")
ev("stage.completed", "2010-01-29",
   d(stage=3, summary="Five one-day partnering skills trainings (140 participants in all), the partnership resource "
                      "centre opened at CDC, two case studies (HIV/AIDS, Health), terms of reference adopted in four "
                      "TWGs and action plans in three. Several Strategic Meeting commitments are behind schedule "
                      "(Land, Agriculture and Water)."),
   "TPI-VBNK stage 3 report to CDC", TEAM_OP)

# ---- stage 4: Further Follow-up and Recommendations (February - August 2010) --

ev("stage.started", "2010-02-01", d(stage=4), "Stage 4 work plan", TEAM_OP)
ev("meeting.held", "2010-02-05",
   d(meeting="steering-2010-02", kind="steering", title="CDC steering meeting on stage 3 results, 5 February 2010",
     partnerships=[pid("ph")], attendees=["chair-ph", "cdc-officer", "lead-ph", "cofac-ph", "tpi-lead", "vbnk-lead"]),
   "Steering meeting notes", TEAM_OP)
report("c-education-2", "2010-02-20", "completed", "lead-education", "Case study handed to the resource centre.")
action_plan("agriculture-water", "2010-02-15", "2010-02-26", ["chair-agriculture-water", "lead-agriculture-water"])
report("c-agriculture-water-1", "2010-02-26", "completed", "sec-agriculture-water", "Merged action plan endorsed.")
report("c-dd-2", "2010-02-15", "on_schedule", "sec-dd", "Two provincial observers attended the February meeting.")
report("c-land-2", "2010-02-18", "on_schedule", "lead-land")
activity("trn-06", "2010-03-03", "training", "One-day partnering skills training for new secretariat staff",
         [pid(k) for k in ("fisheries", "infrastructure", "mine-action", "legal-judicial", "psd", "food-security")], 18)
report("c-psd-1", "2010-03-10", "on_schedule", "sec-psd")
report("c-health-2", "2010-03-12", "behind_schedule", "sec-health", "The Joint Annual Health Review takes the TWG's time in March.")
ev("commitment.rescheduled", "2010-03-15",
   d(commitment="c-health-2", due="2010-05-31", reason="Postponed until after the Joint Annual Health Review; agreed at the March TWG meeting."),
   "TWG on Health minutes, March 2010")
report("c-par-1", "2010-03-15", "completed", "sec-par", "Two CAR staff nominated.")

# P&H revises its principles once CCC has joined; adopted by both sides again
ev("agreement.revised", "2010-03-18",
   d(agreement="pp-ph", text=principles_text("ph") + "\n6. Inclusion: NGO coordination bodies (NGO Forum, CCC) take part "
                                                     "as members and receive every paper the other members receive.",
     reason="CCC joined the TWG in October 2009; the principles now name civil society's place.", revised_by="lead-ph"),
   "TWG on Partnership and Harmonization minutes, 18 March 2010")
endorse("pp-ph", 2, ["chair-ph", "lead-ph", "ccc-rep", "ngo-forum-rep"], "2010-03-25",
        twg_meeting("ph", "2010-03-25", ["ccc-rep", "ngo-forum-rep", "cdc-officer"]),
        "TWG on Partnership and Harmonization minutes")
report("c-food-security-1", "2010-03-25", "completed", "sec-food-security", "First two issues of the bulletin published.")
report("c-legal-judicial-1", "2010-03-26", "behind_schedule", "sec-legal-judicial", "Draft awaiting CLJR review.")
report("c-rwssh-1", "2010-04-20", "behind_schedule", "sec-rwssh", "Postponed until the sector strategy is finalised.")
report("c-ph-4", "2010-04-06", "completed", "cdc-officer", "Fourteen candidates from government and development partners identified.")
report("c-land-2", "2010-04-08", "behind_schedule", "lead-land", "No agreement yet on an indicator for land dispute resolution.")
activity("sp-01", "2010-04-12", "specialist",
         "Cadre of partnership specialists: first cohort of government and development partner staff begins training",
         [pid(k) for k in ("ph", "health", "dd", "pfm", "par", "education", "gender")], 14)

# follow-up health checks
FU_SUMMARY = ("Second health check, seven months after the Strategic Meeting: partners scored the five marks again "
              "to see what has moved since the baseline.")
FU_DIV = {}
FU_PLAN = [
    ("ph", "self_assessment", "2010-04-05", "2011-03-31", ["2010-04-14", "2010-04-15", "2010-04-19"], "2010-04-28"),
    ("dd", "health_check", "2010-04-12", "2010-10-31", ["2010-04-20", "2010-04-22"], "2010-04-28"),
    ("hiv-aids", "health_check", "2010-04-19", "2011-03-31", ["2010-04-26", "2010-04-29"], "2010-05-12"),
    ("health", "health_check", "2010-05-03", "2011-03-31", ["2010-05-10", "2010-05-12", "2010-05-14"], "2010-05-20"),
    ("education", "health_check", "2010-05-03", "2011-03-31", ["2010-05-11", "2010-05-17"], "2010-05-26"),
    ("land", "health_check", "2010-05-10", "2010-10-31", ["2010-05-19", "2010-05-24", "2010-05-27"], "2010-06-04"),
    ("pfm", "health_check", "2010-05-17", "2011-03-31", ["2010-05-24", "2010-05-26"], "2010-06-08"),
    ("agriculture-water", "health_check", "2010-06-07", "2011-03-31", ["2010-06-21", "2010-07-05"], None),
]
FU_COMMENTS = {
    ("health", "lead"): "Agendas are now drafted with the lead facilitator; DPs put one position.",
    ("land", "lead"): "Little has changed since the baseline; the success measures are still not agreed.",
    ("land", "ngo-forum-rep"): "Papers still arrive late.",
    ("dd", "lead"): "Observers from provinces and NGOs now attend; decisions are more open.",
    ("ph", "ccc-rep"): "Civil society now has a clear place in the TWG.",
}
for k, kind, opened, nd, days, concl in FU_PLAN:
    FU_DIV[k] = run_review(k, f"hc-{k}-2010", kind, opened, nd, FOLLOWUP, days, concl, FU_SUMMARY, FU_COMMENTS,
                           opened_src=f"Second health check sent to the {tname(k)}")
    if k == "dd":
        report("c-dd-1", "2010-04-28", "completed", "sec-dd", "Second health check concluded.")
    if k == "health":
        report("c-health-2", "2010-05-20", "completed", "sec-health", "Second health check concluded; results sent to the GDCC.")
assert FU_DIV["land"] == ["shared_goal", "co_creation"], FU_DIV["land"]
assert all(FU_DIV[k] == [] for k in FU_DIV if k != "land"), FU_DIV

FU_SRC = "Second health check results"
finding("f-hc2-health", "2010-05-20", "strength", "roles",
        "The gap on co-creation has closed to one point: agendas are drafted with the lead facilitator and DPs put one position.",
        "review", partnership=pid("health"), review="hc-health-2010", source=FU_SRC)
finding("f-hc2-dd", "2010-04-28", "strength", "institutional_arrangements",
        "Opening meetings to provincial and NGO observers closed the gap on inclusiveness and transparency.",
        "review", partnership=pid("dd"), review="hc-dd-2010", source=FU_SRC)
finding("f-hc2-land", "2010-06-04", "threat", "institutional_arrangements",
        "The two sides remain two points apart on shared goal and co-creation; without agreed success measures the "
        "TWG risks returning to information exchange only.", "review", partnership=pid("land"),
        review="hc-land-2010", source=FU_SRC)

ev("agreement.revised", "2010-05-24",
   d(agreement="pp-health", text=principles_text("health") + "\n6. Joint agenda: the chair and the lead facilitator "
                                                             "draft each meeting's agenda together, two weeks ahead.",
     reason="The second health check showed the co-creation gap closing where agendas were drafted jointly; the TWG "
            "made it a principle.", revised_by="chair-health"),
   "TWG on Health minutes, 24 May 2010")
ev("agreement.revised", "2010-05-26",
   d(agreement="pp-education", text=principles_text("education") + "\n6. Joint sector review: the annual joint "
                                                                   "review is prepared by both sides and its findings "
                                                                   "are followed up in the TWG.",
     title="Partnership principles, TWG on Education (revised 2010)",
     reason="Revised after the second health check to tie the principles to the joint sector review.",
     revised_by="lead-education"),
   "TWG on Education minutes, 26 May 2010")
report("c-psd-1", "2010-05-28", "completed", "sec-psd", "Joint review with the G-PSF working group chairs held.")
endorse("pp-education", 2, ["lead-education", "chair-education"], "2010-06-03",
        twg_meeting("education", "2010-06-03"), "TWG on Education minutes")

ev("agreement.withdrawn", "2010-05-20",
   d(agreement="ap-mine-action",
     reason="Superseded by the TWG's 2010 annual work plan; the actions that remain were carried into it.",
     by="chair-mine-action"), "TWG on Mine Action minutes, 20 May 2010")
report("c-mine-action-1", "2010-05-20", "dropped", "sec-mine-action",
       "Dropped with the action plan it came from; the visit is planned anew in the 2010 work plan.")
report("c-legal-judicial-1", "2010-05-31", "completed", "sec-legal-judicial", "Terms of reference agreed with the CLJR.")
activity("cs-03", "2010-06-02", "case_study",
         "Case study: opening the TWG on Decentralization and Deconcentration to provincial and NGO observers",
         [pid("dd")])
# Illustrative: four people register signing keys, and sign their endorsements
# from here on (pp-health v2, fu-2010); the others' endorsements stay unsigned.
for p in SIGNERS:
    ev("person.key_added", "2010-06-01", d(person=p, key=public_key(p)),
       "Signing keys registered with the CRDB/CDC secretariat (illustrative)", ident=f"cam-key-{p}")
endorse("pp-health", 2, ["chair-health", "lead-health", "medicam-rep"], "2010-06-09",
        twg_meeting("health", "2010-06-09", ["medicam-rep"]), "TWG on Health minutes",
        signed={"chair-health", "lead-health"})
report("c-dd-2", "2010-06-10", "on_schedule", "sec-dd")
report("c-land-1", "2010-06-10", "behind_schedule", "sec-land", "Still awaiting the ministry's comments on the draft.")

# PFM's development partners revise the success measures; the government side has not yet endorsed v2
ev("agreement.revised", "2010-06-15",
   d(agreement="sm-pfm", text=measures_text("pfm") + "\n- planned development partner disbursements reported to the "
                                                     "TWG each quarter and at least 85% disbursed as planned.",
     reason="Development partners propose a measure of disbursement predictability.", revised_by="lead-pfm"),
   "TWG on PFM minutes, 15 June 2010")
endorse("sm-pfm", 2, ["lead-pfm", "cofac-pfm"], "2010-06-15", twg_meeting("pfm", "2010-06-15"), "TWG on PFM minutes")
report("c-planning-poverty-1", "2010-06-15", "completed", "sec-planning-poverty")
report("c-ph-3", "2010-06-22", "completed", "cdc-officer", "Health check results of eight TWGs compiled for the GDCC.")
report("c-gender-1", "2010-06-30", "completed", "sec-gender", "Focal points of six line ministries now report at TWG meetings.")
ev("partner.left", "2010-06-30",
   d(partnership=pid("fisheries"), org="ec",
     reason="EU support to the fisheries sector ended; the EU follows the sector through the TWG on Agriculture and Water."),
   "TWG on Fisheries minutes, June 2010")
ev("partner.joined", "2010-07-01", d(partnership=pid("agriculture-water"), org="ec", role="member"),
   "TWG on Agriculture and Water minutes, July 2010")
ev("person.moved", "2010-07-01",
   d(person="vbnk-facilitator", org="crdb", title="Partnership Specialist, CRDB/CDC"),
   "CRDB/CDC staffing note: the resource centre and partnership support move in-house", CDC_OP)
report("c-dd-2", "2010-07-15", "behind_schedule", "sec-dd", "Provincial observers' travel not budgeted after June.")
report("c-infrastructure-1", "2010-07-20", "behind_schedule", "sec-infrastructure", "No TWG meeting held since March.")
activity("sp-02", "2010-07-21", "specialist", "Partnership specialists co-facilitate the second health checks in two TWGs",
         [pid("agriculture-water"), pid("land")], 6)
activity("cs-04", "2010-07-28", "case_study",
         "Case study: the TWG on Partnership and Harmonization revising its principles to include civil society",
         [pid("ph")])
activity("trn-07", "2010-08-04", "training",
         "One-day training for NGO, academic and private-sector partners: working in the TWGs",
         [pid(k) for k in ("ph", "dd", "education", "health", "land", "psd")], 32)
ev("review.opened", "2010-08-16",
   d(review="hc-rwssh-2010", partnership=pid("rwssh"), kind="health_check", framework="effectiveness",
     next_due="2010-11-30"), "Second health check sent to the TWG on Rural Water Supply, Sanitation and Hygiene",
   TEAM_OP)
activity("res-03", "2010-08-20", "resource",
         "Resource centre handed over to CRDB/CDC with the case studies, trainers' materials and health check forms",
         [pid(k) for k in KEYS])

REPORT_SRC = "Making Partnerships Effective: Final Report and recommendations, August 2010"
assert len([c for c in CHECK.overdue("2010-08-31") if c[0] in {x[0] for x in COMMITMENTS}]) == 7
finding("f-rec-review", "2010-08-31", "opportunity", "institutional_arrangements",
        "Recommendation: every TWG holds a joint health check once a year, scored by both sides, and reports the "
        "results and the gaps between the sides to the GDCC.", "document", source=REPORT_SRC)
finding("f-rec-agreements", "2010-08-31", "opportunity", "roles",
        "Recommendation: TWGs write down their principles, terms of reference and success measures as partnering "
        "agreements endorsed by both sides, and revisit them when a partner joins or leaves.", "document",
        source=REPORT_SRC)
finding("f-rec-resources", "2010-08-31", "opportunity", "enabling_environment",
        "Recommendation: keep the resource centre and the cadre of partnership specialists at CRDB/CDC, and extend "
        "them to NGO, academic and private-sector partners.", "document", source=REPORT_SRC)
finding("f-lesson-commitments", "2010-08-31", "weakness", "paris_principles",
        "Lesson: commitments not followed up at each TWG meeting fall behind schedule; seven of the commitments "
        "made at the Strategic Meeting were overdue at the end of the programme.", "document", source=REPORT_SRC)
ev("stage.completed", "2010-08-31",
   d(stage=4, summary="Final Report and recommendations: (1) an annual joint health check in every TWG, reported to "
                      "the GDCC; (2) partnering agreements endorsed by both sides and revisited when partners change; "
                      "(3) the resource centre and cadre of partnership specialists kept at CRDB/CDC and opened to NGO, "
                      "academic and private-sector partners; (4) commitments followed up at every TWG meeting."),
   REPORT_SRC, TEAM_OP)

# ---- after the programme: the retreat presents the report ----------------

RETREAT = "twg-retreat-2010"
ev("meeting.held", "2010-09-21",
   d(meeting=RETREAT, kind="retreat",
     title="TWG network retreat: presentation of the Making Partnerships Effective report, September 2010",
     partnerships=[pid(k) for k in KEYS],
     attendees=[f"chair-{k}" for k in KEYS] + [f"lead-{k}" for k in KEYS] + ["cdc-officer", "vbnk-facilitator",
                                                                           "tpi-lead", "vbnk-lead"]),
   "Retreat programme and attendance list", CDC_OP)
ev("agreement.proposed", "2010-09-22",
   d(agreement="fu-2010", partnership=pid("ph"), kind="follow_up",
     title="Follow-up to the Making Partnerships Effective recommendations, 2010\u20132011",
     text="The TWG on Partnership and Harmonization takes the Final Report's recommendations forward: CRDB/CDC hosts "
          "the resource centre and the partnership specialists; every TWG holds a joint health check before the next "
          "CDCF and reports it to the GDCC; partnering trainings are opened to NGO, academic and private-sector "
          "partners; progress is reviewed at the next TWG network retreat.",
     proposed_by="chair-ph"), "Retreat minutes, day 2")
endorse("fu-2010", 1, ["chair-ph", "lead-ph", "cofac-ph", "ngo-forum-rep"], "2010-09-22",
        "TWG network retreat, September 2010", "Retreat minutes, day 2", signed={"chair-ph", "lead-ph"})
for cid, text, owner, due, origin in [
    ("c-ph-5", "Host the partnership resource centre and the partnership specialists at CRDB/CDC.", "crdb",
     "2010-12-31", "fu-2010"),
    ("c-ph-6", "Every TWG holds a joint health check before the next CDCF and reports it to the GDCC.", "cdc",
     "2011-03-31", RETREAT),
    ("c-ph-7", "Open the one-day partnering trainings to NGO, academic and private-sector partners.", "undp",
     "2011-06-30", "fu-2010"),
]:
    ev("commitment.made", "2010-09-22",
       d(commitment=cid, partnership=pid("ph"), text=text, owner=owner, due=due, origin=origin), "Retreat minutes, day 2")
report("c-ph-5", "2010-11-15", "on_schedule", "cdc-officer", "Two partnership specialists now on the CRDB/CDC staff.")
report("c-pfm-2", "2010-03-30", "on_schedule", "lead-pfm", "First quarterly disbursement report presented.",
       "TWG on PFM progress report (filed late)")
report("c-ph-6", "2010-12-10", "on_schedule", "cdc-officer", "Health check forms sent to all 19 TWGs.")

# ---- translations into Khmer (a reading aid; AWAITING REVIEW BY A NATIVE SPEAKER) ----
# The TWG names as the Royal Government writes them ("ក្រុមការងារបច្ចេកទេសស្តីពី…"),
# a zero-width space marking the word break after the words every name shares,
# and a few findings of the Strategic Meeting, translated by the VBNK team.

KM_TWG = {
    "agriculture-water": "កសិកម្ម និងធនធានទឹក", "fisheries": "ជលផល",
    "forestry-environment": "ព្រៃឈើ និងបរិស្ថាន", "land": "ដីធ្លី",
    "food-security": "សន្តិសុខស្បៀង និងអាហារូបត្ថម្ភ",
    "rwssh": "ការផ្គត់ផ្គង់ទឹកស្អាត អនាម័យ និងសុខវិទ្យាជនបទ", "health": "សុខាភិបាល",
    "education": "អប់រំ", "hiv-aids": "អេដស៍", "gender": "យេនឌ័រ", "mine-action": "សកម្មភាពកំចាត់មីន",
    "infrastructure": "ហេដ្ឋារចនាសម្ព័ន្ធ និងសមាហរណកម្មតំបន់", "psd": "អភិវឌ្ឍន៍វិស័យឯកជន",
    "planning-poverty": "ផែនការ និងកាត់បន្ថយភាពក្រីក្រ", "pfm": "ការគ្រប់គ្រងហិរញ្ញវត្ថុសាធារណៈ",
    "par": "កំណែទម្រង់រដ្ឋបាលសាធារណៈ", "dd": "វិមជ្ឈការ និងវិសហមជ្ឈការ",
    "legal-judicial": "កំណែទម្រង់ច្បាប់ និងប្រព័ន្ធយុត្តិធម៌", "ph": "ភាពជាដៃគូ និងការធ្វើសុខដុមនីយកម្ម",
}
assert set(KM_TWG) == set(KEYS)
TRANSLATOR = "VBNK translation team"
TR_SRC = "Khmer edition of the Final Report, October 2010"


def translate(on, of, ident, field, text, version=None):
    ev("translation.recorded", on,
       d(of=of, id=ident, field=field, version=version, lang="km", text=text, translated_by=TRANSLATOR),
       TR_SRC, TEAM_OP)


translate("2010-10-15", "programme", None, "name", "ការធ្វើឱ្យភាពជាដៃគូមានប្រសិទ្ធភាព")
for k in KEYS:
    translate("2010-10-15", "partnership", pid(k), "name", "ក្រុមការងារបច្ចេកទេសស្តីពី\u200b" + KM_TWG[k])
for n, km in [(1, "ការចូលរួម និងការចាប់ផ្តើម"), (2, "កិច្ចប្រជុំយុទ្ធសាស្ត្រស្តីពីការធ្វើឱ្យភាពជាដៃគូមានប្រសិទ្ធភាព"),
              (3, "ការតាមដាន"), (4, "ការតាមដានបន្ត និងអនុសាសន៍")]:
    translate("2010-10-15", "stage", str(n), "name", km)
translate("2010-10-16", "finding", "f-hc-health-cocreation", "text",
          "រដ្ឋាភិបាល និងដៃគូអភិវឌ្ឍន៍យល់ឃើញខុសគ្នាអំពីការបង្កើតរួមគ្នា៖ ក្រសួងឃើញថាដៃគូអភិវឌ្ឍន៍មកដល់ជាមួយជំហរដែលបានកំណត់រួច "
          "ដៃគូអភិវឌ្ឍន៍ឃើញថារបៀបវារៈត្រូវបានកំណត់ដោយក្រសួង។")
translate("2010-10-16", "finding", "f-lesson-commitments", "text",
          "មេរៀន៖ ការប្តេជ្ញាចិត្តដែលមិនត្រូវបានតាមដាននៅរាល់កិច្ចប្រជុំក្រុមការងារបច្ចេកទេស ធ្លាក់ពីក្រោយកាលវិភាគ; "
          "ការប្តេជ្ញាចិត្តចំនួនប្រាំពីរដែលបានធ្វើនៅកិច្ចប្រជុំយុទ្ធសាស្ត្រ ហួសកាលកំណត់នៅចុងបញ្ចប់កម្មវិធី។")

# --------------------------------------------------------------------------
# Output and report.
# --------------------------------------------------------------------------


def render():
    return "".join(json.dumps(e, ensure_ascii=False, separators=(", ", ": ")) + "\n" for e in EVENTS)


def main():
    text = render()
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{OUT} is out of date: run {sys.argv[0]}")
    else:
        with open(OUT, "w", encoding="utf-8") as f:
            f.write(text)
    if "--quiet" in sys.argv:
        return
    c = CHECK
    print(f"{len(EVENTS)} events")
    for t, n in sorted(Counter(e["type"] for e in EVENTS).items()):
        print(f"  {t:26} {n}")
    print("\nagreements by status:")
    by = defaultdict(list)
    for a in c.agreements:
        st, inf = c.agreement_status(a)
        by[st].append(f"{a}(v{len(c.agreements[a]['versions'])}" + (f", in force v{inf})" if inf else ")"))
    for st in ("adopted", "revision_pending", "draft", "withdrawn"):
        print(f"  {st} ({len(by[st])}): {', '.join(by[st])}")
    for as_of in ("2010-08-31", LAST_DAY):
        print(f"\ncommitments overdue as of {as_of}:")
        for cid, p, due, st in c.overdue(as_of):
            print(f"  {cid:24} {p:24} due {due}  {st}")
    print("\ncommitment statuses at", LAST_DAY + ":",
          dict(Counter(c.commitment_status(x, LAST_DAY) for x in c.commitments)))
    print("\nreviews (diverging criteria, gov vs DP means):")
    for r, rv in c.reviews.items():
        allm, by_side, div = c.review_means(r)
        extra = ", ".join(f"{x} {fmt(by_side['government'][x])} vs {fmt(by_side['development_partner'][x])}" for x in div)
        print(f"  {r:22} {len(rv['responses'])} responses  next_due {rv['next_due']}  "
              f"{'concluded' if rv['concluded'] else 'open'}  diverging: {extra or '-'}")


main()
