"""The wizard's pages, one class per step, in conversation order (the window builds from this list)."""

from __future__ import annotations

from rmp_desktop.ui.wizard.page_aspirations import AspirationsPage
from rmp_desktop.ui.wizard.page_competencies import CompetenciesPage
from rmp_desktop.ui.wizard.page_looking_back import LookingBackPage
from rmp_desktop.ui.wizard.page_plan import PlanPage
from rmp_desktop.ui.wizard.page_reflection import ReflectionPage
from rmp_desktop.ui.wizard.page_setup import SetupPage
from rmp_desktop.ui.wizard.page_summary import SummaryPage
from rmp_desktop.ui.wizard.page_talent import TalentPage
from rmp_desktop.ui.wizard.page_transition import TransitionPage
from rmp_desktop.ui.wizard.page_wellbeing import WellbeingPage
from rmp_desktop.ui.wizard.page_wheel import WheelPage

PAGE_CLASSES = (SetupPage, ReflectionPage, LookingBackPage, WellbeingPage, AspirationsPage,
                CompetenciesPage, TalentPage, TransitionPage, WheelPage, PlanPage, SummaryPage)
