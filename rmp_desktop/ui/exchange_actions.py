"""What a manager hands a person, from the person's page: a preparation form to fill in with
any PDF reader, and after sign-off a copy of the signed record (a record file and its PDF).

Both say what they carry before anything is written, and write through SaveFileDialog.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QWidget

from rmp_desktop import __version__
from rmp_desktop.ui.save_file_dialog import SaveFileDialog


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def preparation_form_dialog(context, person_id: int, parent: QWidget | None = None,
                            **kwargs) -> SaveFileDialog:
    from rmp_desktop.export.prep_form import log_form_given, render_form, subject_for
    from rmp_desktop.export.record_export import safe_file_name

    store = context.store()
    person = store.staff.get(person_id)
    name = person.display_name

    def produce(path, _options):
        subject = subject_for(store, person_id, _now_iso())
        return [(path, render_form(subject, context.packs()))]

    dialog = SaveFileDialog(
        context, title=f"Preparation form — {name}",
        headline=f"A preparation form for {name}",
        lines=[f"A PDF form {name} fills in with any PDF reader (Adobe Reader, Edge, Chrome, "
               "Firefox, Preview, Evince), saves and sends back to you.",
               "Filled in already: their details, and the objectives and actions of their "
               "last signed plan, for their view of each.",
               "Hidden in the form: who it is for and the framework versions it was made with, "
               "so what comes back finds them and its answers find their places.",
               "Bring the filled form in with File > Import preparation, or drop it on "
               "this window."],
        file_name=safe_file_name(f"{person.full_name} - preparation form", ".pdf"),
        file_filter="PDF documents (*.pdf)", produce=produce, save_text="&Save the form",
        parent=parent, **kwargs)
    dialog.saved.connect(lambda _paths: log_form_given(store, person_id))
    return dialog


def record_copy_dialog(context, conversation_id: int, parent: QWidget | None = None,
                       **kwargs) -> SaveFileDialog:
    """The record file and, beside it with the same name, its PDF."""
    from rmp_desktop.domain.dates import display_date
    from rmp_desktop.domain.record import short_fingerprint
    from rmp_desktop.export.record_copy import make_copy
    from rmp_desktop.export.record_export import safe_file_name

    store = context.store()
    meta = store.conversations.get(conversation_id)
    person = store.staff.get(meta.person_id)

    def produce(path, _options):
        data, pdf = make_copy(store, conversation_id, made_by=f"rmp-desktop {__version__}")
        return [(path, data), (path.with_suffix(".pdf"), pdf)]

    dialog = SaveFileDialog(
        context, title=f"Give a copy of the record — {person.display_name}",
        headline=f"{person.display_name}'s copy of the signed record",
        lines=[f"The record of {display_date(meta.held_on)} (version {meta.version}) as "
               f"signed, with its signatures and fingerprint "
               f"{short_fingerprint(meta.fingerprint or '')}, every earlier version and the "
               "framework packs it used.",
               "Two files: the record file, and its PDF beside it with the same name.",
               f"{person.display_name} imports the record file in My development; their "
               "application works the fingerprint out again and says whether it is genuine, "
               "and can then verify the PDF without your computer."],
        file_name=safe_file_name(f"{person.full_name} - record - {meta.held_on}", ".json"),
        file_filter="Record copies (*.json)", produce=produce, save_text="&Save the copy",
        parent=parent, **kwargs)
    return dialog
