"""WCAG 2.2 AA contrast, worked out from the colours the application actually draws with.

The issue measured white on the selection at 3.69:1, placeholder text 4.0:1, the focus
frame 2.25:1, the signature pad's edge 1.98:1, the wheel's Exploring and Planned fills
1.68:1 and 2.91:1 and the chosen segment's outline on them 1.27:1. Each is computed here
from the palette in use (Qt's own on this machine, and a dark one), after ui/contrast.py
has had its say."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from rmp_desktop.ui import contrast
from rmp_desktop.ui.contrast import GRAPHIC, TEXT, ratio
from rmp_desktop.ui.wizard.avenue_model import STATUS_ORDER

R = QPalette.ColorRole


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((R.Window, "#2b2b2b"), (R.WindowText, "#e6e6e6"), (R.Base, "#1e1e1e"),
                         (R.AlternateBase, "#262626"), (R.Text, "#e6e6e6"),
                         (R.Button, "#333333"), (R.ButtonText, "#e6e6e6"),
                         (R.Highlight, "#3d8ee0"), (R.HighlightedText, "#ffffff"),
                         (R.PlaceholderText, "#7a7a7a"), (R.Link, "#3d8ee0")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["system", "dark"])
def palette(request, qapp) -> QPalette:
    """The palette windows are drawn with once app.py has installed contrast's."""
    base = qapp.palette() if request.param == "system" else dark_palette()
    return contrast.accessible_palette(base)


def backgrounds(palette: QPalette) -> list[QColor]:
    return [palette.color(r) for r in (R.Window, R.Base, R.AlternateBase, R.Button)]


def test_the_issues_measurements_are_what_qt_gives_before(qapp):
    fusion = QPalette(QColor("#efefef"))  # Qt's Fusion light palette, as the issue measured it
    fusion.setColor(R.Highlight, QColor("#308cc6"))
    fusion.setColor(R.HighlightedText, QColor("#ffffff"))
    fusion.setColor(R.Base, QColor("#ffffff"))
    assert round(ratio(fusion.color(R.Highlight), fusion.color(R.HighlightedText)), 2) == 3.69
    placeholder = contrast.flatten(QColor(0, 0, 0, 128), QColor("#ffffff"))
    assert round(ratio(placeholder, QColor("#ffffff")), 1) == 4.0
    assert round(ratio(QColor("#b8b8b8"), QColor("#ffffff")), 2) == 1.98  # Fusion's Mid


def test_text_on_the_selection_and_placeholders_reach_4_5(palette):
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        assert ratio(palette.color(group, R.Highlight),
                     palette.color(group, R.HighlightedText)) >= TEXT
        assert ratio(palette.color(group, R.PlaceholderText), palette.color(group, R.Base)) \
            >= TEXT
        assert ratio(palette.color(group, R.Link), palette.color(group, R.Base)) >= TEXT


def test_the_focus_ring_and_the_signature_pads_lines_reach_3(palette):
    for background in backgrounds(palette):
        assert ratio(contrast.focus_colour(palette), background) >= GRAPHIC
        assert ratio(contrast.border_colour(palette), background) >= GRAPHIC


def test_error_and_warning_words_reach_4_5(palette):
    for background in backgrounds(palette):
        assert ratio(contrast.error_colour(palette), background) >= TEXT
        assert ratio(contrast.warning_colour(palette), background) >= TEXT


def test_every_wheel_fill_stands_out_and_the_chosen_outline_stands_out_from_every_fill(palette):
    base = palette.color(R.Base)
    outline = (palette.color(R.WindowText), base)  # drawn dark outside, light inside
    for status in STATUS_ORDER[1:]:
        fill = contrast.status_colour(status, palette)
        assert ratio(fill, base) >= GRAPHIC, status
        assert max(ratio(fill, line) for line in outline) >= GRAPHIC, status
    assert ratio(outline[0], base) >= GRAPHIC  # on a segment not yet considered (no fill)


def test_a_colour_already_meeting_its_ratio_is_left_alone():
    black = QColor("#000000")
    assert contrast.meeting(black, [QColor("#ffffff")], TEXT) == black
    lightened = contrast.meeting(QColor("#202020"), [QColor("#101010")], GRAPHIC)
    assert ratio(lightened, QColor("#101010")) >= GRAPHIC
    assert lightened.lightnessF() > QColor("#202020").lightnessF()
