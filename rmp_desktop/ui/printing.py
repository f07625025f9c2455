"""File > Print: Qt's print dialog, printing the very PDF an export would write.

What is printed is the PDF itself, so paper and file say the same. Qt can print only what
it paints, and it cannot read a PDF without QtPdf, which PySide6-Essentials does not ship;
so each page is drawn by PDFium (the pypdfium2 wheel: PDF in, pixels out, no poppler, the
same on Windows, macOS and Linux) at up to 300 dots per inch and painted onto the printer
page by page. Handing the file to the system's print command instead would ignore the
printer, copies and pages chosen in the dialog, and Windows has no such command for a PDF.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

log = logging.getLogger(__name__)

PRINT_DPI = 300  # sharp on paper; a page at 300 dpi is some 30 MB while it is painted


def page_images(data: bytes, dpi: int = PRINT_DPI, pages: range | None = None
                ) -> Iterator[QImage]:
    """Each page of a PDF (or those in `pages`, counted from 0) as an image, one at a time."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for number in pages if pages is not None else range(len(document)):
            page = document[number]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True,
                                 optimize_mode="print")
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888)
            yield image.copy()  # the bitmap's memory goes with it
            bitmap.close()
            page.close()
    finally:
        document.close()


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Paint a PDF onto `printer`, each page scaled to the printable area; the pages chosen in
    the dialog only. Returns how many pages were printed (0 when the printer refused)."""
    total = page_count(data)
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() != QPrinter.PrintRange.PageRange or first < 1:
        first, last = 1, total
    wanted = range(first - 1, min(last, total))
    if not wanted:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        log.warning("the printer could not be started")
        return 0
    printed = 0
    try:
        dpi = min(PRINT_DPI, max(72, printer.resolution()))
        for image in page_images(data, dpi, wanted):
            if printed:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(QRect(0, 0, area.width(), area.height()).center())
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


def open_print_dialog(parent: QWidget, title: str, produce: Callable[[], bytes],
                      on_done: Callable[[int], object] | None = None,
                      printer: QPrinter | None = None) -> QPrintDialog:
    """Qt's print dialog, window-modal without a nested event loop. Once the user prints,
    `produce()` makes the PDF and it is painted onto the printer chosen off the GUI thread
    (a printer, like an image, may be painted on from any thread); `on_done(pages)` after,
    with 0 when nothing could be printed."""
    from rmp_desktop.ui.operations import BackgroundRunner

    chosen = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(chosen, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    runner = BackgroundRunner(parent)  # outlives the dialog, which closes as printing starts

    def failed(error: BaseException) -> None:
        log.warning("printing failed: %s", type(error).__name__)
        if on_done is not None:
            on_done(0)

    def print_now() -> None:
        runner.run(lambda _task: print_pdf(produce(), chosen),
                   on_success=lambda pages: on_done(pages) if on_done is not None else None,
                   on_failure=failed)

    dialog.accepted.connect(print_now)
    QDialog.open(dialog)  # QPrintDialog's own open() wants a slot to call; this one does not
    return dialog


def print_record(parent: QWidget, context, conversation_id: int, *, plan_only: bool = False,
                 on_done: Callable[[int], object] | None = None,
                 printer: QPrinter | None = None) -> QPrintDialog:
    """Print a conversation's record (or its plan alone) as its PDF draws it."""
    from rmp_desktop.export.record_export import printable

    location = context.paths.location  # the store's file, or the organisation's database
    title = "Print the plan" if plan_only else "Print the record"
    return open_print_dialog(parent, title,
                             lambda: printable(location, conversation_id, plan_only=plan_only),
                             on_done, printer)


def print_preparation_sheet(parent: QWidget, context, name: str, *, large: bool = False,
                            on_done: Callable[[int], object] | None = None,
                            printer: QPrinter | None = None) -> QPrintDialog:
    """Print the preparation sheet: every question of the preparation, room to write by hand."""
    from rmp_desktop.export.prep_sheet import render_sheet

    packs = context.packs()
    return open_print_dialog(parent, "Print the preparation sheet",
                             lambda: render_sheet(packs, name=name, large=large), on_done, printer)


def printed_words(pages: int) -> str:
    if not pages:
        return "Nothing was printed: the printer could not be started. Check it is on and chosen."
    return f"Sent {pages} page{'s' if pages != 1 else ''} to the printer."
