"""A person's page beside the team list: who they are, and (later) their conversations.

The conversation history is not built here: whoever builds it calls
`set_history_widget()` and listens to `personShown`, and connects
`startConversationRequested` then calls `set_can_start_conversations(True)`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.staff import area_label, band_label
from rmp_desktop.storage.person_query import PersonDetails


def scaled_font(widget: QWidget, factor: float, *, bold: bool = True):
    """The widget's own font, larger: text keeps following the system font size."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def wrapping_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class NobodySelected(QWidget):
    """What to do when no one is chosen: pick someone, add people, or try the demo team."""

    addRequested = Signal()
    importRequested = Signal()
    sampleRequested = Signal()  # fill an empty store with the fictional sample team

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setFont(scaled_font(self, 1.3))
        self.heading.setWordWrap(True)
        self.explanation = wrapping_label()
        self.add_button = QPushButton("Add person…")
        self.import_button = QPushButton("Import staff list…")
        self.demo_hint = wrapping_label(
            "Or look around first with a team of fictional people and their conversations at "
            "every stage. Archive them when you start with your own team.")
        self.sample_button = QPushButton("Explore with a sample team")
        self.sample_button.setAccessibleName("Explore with a sample team")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        sample = QHBoxLayout()
        sample.addWidget(self.sample_button)
        sample.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.demo_hint)
        layout.addLayout(sample)
        layout.addStretch(2)
        self.add_button.clicked.connect(self.addRequested)
        self.import_button.clicked.connect(self.importRequested)
        self.sample_button.clicked.connect(self.sampleRequested)
        self.set_team_size(0)

    # The fictional team belongs in a store of one's own, never an organisation's database.
    sample_allowed = True

    def set_team_size(self, people: int) -> None:
        if people == 0:
            self.heading.setText("Your team is empty")
            self.explanation.setText(
                "Add people one by one with People > Add person (Ctrl+Shift+N), or bring in a "
                "staff list exported from a spreadsheet or the Electronic Staff Record with "
                "File > Import staff list (Ctrl+I).")
            self.demo_hint.setVisible(self.sample_allowed)
            self.sample_button.setVisible(self.sample_allowed)
            self.sample_button.setEnabled(True)
        else:
            self.heading.setText("No one selected")
            self.explanation.setText(
                "Choose a person in the list to see their details and conversations. "
                "Search with Ctrl+F; add someone with Ctrl+Shift+N or import a staff list "
                "with Ctrl+I.")
            self.demo_hint.hide()
            self.sample_button.hide()


