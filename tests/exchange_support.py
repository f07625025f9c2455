"""Shared makings for the exchange tests: a staff member's store with a full preparation.

Everyone here is fictional; the words are the project's own.
"""

from __future__ import annotations

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.my_development import MyDevelopmentRepository

ME = StaffMember(full_name="Ewa Brzęczyszczykiewicz-Ødegård", preferred_name="Ewa",
                 job_title="Senior HR Adviser", band="7", functional_area="employee-relations",
                 assignment_number="T-0001", email="ewa.b@example.nhs.uk")
MY_MANAGER = "Θεόδωρος Καραγιάννης"


def full_content() -> dict:
    """Every part of a preparation answered, with ids from the built-in packs."""
    return {
        "reflection": {"went_well": "The mediation pilot settled four disputes early.",
                       "was_hard": "Winter case volume, with one adviser post empty.",
                       "proud_of": "Coaching two new managers through their first hearing.",
                       "hopes": "To lead the early resolution service across the trust."},
        "looking_back": {
            "objectives": [{"id": "o1", "text": "Launch the early resolution service",
                            "outcome": "partly_met",
                            "evidence": "Live in one division; the second starts in May."}],
            "feedback": "Managers say the advice is quick and clear."},
        "wellbeing": {"notes": [
            {"area": "mental", "label": "Mental", "text": "Month end is heavy; I want focus time.",
             "share": True},
            {"area": "financial", "label": "Financial", "text": "A private worry, for me only.",
             "share": False},
            {"area": "flexible-working", "label": "Flexible working",
             "text": "I would like one day a week at home.", "share": True}]},
        "aspirations": {"directions": ["stretch", "depth"], "target_level": 3,
                        "target_roles": "Employee relations manager",
                        "functional_areas": ["employee-relations", "hr-policy"],
                        "time_horizon": "2y", "membership_current": "associate",
                        "membership_target": "chartered-member",
                        "notes": "I want to stay close to casework while I grow."},
        "competencies": {"current_level": 3, "target_level": 3, "ratings": [
            {"area": "strategic-operator", "label": "Strategic Operator", "self": 2,
             "evidence": "Linked the casework trends to the people plan."},
            {"area": "relationship-builder", "label": "Relationship Builder", "self": 4,
             "evidence": "Trusted by the staff side and the divisions."}]},
        "transition": {"stream": "stream-1", "transition": "transition-1",
                       "expectations": [{"id": "t1-lp-1", "label": "", "rating": "developing"}],
                       "experiences": [{"id": "t1-exp-1", "label": "", "state": "had"},
                                       {"id": "t1-exp-2", "label": "", "state": "missing"}],
                       "notes": "Leading a service is the real step for me."},
        "wheel": {"avenues": [{"id": "shadowing", "label": "Shadowing", "status": "planned"},
                              {"id": "mentoring", "label": "Mentoring", "status": "exploring"}],
                  "notes": "Shadowing the deputy director first."},
        "proposals": {"objectives": [{"id": "p1", "text": "Train ten managers in fair "
                                                          "investigations",
                                      "measure": "Ten trained and rated confident",
                                      "due": "2027-05-31"}],
                      "ideas": [{"id": "i1", "text": "A secondment to the ICB people team"}]},
        "questions": [{"id": "q1", "text": "Can the secondment wait until after the pilot?"}],
        "progress": [],
    }


def staff_side(store, packs=None, content: dict | None = None) -> MyDevelopmentRepository:
    """A store set up for Ewa, with her preparation saved part by part."""
    mine = MyDevelopmentRepository.of(store)
    mine.set_me(ME, MY_MANAGER, packs=packs or load_builtin())
    for part, body in (content or full_content()).items():
        mine.save_part(part, body)
    return mine
