"""The progress chart's dates on a person's page: six records a month apart on a narrow page
stack day and month over the year rather than run into each other."""

from __future__ import annotations

from rmp_desktop.domain.progress import ChartRow, ProgressChart
from rmp_desktop.ui.progress_chart import ProgressChartWidget

DATES = ("9 May 2026", "8 Jun 2026", "7 Jul 2026", "6 Aug 2026", "5 Sept 2026", "5 Oct 2026")
CHART = ProgressChart(DATES, (ChartRow("Strategic Operator", (1, 2, 2, 3, 3, 4), 4),),
                      "HR and OD core competency framework")


def shown_widths(widget: ProgressChartWidget) -> list[tuple[float, float, float]]:
    metrics = widget.fontMetrics()
    return [(rect.left(), rect.width(), max(metrics.horizontalAdvance(line)
                                             for line in text.split("\n")))
            for rect, text in widget.header_cells()]


def test_dates_too_wide_for_their_columns_stack_and_never_overlap(qtbot):
    widget = ProgressChartWidget()
    qtbot.addWidget(widget)
    widget.set_chart(CHART)
    widget.resize(widget.fontMetrics().averageCharWidth() * 80, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)

    cells = widget.header_cells()
    assert [text for _, text in cells] == [d.replace(" 2026", "\n2026") for d in DATES]
    edge = 0.0
    for left, width, text_width in shown_widths(widget):
        assert left >= edge - 0.01 and text_width <= width  # inside its own column, clear of the next
        edge = left + width
    assert cells[0][0].bottom() <= widget.height()
    assert not widget.grab().isNull()


def test_dates_that_fit_stay_on_one_line(qtbot):
    widget = ProgressChartWidget()
    qtbot.addWidget(widget)
    widget.set_chart(CHART)
    widget.resize(widget.fontMetrics().averageCharWidth() * 160, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)

    assert [text for _, text in widget.header_cells()] == list(DATES)
