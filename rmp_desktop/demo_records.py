"""Conversations for the fictional demo team, so a newcomer can open, sign, export and verify at once.

Every word is invented for the demo. The set covers each state a record can be
in: signed records, one amended record (its first version superseded), one
awaiting the manager's signature, two finished up to the summary (one ready to
sign, one still waiting for the staff member's comments) and one half-way
through. Dates are relative to today so the demo always looks recent; every
record that is signed here passes the same sign-off rules as any other.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from rmp_desktop.domain.conversation import (
    Action,
    ConversationDocument,
    Objective,
    empty_document,
    step_section,
)


def add_demo_conversations(store, manager, packs, *, today: date | None = None) -> int:
    """Add the demo conversations for the team `manager` leads; returns how many were made."""
    from rmp_desktop.storage.signoff_repo import SignoffRepository

    today = today or date.today()
    team = {m.assignment_number: m for m in store.staff.all()
            if m.line_manager_id == manager.id and m.assignment_number}
    signoff = SignoffRepository.of(store)
    made = 0

    def start(number: str, kind: str, days_ago: int, document: ConversationDocument, step: str):
        nonlocal made
        member = team.get(number)
        if member is None:  # someone removed from the demo team: skip their records
            return None, None
        meta = store.conversations.create(
            member.id, kind, today - timedelta(days=days_ago), manager_name=manager.display_name,
            manager_id=manager.id, packs=packs, document=document)
        store.conversations.set_current_step(meta.id, step)
        made += 1
        return meta, member

    def sign_both(meta, member, first: str = "employee", day: date | None = None) -> None:
        order = ("employee", "manager") if first == "employee" else ("manager", "employee")
        for hours, role in enumerate(order):
            name = member.full_name if role == "employee" else manager.full_name
            signoff.sign(meta.id, role, name, True, strokes=_STROKES[role],
                         signed_at=_on_the_day(day or meta.held_on, 15 + hours))

    d = _Dates(today)

    meta, member = start("DEMO-1002", "both", 40, _tomasz(d), "summary")
    if meta:
        sign_both(meta, member)

    meta, member = start("DEMO-1003", "career", 130, _priya(d), "summary")
    if meta:
        sign_both(meta, member, first="manager")
        amended = signoff.start_amendment(
            meta.id, "The secondment now starts in the new year: the host team asked to move it "
                     "after their restructure, so the dates of two actions changed.")
        plan = store.conversations.document(amended.id)["plan"]
        for action in plan["actions"]:
            if action["id"] == "a1":
                action["target_date"] = d.ahead(150)
                action["review_date"] = d.ahead(90)
            if action["id"] == "a2":
                action["target_date"] = d.ahead(200)
        store.conversations.save_section(amended.id, "plan", plan)
        summary = store.conversations.document(amended.id)["summary"]
        summary["comments_visited"] = True
        store.conversations.save_section(amended.id, "summary", summary)
        store.conversations.set_current_step(amended.id, "summary")
        sign_both(amended, member, day=today - timedelta(days=30))
        made += 1

    meta, member = start("DEMO-1004", "both", 6, _minh_anh(d), "summary")
    if meta:  # the staff member has signed; the manager has not yet
        signoff.sign(meta.id, "employee", member.full_name, True, strokes=_STROKES["employee"],
                     signed_at=_on_the_day(meta.held_on, 16))

    meta, member = start("DEMO-1005", "appraisal", 210, _mehmet(d), "summary")
    if meta:
        sign_both(meta, member)

    start("DEMO-1006", "career", 2, _ausra(d), "summary")  # waiting for the staff member's comments
    start("DEMO-1007", "both", 1, _hanna(d), "summary")  # complete and ready to sign
    start("DEMO-1008", "appraisal", 0, _ioanna(), "competencies")  # half-way through

    meta, member = start("DEMO-1009", "career", 300, _siobhan(d), "summary")
    if meta:
        sign_both(meta, member, first="manager")
    return made


def _on_the_day(day: date, hour: int) -> datetime:
    """Signed in the afternoon the conversation was held, as people usually do (UTC)."""
    at = datetime.combine(day, time(hour, 30))
    return min(at, datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=1))


class _Dates:
    def __init__(self, today: date):
        self.today = today

    def ahead(self, days: int) -> str:
        return (self.today + timedelta(days=days)).isoformat()


# Two short pen strokes each, as drawn on the signature pad (x, y in 0..1 of the pad).
_STROKES = {
    "employee": [[(0.08, 0.62), (0.16, 0.35), (0.24, 0.7), (0.33, 0.4), (0.42, 0.66),
                  (0.55, 0.45), (0.68, 0.6)], [(0.7, 0.58), (0.86, 0.5), (0.93, 0.55)]],
    "manager": [[(0.1, 0.5), (0.2, 0.3), (0.27, 0.68), (0.4, 0.32), (0.5, 0.64), (0.61, 0.38)],
                [(0.64, 0.62), (0.78, 0.44), (0.9, 0.52)]],
}


def _doc(**sections: dict[str, object]) -> ConversationDocument:
    document = empty_document()
    for name, values in sections.items():
        step_section(document, name).update(values)
    return document


def _objective(oid: str, text: str, measure: str, due: str, edi: bool = False) -> Objective:
    return {"id": oid, "text": text, "measure": measure, "due": due, "edi": edi}


def _action(aid: str, text: str, gap: tuple[str, str], support: str, measure: str, owner: str,
            target: str, review: str, suggested: bool = False) -> Action:
    return {"id": aid, "text": text, "gap": {"kind": gap[0], "ref": gap[1]}, "support": support,
            "success_measure": measure, "owner": owner, "target_date": target,
            "review_date": review, "suggested": suggested}


def _ratings(**by_area: tuple[int | None, int | None, str]) -> dict[str, dict[str, object]]:
    return {area.replace("_", "-"): {"self": s, "manager": m, "evidence": e}
            for area, (s, m, e) in by_area.items()}


def _tomasz(d: _Dates) -> ConversationDocument:
    return _doc(
        setup={"notes": "Annual appraisal and career conversation together, as agreed in March."},
        reflection={
            "went_well": "The directorate restructure landed without a single formal grievance; "
                         "the early listening sessions paid off.",
            "was_hard": "Holding three directorates at once over the winter while a colleague "
                        "was on leave.",
            "proud_of": "Coaching two new ward managers through their first sickness absence "
                        "cases.",
            "hopes": "To lead a larger piece of change from the start rather than joining "
                     "half-way.",
        },
        looking_back={
            "objectives": [
                {"id": "lb1", "text": "Complete the surgical division workforce review",
                 "outcome": "met", "evidence": "Signed off by the divisional board in June."},
                {"id": "lb2", "text": "Reduce time to resolve employee relations cases",
                 "outcome": "partly_met",
                 "evidence": "Down from 14 to 11 weeks; the target was 10."},
            ],
            "feedback": "Divisional leads describe Tomasz as calm and practical in difficult "
                        "meetings.",
        },
        wellbeing={"share_in_record": False,
                   "areas": {"physical": "Back to running twice a week."},
                   "flexible_working": "Compressed hours on Fridays continue.",
                   "support_signposted": "", "actions": []},
        aspirations={"directions": ["stretch", "breadth"], "target_level": 4,
                     "target_roles": "Deputy Director of People within three years",
                     "functional_areas": ["business-partnering", "organisational-development"],
                     "time_horizon": "3y", "membership_current": "chartered-member",
                     "membership_target": "chartered-fellow",
                     "notes": "Interested in the aspirant Deputy Director talent pool."},
        competencies={"current_level": 3, "target_level": 4, "ratings": _ratings(
            strategic_operator=(3, 3, "Shaped the division's three-year workforce plan."),
            hr_od_expert=(4, 4, "Go-to adviser on organisational change policy."),
            capability_builder=(3, 3, "Built a manager toolkit for absence cases."),
            change_catalyst=(2, 3, "Wants to lead change from the outset."),
            business_focused=(3, 3, "Links people metrics to divisional finance."),
            relationship_builder=(4, 4, "Trusted by staff-side colleagues."))},
        transition={"stream": "stream-1", "transition": "transition-1",
                    "expectations": {
                        "t1-lp-1": "demonstrating", "t1-lp-2": "demonstrating",
                        "t1-lp-3": "developing", "t1-lp-4": "demonstrating",
                        "t1-lp-5": "developing", "t1-vs-1": "developing",
                        "t1-vs-2": "demonstrating", "t1-vs-3": "developing",
                        "t1-vs-4": "developing", "t1-vs-5": "not_yet", "t1-sw-1": "not_yet",
                        "t1-sw-2": "developing", "t1-rm-1": "developing",
                        "t1-rm-2": "demonstrating"},
                    "experiences": {"t1-exp-1": "had", "t1-exp-2": "had", "t1-exp-3": "planned",
                                    "t1-exp-4": "had", "t1-exp-5": "missing",
                                    "t1-exp-6": "planned", "t1-exp-7": "had"},
                    "notes": "System working is the widest gap: little contact beyond the Trust."},
        wheel={"avenues": {"secondments": "exploring", "stretch-assignments": "planned",
                           "mentoring": "active", "networks": "planned",
                           "development-programmes": "exploring",
                           "qualifications-membership": "planned"},
               "notes": "Balance the formal programme with real system work."},
        plan={
            "objectives": [
                _objective("o1", "Lead the integrated care board people workstream on "
                                 "shared bank staffing", "Workstream plan agreed by partner Trusts "
                           "and first quarterly report delivered", d.ahead(240)),
                _objective("o2", "Bring employee relations case time down to ten weeks",
                           "Average case length at or below ten weeks for two quarters",
                           d.ahead(300)),
                _objective("o3", "Sponsor a reciprocal mentoring pair with a colleague from an "
                                 "under-represented group", "Six sessions held and learning "
                           "shared at the leadership forum", d.ahead(270), edi=True),
            ],
            "actions": [
                _action("a1", "Join the regional people directors' network as an observer",
                        ("dimension", "system-working"), "Introduction from the Head of People Services",
                        "Attends four meetings and reports back", "Tomasz", d.ahead(120),
                        d.ahead(60), suggested=True),
                _action("a2", "Apply for the aspirant Deputy Director talent pool",
                        ("avenue", "development-programmes"), "Manager's supporting statement",
                        "Application submitted", "Tomasz", d.ahead(90), d.ahead(45)),
                _action("a3", "Begin the Chartered Fellow upgrade assessment",
                        ("avenue", "qualifications-membership"), "Study time of half a day a "
                        "month", "Assessment booked", "Tomasz", d.ahead(180), d.ahead(90)),
            ],
        },
        summary={"employee_comments": "I agree with the plan. The network observer role is the "
                                      "step I am most looking forward to.",
                 "comments_visited": True},
    )


def _priya(d: _Dates) -> ConversationDocument:
    return _doc(
        reflection={
            "went_well": "The culture programme reached every ward in the medicine division.",
            "was_hard": "Evaluating impact when the data arrives months later.",
            "proud_of": "The staff network chairs now co-design the leadership programme.",
            "hopes": "Experience of organisational development in a system setting.",
        },
        aspirations={"directions": ["breadth"], "target_level": 4,
                     "target_roles": "Associate Director of Organisational Development",
                     "functional_areas": ["organisational-development", "edi"],
                     "time_horizon": "2y", "membership_current": "chartered-member",
                     "membership_target": "chartered-member", "notes": ""},
        competencies={"current_level": 3, "target_level": 4, "ratings": _ratings(
            strategic_operator=(3, 3, "Wrote the OD strategy refresh."),
            change_catalyst=(4, 4, "Culture programme across the division."),
            relationship_builder=(3, 4, "Strong partnership with staff networks."))},
        transition={"stream": "stream-1", "transition": "transition-1",
                    "expectations": {"t1-sw-1": "developing", "t1-sw-2": "not_yet"},
                    "experiences": {"t1-exp-4": "missing"}, "notes": ""},
        wheel={"avenues": {"secondments": "planned", "coaching": "active",
                           "action-learning": "active", "events-conferences": "exploring"},
               "notes": "A secondment to the integrated care board is the main step."},
        plan={
            "objectives": [
                _objective("o1", "Evaluate the culture programme with a six-month follow-up",
                           "Evaluation report presented to the people committee", d.ahead(120)),
                _objective("o2", "Set measurable inclusion goals with every staff network",
                           "Each network has two agreed goals reviewed each quarter",
                           d.ahead(200), edi=True),
            ],
            "actions": [
                _action("a1", "Six-month part-time secondment to the integrated care board OD "
                              "team", ("avenue", "secondments"), "Backfill agreed for two days "
                        "a week", "Secondment completed with a written reflection", "Priya",
                        d.ahead(60), d.ahead(30)),
                _action("a2", "Present the culture programme at a regional OD event",
                        ("avenue", "events-conferences"), "Conference fee from the L&D budget",
                        "Presentation given", "Priya", d.ahead(110), d.ahead(60)),
            ],
        },
        summary={"employee_comments": "", "comments_visited": True},
    )


def _minh_anh(d: _Dates) -> ConversationDocument:
    return _doc(
        reflection={
            "went_well": "The new workforce dashboard is used by every division each month.",
            "was_hard": "Getting consistent vacancy data from three systems.",
            "proud_of": "Teaching two colleagues to write their own reports.",
            "hopes": "To lead analysis for the whole system, not just the Trust.",
        },
        looking_back={"objectives": [
            {"id": "lb1", "text": "Launch the monthly workforce dashboard", "outcome": "met",
             "evidence": "Live since April; used at every divisional board."}],
            "feedback": "Analysis is clear and arrives when it is needed."},
        aspirations={"directions": ["depth", "stretch"], "target_level": 3,
                     "target_roles": "Head of Workforce Intelligence",
                     "functional_areas": ["workforce-intelligence"], "time_horizon": "2y",
                     "membership_current": "associate", "membership_target": "chartered-member",
                     "notes": ""},
        competencies={"current_level": 3, "target_level": 3, "ratings": _ratings(
            hr_od_expert=(3, 4, "Trusted source of workforce numbers."),
            business_focused=(3, 3, "Links turnover to agency spend."),
            capability_builder=(2, 3, "Started teaching others to self-serve."))},
        wheel={"avenues": {"master-classes": "planned", "networks": "active",
                           "shadowing": "planned"}, "notes": ""},
        plan={
            "objectives": [
                _objective("o1", "Publish a Trust-wide workforce equality data pack",
                           "Pack published and discussed at the people committee",
                           d.ahead(150), edi=True),
                _objective("o2", "Automate the vacancy data feed",
                           "Monthly dashboard built without manual steps", d.ahead(210)),
            ],
            "actions": [
                _action("a1", "Shadow the system workforce lead for a planning round",
                        ("avenue", "shadowing"), "Introduction arranged by manager",
                        "Three planning meetings attended", "Minh Anh", d.ahead(90),
                        d.ahead(45)),
                _action("a2", "Start the Chartered Member upgrade",
                        ("avenue", "qualifications-membership"), "Funding from the CPD budget",
                        "Upgrade application submitted", "Minh Anh", d.ahead(180),
                        d.ahead(90)),
            ],
        },
        summary={"employee_comments": "Happy with this plan.", "comments_visited": True},
    )


def _mehmet(d: _Dates) -> ConversationDocument:
    return _doc(
        reflection={
            "went_well": "Flu vaccination uptake among staff rose by eight points.",
            "was_hard": "Waiting times for referrals over the summer.",
            "proud_of": "The new fast-track route for musculoskeletal referrals.",
            "hopes": "More time on prevention than on catching up.",
        },
        looking_back={"objectives": [
            {"id": "lb1", "text": "Cut referral waiting times to three weeks",
             "outcome": "partly_met", "evidence": "Four weeks on average by March."},
            {"id": "lb2", "text": "Run a menopause awareness series", "outcome": "met",
             "evidence": "Six sessions, 180 attendees."}],
            "feedback": ""},
        wellbeing={"share_in_record": False,
                   "areas": {"mental": "Busy year; feels supported by the team."},
                   "flexible_working": "", "support_signposted": "Employee assistance line.",
                   "actions": [{"id": "w1", "text": "Protect one clinic-free afternoon a week"}]},
        aspirations={"directions": ["depth"], "target_level": 3, "target_roles": "",
                     "functional_areas": ["occupational-health"], "time_horizon": "1y",
                     "membership_current": "", "membership_target": "", "notes": ""},
        competencies={"current_level": 3, "target_level": 3, "ratings": _ratings(
            hr_od_expert=(4, 4, "Specialist occupational health knowledge."),
            business_focused=(2, 3, "Building the case for prevention spending."))},
        plan={
            "objectives": [
                _objective("o1", "Bring referral waiting times to three weeks",
                           "Three-week average for two consecutive months", d.ahead(-30)),
                _objective("o2", "Launch a staff health check for night workers",
                           "Health checks offered on every night-shift ward", d.ahead(60)),
            ],
            "actions": [
                _action("a1", "Write a business case for an extra OH nurse post",
                        ("competency", "business-focused"), "Finance business partner's help",
                        "Case presented to the executive team", "Mehmet", d.ahead(-60),
                        d.ahead(-90)),
            ],
        },
        summary={"employee_comments": "", "comments_visited": True},
    )


def _ausra(d: _Dates) -> ConversationDocument:
    return _doc(
        reflection={
            "went_well": "Closed a complex disciplinary case fairly and within policy.",
            "was_hard": "Keeping the tone right in very tense hearings.",
            "proud_of": "Feedback from a manager that the case notes were the clearest they had "
                        "seen.",
            "hopes": "To move towards business partnering.",
        },
        aspirations={"directions": ["breadth"], "target_level": 3,
                     "target_roles": "HR Business Partner", "time_horizon": "2y",
                     "functional_areas": ["business-partnering"],
                     "membership_current": "associate", "membership_target": "chartered-member",
                     "notes": ""},
        competencies={"current_level": 2, "target_level": 3, "ratings": _ratings(
            hr_od_expert=(3, 3, "Sound knowledge of employment law."),
            strategic_operator=(2, 2, "Little exposure to planning yet."),
            relationship_builder=(3, 3, "Calm presence in hearings."))},
        wheel={"avenues": {"shadowing": "planned", "acting-up": "exploring",
                           "coaching": "planned"}, "notes": ""},
        plan={
            "objectives": [
                _objective("o1", "Support the business partner for the community division",
                           "Takes the lead on two workforce change items", d.ahead(180)),
            ],
            "actions": [
                _action("a1", "Shadow a business partner at divisional board meetings",
                        ("avenue", "shadowing"), "Agreed with the community division",
                        "Three board meetings attended", "Aušra", d.ahead(75), d.ahead(40)),
            ],
        },
        summary={"employee_comments": "", "comments_visited": False},
    )


def _hanna(d: _Dates) -> ConversationDocument:
    return _doc(
        reflection={
            "went_well": "The race equality action plan was agreed by the board.",
            "was_hard": "Keeping momentum when staff networks are run by volunteers.",
            "proud_of": "The reverse mentoring scheme for executive directors.",
            "hopes": "To shape inclusion work across the integrated care system.",
        },
        looking_back={"objectives": [
            {"id": "lb1", "text": "Launch reverse mentoring for executives", "outcome": "met",
             "evidence": "Eight pairs running."}], "feedback": ""},
        wellbeing={"share_in_record": True,
                   "areas": {"emotional": "Inclusion work can be heavy; supervision helps.",
                             "social": "Enjoys the regional EDI leads network."},
                   "flexible_working": "Works from home on Mondays.",
                   "support_signposted": "Monthly reflective supervision.",
                   "actions": [{"id": "w1", "text": "Keep monthly reflective supervision"}]},
        aspirations={"directions": ["depth", "stretch"], "target_level": 3,
                     "target_roles": "Head of Equality, Diversity and Inclusion",
                     "functional_areas": ["edi"], "time_horizon": "3y",
                     "membership_current": "associate", "membership_target": "chartered-member",
                     "notes": ""},
        competencies={"current_level": 2, "target_level": 3, "ratings": _ratings(
            change_catalyst=(3, 3, "Drove the race equality plan."),
            strategic_operator=(2, 3, "Growing into board-level work."),
            relationship_builder=(4, 4, "Trusted by all the staff networks."))},
        wheel={"avenues": {"committees-board": "planned", "reverse-mentoring": "active",
                           "networks": "active", "development-programmes": "exploring"},
               "notes": ""},
        plan={
            "objectives": [
                _objective("o1", "Report progress on the race equality plan to the board twice "
                                 "a year", "Two board reports delivered", d.ahead(330), edi=True),
                _objective("o2", "Give every staff network an executive sponsor",
                           "All five networks have a named sponsor", d.ahead(120), edi=True),
            ],
            "actions": [
                _action("a1", "Attend the people committee as a regular member",
                        ("avenue", "committees-board"), "Agreed with the committee chair",
                        "Attends four meetings", "Hanna", d.ahead(150), d.ahead(75)),
            ],
        },
        summary={"employee_comments": "I am pleased that the network sponsors are in the plan.",
                 "comments_visited": True},
    )


def _ioanna() -> ConversationDocument:
    return _doc(
        reflection={
            "went_well": "Rotas for the new junior doctors were ready on time.",
            "was_hard": "Last-minute rota gaps in August.",
            "proud_of": "A clear guide to locum bookings for the wards.",
            "hopes": "To learn more about medical workforce planning.",
        },
        looking_back={"objectives": [
            {"id": "lb1", "text": "Publish rotas six weeks ahead", "outcome": "met",
             "evidence": "Every rotation this year."}], "feedback": ""},
        aspirations={"directions": ["depth"], "target_level": 2,
                     "target_roles": "Senior Medical Staffing Officer",
                     "functional_areas": ["medical-staffing"], "time_horizon": "1y",
                     "membership_current": "foundation", "membership_target": "associate",
                     "notes": ""},
        competencies={"current_level": 2, "target_level": 2, "ratings": _ratings(
            hr_od_expert=(3, None, ""))},
    )


def _siobhan(d: _Dates) -> ConversationDocument:
    return _doc(
        reflection={
            "went_well": "The induction programme now runs monthly instead of quarterly.",
            "was_hard": "Booking rooms on three sites.",
            "proud_of": "An online induction module that new starters rate highly.",
            "hopes": "To design learning, not only organise it.",
        },
        aspirations={"directions": ["depth", "breadth"], "target_level": 2,
                     "target_roles": "Learning and Development Adviser",
                     "functional_areas": ["learning-development", "organisational-development"],
                     "time_horizon": "1y", "membership_current": "foundation",
                     "membership_target": "associate", "notes": ""},
        wheel={"avenues": {"online-learning": "active", "apprenticeships": "planned",
                           "coaching": "exploring"}, "notes": ""},
        plan={
            "objectives": [
                _objective("o1", "Design and run a new course on giving feedback",
                           "Course run twice with positive evaluations", d.ahead(-100)),
            ],
            "actions": [
                _action("a1", "Start the level 5 learning and development apprenticeship",
                        ("avenue", "apprenticeships"), "Levy funding approved",
                        "Enrolled and first module passed", "Siobhán", d.ahead(-150),
                        d.ahead(-200)),
            ],
        },
        summary={"employee_comments": "Thank you for backing the apprenticeship.",
                 "comments_visited": True},
    )
