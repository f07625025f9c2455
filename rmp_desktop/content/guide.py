"""The user guide: short topics in resources/guide.md, and each step's help built from its
topic there and the conversation prompts pack (the step's purpose, questions and good
practice), so the help says what the pack says. No Qt here; the window shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rmp_desktop.domain.completeness import STEP_RULES
from rmp_desktop.domain.conversation import STEP_TITLES
from rmp_desktop.domain.packs import ConversationPrompts

_TOPIC = re.compile(r"^<!-- topic: (?P<id>[\w:]+) \| (?P<title>[^>]+?) -->$", re.MULTILINE)
STEP_PREFIX = "step:"


@dataclass(frozen=True)
class Topic:
    id: str  # "start", "team", ... or "step:<step id>"
    title: str
    markdown: str

    @property
    def step(self) -> str | None:
        return self.id.removeprefix(STEP_PREFIX) if self.id.startswith(STEP_PREFIX) else None


def parse_guide(text: str) -> list[Topic]:
    """The topics of a guide file, in order; what comes before the first topic is a comment."""
    marks = list(_TOPIC.finditer(text))
    topics = []
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        body = text[mark.end():following.start() if following else len(text)].strip()
        topics.append(Topic(mark["id"], mark["title"].strip(), body))
    return topics


@lru_cache(maxsize=1)
def builtin_guide() -> tuple[Topic, ...]:
    from importlib.resources import files

    text = (files("rmp_desktop.resources") / "guide.md").read_text(encoding="utf-8")
    return tuple(parse_guide(text))


def topic(topic_id: str) -> Topic | None:
    return next((t for t in builtin_guide() if t.id == topic_id), None)


def step_help(step: str, prompts: ConversationPrompts) -> str:
    """A step's help as Markdown: what the page is for, the pack's own purpose, questions and
    good practice for it, and when the step list ticks it."""
    found = topic(STEP_PREFIX + step)
    prompt = prompts.steps.get(step)
    title = prompt.title if prompt else STEP_TITLES.get(step, step)
    parts = [f"# {title}"]
    if prompt and prompt.intro:
        parts.append(f"*{prompt.intro}*")
    if found:
        parts.append(found.markdown)
    if prompt and prompt.questions:
        parts.append("## Questions to ask\n\n" + "\n".join(f"- {q}" for q in prompt.questions))
    if prompt and prompt.good_practice:
        parts.append(f"## Good practice\n\n{prompt.good_practice}")
    if step in STEP_RULES:
        parts.append(f"## When it is ticked\n\nThe step list ticks this step when "
                     f"{STEP_RULES[step]}. A tick guides; it never stops you moving on.")
    return "\n\n".join(parts)


def guide_topics() -> list[Topic]:
    """The topics listed in Help > Guide: all but the steps, which are reached through
    "Holding a conversation" and F1 on a step."""
    return [t for t in builtin_guide() if t.step is None]


def step_topics() -> list[Topic]:
    return [t for t in builtin_guide() if t.step is not None]
