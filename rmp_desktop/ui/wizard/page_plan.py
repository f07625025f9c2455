"""Step 9, objectives and development plan: SMART objectives, actions linked to gaps, suggestions."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rmp_desktop.domain.conversation import GAP_KINDS, set_section
from rmp_desktop.domain.dates import EXAMPLE
from rmp_desktop.domain.plan_rules import action_problems, objective_problems
from rmp_desktop.domain.suggestions import Suggestion, rank_suggestions, suggest_actions
from rmp_desktop.ui.contrast import warning_colour
from rmp_desktop.ui.widgets import WARNING_SIGN, colour_words, group, note, wrapping_label
from rmp_desktop.ui.wizard.list_editor import RecordListEditor, new_id
from rmp_desktop.ui.wizard.list_model import FieldSpec
from rmp_desktop.ui.wizard.page_base import StepPage
from rmp_desktop.ui.wizard.suggestions_panel import SuggestionsPanel

EDI_WARNING = (f"{WARNING_SIGN} None of these objectives is marked as an equality, diversity and "
               "inclusion objective yet. Everyone should have at least one measurable EDI objective.")


class PlanPage(StepPage):
    step_id = "plan"

    def build(self) -> None:
        prompt = self.env.packs.prompts.steps.get(self.step_id)
        hints = prompt.hints if prompt else {}
        objectives, objectives_layout = group("Objectives for the coming year")
        if hints.get("objectives"):
            objectives_layout.addWidget(note(hints["objectives"]))
        self.objectives = RecordListEditor(
            "objective",
            [FieldSpec("text", "Objective", "text"),
             FieldSpec("measure", "Measure", "text", hint="How you will both know it is achieved."),
             FieldSpec("due", "Date", "date", hint=f"Day first, for example {EXAMPLE} or 31/03/2027."),
             FieldSpec("edi", "Equality, diversity and inclusion objective", "check", default=False,
                       header="EDI")],
            lambda row: objective_problems(row, self.env.held_on),
            new_row=lambda: {"id": new_id(), "text": "", "measure": "", "due": "", "edi": False},
            empty_text="No objectives yet. Agree a few specific, measurable objectives, each with "
                       "a date.")
        self.objectives.rowsChanged.connect(lambda f: self.changed(f"objectives:{f}"))
        objectives_layout.addWidget(self.objectives)
        self.edi_warning = wrapping_label(EDI_WARNING)
        colour_words(self.edi_warning, warning_colour)
        objectives_layout.addWidget(self.edi_warning)
        self.form.addWidget(objectives)

        actions, actions_layout = group("Development actions")
        if hints.get("actions"):
            actions_layout.addWidget(note(hints["actions"]))
        self.action_list = RecordListEditor(
            "action",
            [FieldSpec("text", "Action", "text"),
             FieldSpec("gap_kind", "Gap it closes", "choice",
                       choices=lambda _row: [("", "Choose…"), *GAP_KINDS.items()]),
             FieldSpec("gap_ref", "Which one", "choice", choices=self._gap_choices),
             FieldSpec("support", "Support needed", "text", column=False),
             FieldSpec("success_measure", "Success measure", "text", column=False),
             FieldSpec("owner", "Owner", "line"),
             FieldSpec("target_date", "Target date", "date"),
             FieldSpec("review_date", "Review date", "date", column=False)],
            lambda row: action_problems(nested_action(row), self.env.held_on),
            new_row=lambda: flat_action({"id": new_id(), "text": "", "gap": {"kind": "", "ref": ""},
                                         "support": "", "success_measure": "", "owner": "",
                                         "target_date": "", "review_date": "", "suggested": False}),
            empty_text="No development actions yet. Accept a suggestion below or add your own.")
        self.action_list.rowsChanged.connect(lambda f: self.changed(f"actions:{f}"))
        actions_layout.addWidget(self.action_list)
        self.form.addWidget(actions)

        # What the person proposed in their preparation, to agree or not (never agreed by itself).
        self.proposals_box, proposals_layout = group("Proposed by the person in their "
                                                     "preparation")
        self.proposals = wrapping_label(rich=True, selectable=True)
        proposals_layout.addWidget(self.proposals)
        self.form.addWidget(self.proposals_box)
        self.proposals_box.hide()

        self._suggest_timer = QTimer(self, singleShot=True, interval=0)
        self._suggest_timer.timeout.connect(self._refresh_suggestions)
        suggestions, suggestions_layout = group("Suggestions from the gaps found")
        self.suggestions = SuggestionsPanel()
        self.suggestions.accepted.connect(lambda s: self._accept(s, edit=False))
        self.suggestions.editRequested.connect(lambda s: self._accept(s, edit=True))
        self.suggestions.ignored.connect(self._ignore)
        self.suggestions.restoreRequested.connect(self._restore_ignored)
        suggestions_layout.addWidget(self.suggestions)
        self.form.addWidget(suggestions)

    # -- choices -------------------------------------------------------------------------------

    def _gap_choices(self, row: dict) -> list[tuple[str, str]]:
        packs = self.env.packs
        kind = row.get("gap_kind", "")
        if kind == "competency":
            items = [(a.id, a.name) for a in packs.competency.areas]
        elif kind == "dimension":
            items = [(d.id, d.name) for d in packs.transitions.dimensions]
        elif kind == "avenue":
            items = [(a.id, a.name) for a in packs.wheel.avenues]
        elif kind == "experience":
            chosen = packs.transitions.transition(self.env.document["transition"].get("transition", ""))
            transitions = (chosen,) if chosen else packs.transitions.transitions
            items = [(e.id, f"{e.name or e.text} ({t.name})") for t in transitions
                     for e in t.experiences]
        elif kind == "other":
            return [("", "No link to a framework"), *_keep(row, [])]
        else:
            return [("", "Choose the kind first")]
        return [("", "Choose…"), *items, *_keep(row, items)]

    # -- state ---------------------------------------------------------------------------------

    def load(self, state: dict) -> None:
        self.objectives.set_rows(state.get("objectives") or [])
        self.action_list.set_rows([flat_action(a) for a in state.get("actions") or []
                               if isinstance(a, dict)])
        self._show_proposals(state)

    def _show_proposals(self, state: dict) -> None:
        import html

        from rmp_desktop.domain.dates import display_date

        items = []
        for o in state.get("proposed_objectives") or []:
            if isinstance(o, dict) and o.get("text"):
                extra = "; ".join(filter(None, (
                    str(o.get("measure", "")),
                    f"by {display_date(o['due'])}" if o.get("due") else "")))
                items.append(f"<li><b>Objective:</b> {html.escape(str(o['text']))}"
                             + (f" ({html.escape(extra)})" if extra else "") + "</li>")
        for idea in state.get("development_ideas") or []:
            if isinstance(idea, dict) and idea.get("text"):
                items.append(f"<li><b>Idea:</b> {html.escape(str(idea['text']))}</li>")
        self.proposals_box.setVisible(bool(items))
        self.proposals.setText(f"<ul style='-qt-list-indent: 1'>{''.join(items)}</ul>")

    def collect(self) -> dict:
        state = dict(self._state)
        state["objectives"] = self.objectives.rows()
        state["actions"] = [nested_action(r) for r in self.action_list.rows()]
        return state

    def refresh_context(self) -> None:
        self.objectives.recheck()
        self.action_list.recheck()

    def after_change(self, field: str) -> None:
        rows = self.objectives.rows()
        self.edi_warning.setVisible(not any(r.get("edi") for r in rows))
        # Suggestions depend on the plan too; rebuild them once the edit has finished
        # (a timer the page owns, so it never fires after the page is gone).
        self._suggest_timer.start()

    def _refresh_suggestions(self) -> None:
        document = copy.copy(self.env.document)
        if self._loaded:
            set_section(document, "plan", self.collect())
        found = rank_suggestions(suggest_actions(document, self.env.packs))
        dismissed = len(document["plan"].get("dismissed_suggestions") or [])
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.suggestions.isAncestorOf(focus)
        self.suggestions.set_suggestions(found, dismissed, not self.env.read_only)
        self.order_tabs()  # new suggestion buttons come before Next, where they are read
        focus = QApplication.focusWidget()
        if had_focus and (focus is None or not focus.isVisible()
                          or not self.suggestions.isAncestorOf(focus)):
            # The row that had focus went away (accepted or ignored): stay in the panel.
            target = (self.suggestions.rows[0].accept if self.suggestions.rows
                      else self.suggestions.restore if self.suggestions.restore.isVisible()
                      else self.action_list.table)
            target.setFocus()

    # -- suggestion buttons --------------------------------------------------------------------

    def _accept(self, suggestion: Suggestion, *, edit: bool) -> None:
        """The new action, selected and in view, with the cursor where it needs finishing (its
        wording, with "Accept and edit"). The person owns their development: their name is
        the owner to start with."""
        if self.env.read_only:
            return
        row = flat_action(suggestion.as_action(new_id()))
        row["owner"] = self.env.person.display_name
        self.action_list.add_row(row, focus=False)
        self.action_list.focus_field("text" if edit else None)

    def _ignore(self, suggestion: Suggestion) -> None:
        if self.env.read_only:
            return
        state = self.collect()
        state["dismissed_suggestions"] = [*state.get("dismissed_suggestions", []), suggestion.key]
        self._apply_programmatic(state, "dismissed_suggestions")

    def _restore_ignored(self) -> None:
        state = self.collect()
        state["dismissed_suggestions"] = []
        self._apply_programmatic(state, "dismissed_suggestions")
        self.suggestions.setFocus()

    def _apply_programmatic(self, state: dict, field: str) -> None:
        """A change not made in a control: record it as an undoable edit like any other."""
        from rmp_desktop.ui.wizard.undo import FieldEdit

        self.undo_stack.push(FieldEdit(self, field, "ignored suggestions", self._state, state))
        self._state = state
        self.after_change(field)
        self.publish(state)

    def field_label(self, field: str) -> str:
        return field.split(":")[0]

    def apply_read_only(self, read_only: bool) -> None:
        self.objectives.set_read_only(read_only)
        self.action_list.set_read_only(read_only)
        self._refresh_suggestions()

    def first_field(self):
        editor = self.objectives
        return editor.table if editor.model.rowCount() else editor.add_button


def _keep(row: dict, items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A reference no longer in the pack stays choosable, so it is never silently dropped."""
    ref = row.get("gap_ref", "")
    if ref and ref not in {key for key, _ in items}:
        return [(ref, f"{ref} (not in the current framework)")]
    return []


def flat_action(action: Mapping[str, Any]) -> dict[str, Any]:
    """A plan action with its gap as two fields, as the list editor shows it."""
    row = {k: v for k, v in action.items() if k != "gap"}
    found = action.get("gap")
    gap: Mapping[str, Any] = found if isinstance(found, dict) else {}
    row["gap_kind"] = gap.get("kind", "")
    row["gap_ref"] = gap.get("ref", "")
    return row


def nested_action(row: Mapping[str, Any]) -> dict[str, Any]:
    """The document's shape of an action back from the editor's row."""
    action = {k: v for k, v in row.items() if k not in ("gap_kind", "gap_ref")}
    action["gap"] = {"kind": row.get("gap_kind", ""), "ref": row.get("gap_ref", "")}
    return action
