"""Step 7, career transition: stream and transition, the shifts, expectations, experiences, readiness."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from rmp_desktop.domain.conversation import EXPECTATION_RATINGS, EXPERIENCE_STATES, step_section
from rmp_desktop.domain.readiness import readiness_lines
from rmp_desktop.domain.suggestions import suggest_stream, suggest_transition
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    clear_layout,
    combo,
    field_block,
    group,
    heading,
    note,
    select_data,
    set_combo_items,
    wrapping_label,
)
from rmp_desktop.ui.wizard.page_base import StepPage

EXPECTATION_ITEMS = [("", "Not rated"), *EXPECTATION_RATINGS.items()]
EXPERIENCE_ITEMS = [("", "Not marked"), *EXPERIENCE_STATES.items()]


class TransitionPage(StepPage):
    step_id = "transition"

    def build(self) -> None:
        pack = self.env.packs.transitions
        self.stream_note = note()
        self.form.addWidget(self.stream_note)
        self.stream = combo("Development stream",
                            [("", "No stream chosen")] + [(s.id, f"{s.name} (bands {', '.join(s.bands)})")
                                                          for s in pack.streams])
        self.stream.currentIndexChanged.connect(lambda _i: self.changed("stream"))
        block, _ = field_block("Development stream:", self.stream)
        self.form.addWidget(block)
        self.transition = combo("Career transition", [("", "None: not stepping up now")])
        self.transition.currentIndexChanged.connect(lambda _i: self.changed("transition"))
        block, _ = field_block("Career transition:", self.transition)
        self.form.addWidget(block)
        # What a choice explains comes under both choices, so choosing a stream never moves
        # the transition's box away from under the pointer.
        self.transition_note = note()
        self.form.addWidget(self.transition_note)
        self.use_suggestion = QPushButton()
        self.use_suggestion.setAccessibleName("Use the suggested transition")
        self.use_suggestion.clicked.connect(self._use_suggested)
        self.form.addWidget(self.use_suggestion)
        self.stream_detail = wrapping_label()
        self.form.addWidget(self.stream_detail)
        self.transition_summary = wrapping_label()
        self.form.addWidget(self.transition_summary)

        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self.details_layout.setContentsMargins(0, 0, 0, 0)
        self.form.addWidget(self.details)
        self._built_for: str | None = None
        self.expectation_boxes: dict = {}
        self.experience_boxes: dict = {}

        readiness, readiness_layout = group("Readiness summary")
        self.readiness = wrapping_label()
        readiness_layout.addWidget(self.readiness)
        self.form.addWidget(readiness)

        prompt = self.env.packs.prompts.steps.get(self.step_id)
        self.notes = GrowingTextEdit("Transition notes", min_lines=3)
        self.notes.textChanged.connect(lambda: self.changed("notes"))
        block, _ = field_block("Notes:", self.notes, prompt.hints.get("notes", "") if prompt else "")
        self.form.addWidget(block)

    # -- context -------------------------------------------------------------------------------

    def suggested_stream(self) -> str | None:
        return suggest_stream(self.env.person.band, self.env.packs.transitions)

    def suggested_transition(self, stream_id: str) -> str | None:
        directions = self.env.document["aspirations"].get("directions") or []
        return suggest_transition(stream_id, directions, self.env.packs.transitions)

    def refresh_context(self) -> None:
        band = self.env.person.band
        stream = self.env.packs.transitions.stream(self.suggested_stream() or "")
        if stream:
            self.stream_note.setText(f"Suggested for band {band}: {stream.name}.")
        else:
            self.stream_note.setText(f"No stream is set for band {band}. The streams are for bands "
                                     "8a to 8d, but anyone may explore them.")

    def current_state(self) -> dict:
        state = dict(step_section(self.env.document, self.step_id))
        if not self.env.read_only and not state.get("stream") and self.suggested_stream():
            state["stream"] = self.suggested_stream()
            self.publish(state)
        return state

    # -- state ---------------------------------------------------------------------------------

    def load(self, state: dict) -> None:
        select_data(self.stream, state.get("stream", ""))
        self._fill_transitions()
        select_data(self.transition, state.get("transition", ""))
        self._build_details(state.get("transition", ""))
        for expectation_id, box in self.expectation_boxes.items():
            select_data(box, (state.get("expectations") or {}).get(expectation_id, ""))
        for experience_id, box in self.experience_boxes.items():
            select_data(box, (state.get("experiences") or {}).get(experience_id, ""))
        self.notes.set_text(state.get("notes", ""))

    def collect(self) -> dict:
        state = dict(self._state)
        state["stream"] = self.stream.currentData() or ""
        state["transition"] = self.transition.currentData() or ""
        if state["transition"] == self._built_for:
            expectations = dict(state.get("expectations") or {})
            for expectation_id, box in self.expectation_boxes.items():
                if box.currentData():
                    expectations[expectation_id] = box.currentData()
                else:
                    expectations.pop(expectation_id, None)
            experiences = dict(state.get("experiences") or {})
            for experience_id, box in self.experience_boxes.items():
                if box.currentData():
                    experiences[experience_id] = box.currentData()
                else:
                    experiences.pop(experience_id, None)
            state["expectations"] = expectations
            state["experiences"] = experiences
        state["notes"] = self.notes.toPlainText()
        return state

    def after_change(self, field: str) -> None:
        pack = self.env.packs.transitions
        stream = pack.stream(self.stream.currentData() or "")
        if stream:
            roles = "; ".join(stream.example_roles)
            self.stream_detail.setText(" ".join(filter(None, (
                stream.equivalents, f"Moving to: {stream.moving_to}", stream.also_suits and
                f"Also suits: {stream.also_suits}", roles and f"Example roles: {roles}."))))
        else:
            self.stream_detail.setText("")
        if field == "stream":
            self._fill_transitions()
        chosen = self.transition.currentData() or ""
        if chosen != self._built_for:
            self._build_details(chosen)
            self._load_ratings()
        transition = pack.transition(chosen)
        self.transition_summary.setText(transition.summary if transition else "")
        if transition and transition.builds_on:
            earlier = pack.transition(transition.builds_on)
            self.transition_summary.setText(
                f"{transition.summary} It builds on {earlier.name if earlier else transition.builds_on}, "
                "which should already be mastered.")
        stream_id = self.stream.currentData() or ""
        suggestion = pack.transition(self.suggested_transition(stream_id) or "")
        if suggestion is None:
            self.transition_note.setText(self._why_no_suggestion(stream_id))
            self.use_suggestion.hide()
        else:
            self.transition_note.setText(f"Suggested, because stretch is among the directions: "
                                         f"{suggestion.name}.")
            self.use_suggestion.setText(f"Use {suggestion.name}")
            self.use_suggestion.setVisible(chosen != suggestion.id)
            self.use_suggestion.setEnabled(not self.env.read_only)
        ratings = self.collect().get("expectations", {}) if self._loaded else {}
        lines = readiness_lines(transition, ratings, pack.dimensions)
        self.readiness.setText("\n".join(lines) if lines else
                               "Choose a transition to see readiness against its expectations.")

    def _why_no_suggestion(self, stream_id: str) -> str:
        """Why no transition is suggested, in the case that applies (the rule is in
        domain.suggestions.suggest_transition)."""
        directions = self.env.document["aspirations"].get("directions") or []
        if "stretch" not in directions:
            return ("No transition is suggested: the transitions describe stepping up, and "
                    "stretch is not among the directions chosen in Aspirations. Choose one if "
                    "stepping up is in view, or write in the notes why this step is skipped.")
        if not stream_id:
            return ("Stretch is among the directions chosen in Aspirations, but no development "
                    "stream is chosen, so no transition is suggested. Choose the stream that "
                    "fits, or a transition directly.")
        stream = self.env.packs.transitions.stream(stream_id)
        return (f"Stretch is among the directions chosen in Aspirations, but no transition is "
                f"linked to {stream.name if stream else 'this stream'}. Choose one directly if "
                "stepping up is in view.")

    def _fill_transitions(self) -> None:
        pack = self.env.packs.transitions
        stream = self.stream.currentData() or ""
        ordered = sorted(pack.transitions, key=lambda t: t.stream != stream)
        def stream_name(stream_id: str) -> str:
            found = pack.stream(stream_id)
            return found.name if found else stream_id

        set_combo_items(self.transition, [("", "None: not stepping up now")] + [
            (t.id, f"{t.name} ({stream_name(t.stream)})") for t in ordered])

    def _use_suggested(self) -> None:
        suggested = self.suggested_transition(self.stream.currentData() or "")
        if suggested:
            select_data(self.transition, suggested)

    def _load_ratings(self) -> None:
        """After switching transition, show any ratings already held for its expectations."""
        self._loading = True
        try:
            for expectation_id, box in self.expectation_boxes.items():
                select_data(box, (self._state.get("expectations") or {}).get(expectation_id, ""))
            for experience_id, box in self.experience_boxes.items():
                select_data(box, (self._state.get("experiences") or {}).get(experience_id, ""))
        finally:
            self._loading = False

    def _build_details(self, transition_id: str) -> None:
        clear_layout(self.details_layout)
        self.expectation_boxes, self.experience_boxes = {}, {}
        self._built_for = transition_id
        pack = self.env.packs.transitions
        transition = pack.transition(transition_id)
        if transition is None:
            return
        for dimension in pack.dimensions:
            box, layout = group(dimension.name)
            shift = transition.shifts.get(dimension.id)
            if shift:
                layout.addWidget(wrapping_label(f"From: {shift.from_}"))
                layout.addWidget(wrapping_label(f"To: {shift.to}"))
            for expectation in transition.expectations.get(dimension.id, ()):
                rating = combo(f"Rating: {expectation.text}", EXPECTATION_ITEMS)
                rating.currentIndexChanged.connect(
                    lambda _i, e=expectation.id: self.changed(f"expectation:{e}"))
                block, _ = field_block(expectation.text, rating)
                layout.addWidget(block)
                self.expectation_boxes[expectation.id] = rating
            self.details_layout.addWidget(box)
        box, layout = group("Helpful experiences")
        for experience in transition.experiences:
            state = combo(f"Experience: {experience.name or experience.text}", EXPERIENCE_ITEMS)
            state.currentIndexChanged.connect(
                lambda _i, e=experience.id: self.changed(f"experience:{e}"))
            if experience.name:
                layout.addWidget(heading(experience.name, 1.0))
            block, _ = field_block(experience.text, state)
            layout.addWidget(block)
            self.experience_boxes[experience.id] = state
        self.details_layout.addWidget(box)
        if self.env.read_only:
            for widget in (*self.expectation_boxes.values(), *self.experience_boxes.values()):
                widget.setEnabled(False)

    def field_label(self, field: str) -> str:
        if field.startswith("expectation:"):
            return "expectation rating"
        if field.startswith("experience:"):
            return "experience"
        return field

    def first_field(self):
        return self.stream
