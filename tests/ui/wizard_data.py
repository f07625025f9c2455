"""A conversation document with every step filled, for the wizard's tests and benchmarks.

Everything written here is invented; the reflections mix scripts (Arabic,
Vietnamese, Chinese, emoji) because the wizard must show all of them.
"""

from __future__ import annotations

from datetime import date, timedelta

from rmp_desktop.domain.conversation import STEP_IDS, empty_document
from rmp_desktop.domain.suggestions import suggest_actions, suggest_level, suggest_stream

REFLECTIONS = (
    ("Rebuilt the onboarding pack with the divisional leads and cut time to hire by two weeks.",
     "Covering a vacancy for four months while the team moved offices.",
     "The feedback from the apprentices I supported through their first year.",
     "A clearer sense of where I could go next, and time to plan it."),
    ("تعاونت مع فريق التمريض لإعادة تصميم جدول المناوبات، وانخفضت ساعات العمل الإضافية.",
     "Balancing project work with a heavy caseload in the winter months.",
     "Leading my first workshop for thirty managers. 🎉",
     "Understanding what the step to business partner would involve."),
    ("Hoàn thành báo cáo phân tích lực lượng lao động hằng quý đúng hạn.",
     "Getting reliable data from three different systems.",
     "The new dashboard that the executive team now uses every month.",
     "To lead a piece of work end to end, not just the analysis."),
    ("与员工网络合作推出了新的导师计划。",
     "Staying on top of employee relations cases during the restructure.",
     "Supporting a colleague through a difficult return to work.",
     "More exposure to strategy and the board."),
)


def filled_document(packs, band: str, held_on: date, *, variant: int = 0,
                    complete: bool = True) -> dict:
    """A document with every step filled in, as a real conversation might leave it."""
    doc = empty_document()
    went_well, was_hard, proud_of, hopes = REFLECTIONS[variant % len(REFLECTIONS)]
    doc["setup"]["notes"] = "An hour, in the small meeting room; phones off."
    doc["reflection"] = {"went_well": went_well, "was_hard": was_hard, "proud_of": proud_of,
                         "hopes": hopes}
    doc["looking_back"] = {
        "objectives": [
            {"id": f"lb{variant}a", "text": "Reduce the average time to hire to under 40 days.",
             "outcome": "met", "evidence": "Quarterly report: 36 days on average."},
            {"id": f"lb{variant}b", "text": "Complete the CIPD Level 5 assignment on reward.",
             "outcome": "partly_met", "evidence": "Submitted; resubmission due in spring."},
        ],
        "feedback": "Managers describe advice as practical and timely.",
    }
    areas = packs.prompts.wellbeing_areas
    doc["wellbeing"] = {
        "share_in_record": variant % 3 == 0,
        "areas": {areas[0].id: "Sleeping better since the change of shift pattern.",
                  areas[1].id: "Workload feels heavy at month end."},
        "flexible_working": "A compressed fortnight is being tried from next month.",
        "support_signposted": "Employee assistance programme; the staff wellbeing hub.",
        "actions": [{"id": f"wb{variant}", "text": "Block out a lunch break on Tuesdays and Thursdays."}],
    }
    try:
        level = suggest_level(band, packs.competency)
    except ValueError:
        level = 2
    directions = [("depth",), ("breadth", "stretch"), ("stretch",), ("depth", "breadth")][variant % 4]
    doc["aspirations"] = {
        "directions": list(directions), "target_level": min(4, level + ("stretch" in directions)),
        "target_roles": "HR business partner in a community services division.",
        "functional_areas": [packs.pathway.functional_areas[variant % 10].id,
                             packs.pathway.functional_areas[(variant + 3) % 10].id],
        "time_horizon": "2y", "membership_current": packs.pathway.memberships[1].id,
        "membership_target": packs.pathway.memberships[2].id,
        "notes": "Prefers to stay within the trust for now.",
    }
    target = doc["aspirations"]["target_level"]
    ratings = {}
    for i, area in enumerate(packs.competency.areas):
        ratings[area.id] = {"self": 2 + (i + variant) % 3, "manager": 2 + (i + variant + 1) % 3,
                            "evidence": f"Example from this year's work on {area.name.lower()}."}
    doc["competencies"] = {"current_level": level, "target_level": target, "ratings": ratings}
    stream = suggest_stream(band, packs.transitions) or packs.transitions.streams[0].id
    transition = packs.transitions.transitions_for(stream)[0]
    states = ("not_yet", "developing", "demonstrating")
    doc["transition"] = {
        "stream": stream, "transition": transition.id,
        "expectations": {e.id: states[(i + variant) % 3]
                         for i, e in enumerate(transition.all_expectations())},
        "experiences": {e.id: ("had", "planned", "missing")[(i + variant) % 3]
                        for i, e in enumerate(transition.experiences)},
        "notes": "Readiness looks strongest in system working.",
    }
    statuses = ("planned", "exploring", "active", "done", "not_considered")
    doc["wheel"] = {"avenues": {a.id: statuses[(i + variant) % 5]
                                for i, a in enumerate(packs.wheel.avenues)
                                if statuses[(i + variant) % 5] != "not_considered"},
                    "notes": "Ask the deputy director about shadowing in the spring."}
    due = held_on + timedelta(days=300)
    doc["plan"] = {
        "objectives": [
            {"id": f"ob{variant}a", "text": "Lead the redesign of the exit interview process.",
             "measure": "New process live and used for 80% of leavers.", "due": due.isoformat(),
             "edi": False},
            {"id": f"ob{variant}b", "text": "Make shortlisting panels for band 7 and above diverse.",
             "measure": "Every panel includes a member from an under-represented group.",
             "due": due.isoformat(), "edi": True},
        ],
        "actions": [], "dismissed_suggestions": [],
    }
    for n, suggestion in enumerate(suggest_actions(doc, packs)[:4]):
        action = suggestion.as_action(f"ac{variant}{n}")
        action.update({"support": "Protected time, two hours a week.",
                       "success_measure": "Discussed and evidenced at the next review.",
                       "owner": "Self, with the line manager",
                       "target_date": (held_on + timedelta(days=120 + 30 * n)).isoformat(),
                       "review_date": (held_on + timedelta(days=90)).isoformat()})
        doc["plan"]["actions"].append(action)
    doc["summary"] = {"employee_comments": "A fair record of a useful conversation.",
                      "comments_visited": True}
    if not complete:
        # Half-way: the later steps are left as a new conversation has them.
        blank = empty_document()
        for step in STEP_IDS[STEP_IDS.index("competencies"):]:
            doc[step] = blank[step]
    return doc