class PersonPage(QWidget):
    """Shows one person, or an empty state explaining what to do next."""

    editRequested = Signal(int)
    archiveRequested = Signal(int)
    restoreRequested = Signal(int)
    startConversationRequested = Signal(int)
    prepFormRequested = Signal(int)
    personShown = Signal(int)  # the person now on the page, or -1 for nobody

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._person: PersonDetails | None = None
        self.nobody = NobodySelected()

        self.name_heading = QLabel()
        self.name_heading.setFont(scaled_font(self, 1.5))
        self.name_heading.setWordWrap(True)
        self.name_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.full_name_note = wrapping_label()
        self.archived_note = wrapping_label(
            "Archived: hidden from the team list. Their records are kept; restore them to "
            "work with them again.")
        self.archived_note.setFrameShape(QFrame.Shape.StyledPanel)
        self.archived_note.setMargin(self.fontMetrics().height() // 3)

        self.job_title = wrapping_label()
        self.band = wrapping_label()
        self.area = wrapping_label()
        self.manager = wrapping_label()
        self.start_date = wrapping_label()
        self.email = wrapping_label()
        self.email.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.assignment = wrapping_label()
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # With a large system font or a narrow page, values go under their labels
        # instead of being cut off.
        facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        facts.addRow("Job title:", self.job_title)
        facts.addRow("Band:", self.band)
        facts.addRow("Functional area:", self.area)
        facts.addRow("Line manager:", self.manager)
        facts.addRow("Started:", self.start_date)
        facts.addRow("Email:", self.email)
        facts.addRow("Assignment number:", self.assignment)

        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit this person")
        self.archive_button = QPushButton("Archi&ve…")
        self.archive_button.setAccessibleName("Archive this person")
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setAccessibleName("Restore this person")
        self.new_conversation_button = QPushButton("&New conversation")
        self.new_conversation_button.setAccessibleName("Start a new conversation with this person")
        self.new_conversation_button.hide()
        self.prep_form_button = QPushButton("Preparation for&m…")
        self.prep_form_button.setAccessibleName("Preparation form")
        self.prep_form_button.setAccessibleDescription(
            "A fillable PDF form for this person to prepare with any PDF reader")
        # Two rows (what to do with them, what to do about them), so the page beside the
        # team keeps every button whole with a large system font.
        buttons = QVBoxLayout()
        for row in ((self.new_conversation_button, self.prep_form_button),
                    (self.edit_button, self.archive_button, self.restore_button)):
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            line.addStretch(1)
            buttons.addLayout(line)

        self.conversations = QGroupBox("Conversations")
        self.conversations.setAccessibleName("Conversations")
        self.history_empty = wrapping_label()
        self.history_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # The stack joins its box before it takes a widget: a stacked layout with no widget to
        # live in shows its first page as a window of its own, which took the keyboard focus
        # from the main window when the page was built after the window showed.
        self._history_stack = QStackedLayout()
        QVBoxLayout(self.conversations).addLayout(self._history_stack)
        self._history_stack.addWidget(self.history_empty)
        self._can_start = False

        details = QWidget()
        column = QVBoxLayout(details)
        column.addWidget(self.name_heading)
        column.addWidget(self.full_name_note)
        column.addWidget(self.archived_note)
        column.addLayout(facts)
        column.addLayout(buttons)
        column.addWidget(self.conversations, 1)
        self._column = column
        scroll = QScrollArea()
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setAccessibleName("Person details")

        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.nobody)
        self._stack.addWidget(scroll)

        self.edit_button.clicked.connect(lambda: self._emit_for_person(self.editRequested))
        self.archive_button.clicked.connect(lambda: self._emit_for_person(self.archiveRequested))
        self.restore_button.clicked.connect(lambda: self._emit_for_person(self.restoreRequested))
        self.new_conversation_button.clicked.connect(
            lambda: self._emit_for_person(self.startConversationRequested))
        self.prep_form_button.clicked.connect(lambda: self._emit_for_person(self.prepFormRequested))

    # -- public --------------------------------------------------------------------------------

    def person_id(self) -> int:
        return self._person.id if self._person else -1

    def show_person(self, person: PersonDetails | None) -> None:
        self._person = person
        if person is None:
            self._stack.setCurrentIndex(0)
            self.personShown.emit(-1)
            return
        name = person.display_name
        self.name_heading.setText(name)
        self.full_name_note.setText(f"Full name: {person.full_name}")
        self.full_name_note.setVisible(person.full_name.strip() != name)
        self.archived_note.setVisible(person.archived)
        self.job_title.setText(person.job_title or "Not recorded")
        self.band.setText(band_label(person.band))
        self.area.setText(area_label(person.functional_area))
        self.manager.setText(person.manager_name or "Not recorded")
        self.start_date.setText(display_date(person.start_date) or "Not known")
        self.email.setText(person.email or "Not recorded")
        self.assignment.setText(person.assignment_number or "Not recorded")
        self.archive_button.setVisible(not person.archived)
        self.restore_button.setVisible(person.archived)
        self.edit_button.setEnabled(not person.archived)
        self.new_conversation_button.setEnabled(not person.archived)
        self.prep_form_button.setEnabled(not person.archived)
        self._describe_empty_history()
        self._stack.setCurrentIndex(1)
        self.personShown.emit(person.id)

    def set_team_size(self, people: int) -> None:
        self.nobody.set_team_size(people)

    def set_history_widget(self, widget: QWidget) -> None:
        """Place the conversation history; the empty-state text stays for people with none."""
        self._history_stack.addWidget(widget)
        self._history_stack.setCurrentWidget(widget)

    def set_progress_widget(self, widget: QWidget) -> None:
        """Place the progress over time under the conversations (built by whoever has a store)."""
        self._column.addWidget(widget)

    def set_history_empty(self, empty: bool) -> None:
        """Switch between the history widget and the 'no conversations yet' text."""
        if empty or self._history_stack.count() == 1:
            self._history_stack.setCurrentIndex(0)
        else:
            self._history_stack.setCurrentIndex(self._history_stack.count() - 1)

    def set_can_start_conversations(self, can_start: bool) -> None:
        """Show the New conversation button once something handles the request."""
        self._can_start = can_start
        self.new_conversation_button.setVisible(can_start)
        self._describe_empty_history()

    # -- internals -----------------------------------------------------------------------------

    def _describe_empty_history(self) -> None:
        person = self._person
        name = person.display_name if person else "this person"
        if person is not None and person.conversations:
            # Said only until a history list is placed here; then it shows them all.
            count = person.conversations
            text = (f"{count} conversation{'s' if count != 1 else ''} with {name}, the latest "
                    f"held on {display_date(person.last_conversation)}.")
        elif self._can_start:
            text = (f"No conversations with {name} yet. Start one with New conversation "
                    "(Ctrl+N): an appraisal, a career conversation, or both together.")
        else:
            text = (f"No conversations with {name} yet. Appraisals and career conversations "
                    "you hold with them will be listed here, newest first.")
        self.history_empty.setText(text)

    def _emit_for_person(self, signal) -> None:
        if self._person is not None:
            signal.emit(self._person.id)
