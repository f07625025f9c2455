"""File > Print: Qt's print dialog, and on paper the same PDF an export writes, page by page;
the plan alone and the preparation sheet too. Printed here to Qt's own PDF printer, read back."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from rmp_desktop.export.record_export import printable, render
from rmp_desktop.ui.printing import page_images, print_pdf
from tests.records_support import add_people, ready_conversation, sign_both
from tests.ui.conftest import open_window


def file_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def printed_pages(path) -> list:
    return PdfReader(io.BytesIO(path.read_bytes())).pages


def ink(image) -> float:
    """How much of a page is not white (a printed page has text and rules on it)."""
    small = image.scaledToWidth(120)
    dark = sum(1 for x in range(small.width()) for y in range(small.height())
               if small.pixelColor(x, y).lightness() < 200)
    return dark / (small.width() * small.height())


def test_every_page_of_the_record_goes_to_the_printer_and_a_range_when_asked(
        qtbot, store, tmp_path):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    data = printable(store, meta.id)
    assert data == render(store, meta.id, final=True)[0]  # the export's own drawing
    pages = len(PdfReader(io.BytesIO(data)).pages)
    out = tmp_path / "paper.pdf"
    assert print_pdf(data, file_printer(out)) == pages
    printed = printed_pages(out)
    assert len(printed) == pages
    assert all(page.images for page in printed)  # each page painted as PDFium drew it
    assert all(ink(image) > 0.005 for image in page_images(data, dpi=36))

    some = file_printer(tmp_path / "some.pdf")
    some.setPrintRange(QPrinter.PrintRange.PageRange)
    some.setFromTo(2, 3)
    assert print_pdf(data, some) == 2
    assert len(printed_pages(tmp_path / "some.pdf")) == 2


def test_the_plan_alone_says_what_it_is(store):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(
        printable(store, meta.id, plan_only=True))).pages)
    assert ("Development plan Ewa Brzęczyszczykiewicz-Ødegård (Ewa): appraisal of 6 Oct 2026"
            in text)
    assert "a draft, not yet signed" in text and "Launch the early resolution service" in text
    assert "Shadow the deputy director at a tribunal hearing" in text
    assert "Reflection" not in text and "Fingerprint" not in text


def test_file_print_opens_qts_print_dialog_and_prints_the_chosen_record(
        qtbot, context, store, tmp_path):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    window = open_window(qtbot, context)
    window.team.select_person(person.id)
    qtbot.waitUntil(lambda: window.history is not None and window.history.current_id() is not None)
    assert window.print_record_action in window.file_menu.actions()
    out = tmp_path / "printed.pdf"
    dialog = window.print_record(printer=file_printer(out))
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Print the record"
    dialog.done(QDialog.DialogCode.Accepted)  # the user presses Print
    qtbot.waitUntil(lambda: "to the printer" in window.statusBar().currentMessage(), timeout=30_000)
    expected = len(PdfReader(io.BytesIO(render(store, meta.id, final=True)[0])).pages)
    assert window.statusBar().currentMessage() == f"Sent {expected} pages to the printer."
    assert len(printed_pages(out)) == expected

    sheet = tmp_path / "sheet.pdf"
    window.statusBar().clearMessage()
    dialog = window.print_preparation_sheet(printer=file_printer(sheet))
    assert dialog.windowTitle() == "Print the preparation sheet"
    dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: "to the printer" in window.statusBar().currentMessage(),
                    timeout=30_000)
    assert printed_pages(sheet)
    window.close()


def test_the_conversation_window_prints_its_plan(qtbot, context, store, tmp_path):
    from rmp_desktop.ui.wizard import open_conversation
    from tests.ui.wizard_support import close, show

    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    window = show(qtbot, open_conversation(context, meta.id))
    wizard = window.conversation
    menu_actions = window.menuBar().actions()[0].menu().actions()
    assert wizard.print_action in menu_actions and wizard.print_plan_action in menu_actions
    out = tmp_path / "plan.pdf"
    dialog = wizard.open_print(plan_only=True, printer=file_printer(out))
    assert dialog.windowTitle() == "Print the plan"
    dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: wizard.save_state.text().startswith("Sent 1 page"), timeout=30_000)
    assert len(printed_pages(out)) == 1
    close(qtbot, window)
