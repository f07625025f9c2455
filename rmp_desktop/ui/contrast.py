"""Colours that meet WCAG 2.2 AA contrast, worked out from the palette in use.

The system's palette (or Qt's Fusion default) keeps its hues; only the roles that fall
short are made darker on a light palette, lighter on a dark one, until they meet their
ratio: text on the selection and placeholder text 4.5:1, the focus ring and the lines
that mark out a control 3:1 (WCAG 1.4.3 and 1.4.11). The exposure wheel's status colours
come from here too, each checked against the wheel's background.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

TEXT = 4.5  # WCAG 1.4.3, text and images of text
GRAPHIC = 3.0  # WCAG 1.4.11, parts of controls and graphics a person must see

_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
R = QPalette.ColorRole

# The wheel's fills, as hues to start from; each is taken darker (or lighter on a dark
# palette) until its pattern stands 3:1 against the wheel's background.
STATUS_HUES = {
    "exploring": "#b07d00",
    "planned": "#1f6fb2",
    "active": "#237a4b",
    "done": "#2c4564",
}


ERROR_HUE = "#a4262c"
WARNING_HUE = "#8a4b00"


def luminance(colour: QColor) -> float:
    """Relative luminance, as WCAG defines it from sRGB."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def ratio(a: QColor, b: QColor) -> float:
    """The contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(colour: QColor) -> bool:
    return luminance(colour) < 0.18


def flatten(colour: QColor, over: QColor) -> QColor:
    """A translucent colour as it shows on `over` (placeholder text is drawn half opaque)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(colour.redF() * alpha + over.redF() * (1 - alpha),
                           colour.greenF() * alpha + over.greenF() * (1 - alpha),
                           colour.blueF() * alpha + over.blueF() * (1 - alpha))


def meeting(colour: QColor, against: Iterable[QColor], needed: float) -> QColor:
    """`colour`, or the nearest shade of it (darker beside light colours, lighter beside
    dark ones) that has at least `needed` contrast with every colour in `against`."""
    against = list(against)
    lighten = all(is_dark(c) for c in against)
    shade = QColor(colour)
    shade.setAlpha(255)
    for _ in range(100):
        if all(ratio(shade, c) >= needed for c in against):
            return shade
        lightness = shade.lightnessF()
        lightness = min(1.0, lightness + 0.02) if lighten else max(0.0, lightness - 0.02)
        shade = QColor.fromHslF(max(shade.hslHueF(), 0.0), shade.hslSaturationF(), lightness)
    return QColor("#ffffff") if lighten else QColor("#000000")


def error_colour(palette: QPalette) -> QColor:
    """Words that say what is wrong: a dark red, 4.5:1 on the window and in fields."""
    return meeting(QColor(ERROR_HUE), _backgrounds(palette), TEXT)


def warning_colour(palette: QPalette) -> QColor:
    """Words that warn (a missing equality objective): a dark amber, 4.5:1."""
    return meeting(QColor(WARNING_HUE), _backgrounds(palette), TEXT)


def focus_colour(palette: QPalette) -> QColor:
    """The focus ring: the selection colour, 3:1 against every background it is drawn on."""
    return meeting(palette.color(R.Highlight), _backgrounds(palette), GRAPHIC)


def border_colour(palette: QPalette) -> QColor:
    """Lines that mark out a control drawn here (the signature pad's edge and baseline)."""
    text = palette.color(R.Text)
    base = palette.color(R.Base)
    grey = QColor.fromRgbF((text.redF() + base.redF()) / 2, (text.greenF() + base.greenF()) / 2,
                           (text.blueF() + base.blueF()) / 2)
    return meeting(grey, _backgrounds(palette), GRAPHIC)


def status_colour(status: str, palette: QPalette) -> QColor:
    """The exposure wheel's colour for a status, 3:1 against the wheel's background."""
    return meeting(QColor(STATUS_HUES[status]), [palette.color(R.Base)], GRAPHIC)


def accessible_palette(palette: QPalette) -> QPalette:
    """`palette` with its selection, placeholder and link colours brought up to AA."""
    fixed = QPalette(palette)
    for group in _GROUPS:
        base = palette.color(group, R.Base)
        selected_text = palette.color(group, R.HighlightedText)
        fixed.setColor(group, R.Highlight,
                       meeting(palette.color(group, R.Highlight), [selected_text], TEXT))
        placeholder = flatten(palette.color(group, R.PlaceholderText), base)
        fixed.setColor(group, R.PlaceholderText, meeting(placeholder, [base], TEXT))
        for role in (R.Link, R.LinkVisited):
            fixed.setColor(group, role, meeting(palette.color(group, role),
                                                [base, palette.color(group, R.Window)], TEXT))
    return fixed


def install(app: QApplication) -> None:
    """Bring the application's palette up to AA (once: a second call changes nothing)."""
    app.setPalette(accessible_palette(app.palette()))


def _backgrounds(palette: QPalette) -> list[QColor]:
    return [palette.color(R.Window), palette.color(R.Base), palette.color(R.AlternateBase),
            palette.color(R.Button)]
