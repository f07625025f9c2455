"""The window's gap chart draws the levels concerned: a level 1 person's bars use its width."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from rmp_desktop.domain.gaps import GapRow
from rmp_desktop.ui.wizard.gap_chart import GapChart


def widest_bar(image, colour, rows: range) -> int:
    """The rightmost pixel of `colour` in the given pixel rows."""
    found = 0
    wanted = colour.rgb()  # by value: the palette's colour may be held as HSL, pixels as RGB
    for y in rows:
        for x in range(image.width() - 1, -1, -1):
            if image.pixelColor(x, y).rgb() == wanted:
                found = max(found, x)
                break
    return found


def test_a_level_one_persons_role_model_bar_reaches_across_the_chart(qtbot):
    chart = GapChart()
    qtbot.addWidget(chart)
    chart.resize(700, chart.sizeHint().height())
    chart.set_rows([GapRow("Strategic Operator", None, 4, 1, 1)])  # Role model at level 1
    chart.show()
    qtbot.waitExposed(chart)
    image = chart.grab().toImage()
    manager = chart.palette().color(QPalette.ColorRole.Highlight)
    reach = widest_bar(image, manager, range(image.height()))
    # Role model fills the one level shown: most of the chart, not a quarter of it.
    assert reach > 0.6 * chart.width()
    assert chart.accessibleDescription()  # the same facts in words
