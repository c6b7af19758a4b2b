# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""The side panel: the list of steps and the text size and contrast settings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid.gui import lazy_qt, style
from decisionaid.gui.lazy_qt import Qt
from decisionaid.gui.widgets.choices import CHECK_MARK, ChoiceRow
from decisionaid.gui.widgets.layout import (
    scroll_area_for,
)
from decisionaid.gui.widgets.text import label
from decisionaid.i18n import _


class StepList(QFrame):
    """The side panel's list: "Step 3 of 12", a progress bar and every step, the current one marked.

    The current step is shown by bold text and a filled background, done steps by a check mark.
    """

    def __init__(self, titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepList")
        self.titles = list(titles)
        self.progress_label = label("", "progress")
        self.bar = QProgressBar()
        self.bar.setRange(0, len(titles))
        self.bar.setTextVisible(False)
        self.step_labels = [label(t, "step") for t in titles]

        # Layout
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 16, 12, 16)
        column.setSpacing(2)
        column.addWidget(self.progress_label)
        column.addSpacing(4)
        column.addWidget(self.bar)
        column.addSpacing(12)
        for step_label in self.step_labels:
            column.addWidget(step_label)
        column.addStretch(1)

    def set_current(self, index: int) -> None:
        """Mark step `index` (0-based) as the current one."""
        total = len(self.step_labels)
        # TRANSLATORS: where the person is in the guide, e.g. "Step 3 of 12".
        text = _("Step {number} of {total}").format(number=index + 1, total=total)
        self.progress_label.setText(text)
        # QProgressBar.setValue() repaints the whole window at once, in the middle of a page
        # turn (10 ms, and the new page is painted again right after); let it just update().
        self.bar.setUpdatesEnabled(False)
        self.bar.setValue(index + 1)
        self.bar.setUpdatesEnabled(True)
        self.bar.setAccessibleName(text)
        for position, step_label in enumerate(self.step_labels):
            title = self.titles[position]
            shown = f"{CHECK_MARK} {title}" if position < index else title
            current = "true" if position == index else "false"
            done = "true" if position < index else "false"
            if step_label.text() != shown:
                step_label.setText(shown)
            # Re-read the stylesheet only for the labels whose state changed (two or three).
            if (step_label.property("current"), step_label.property("done")) != (current, done):
                step_label.setProperty("current", current)
                step_label.setProperty("done", done)
                style.repolish(step_label)


class DisplaySettings(QFrame):
    """Text size (100, 150, 200 %) and high contrast, for this session only; in the side panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("displaySettings")
        self.size_label = label("", "small")
        # TRANSLATORS: buttons that make the text smaller and larger: keep them two or three
        # characters long.
        self.smaller_button = QPushButton(_("A−"))
        self.larger_button = QPushButton(_("A+"))
        # Spoken as shown, then what it does ("A−, Smaller text"): label in name, WCAG 2.5.3.
        # (Not inside an f-string: pybabel does not see a _() call there.)
        for button, action in (
            (self.smaller_button, _("Smaller text")),
            (self.larger_button, _("Larger text")),
        ):
            # TRANSLATORS: a button's spoken name: its visible text, then what it does, e.g.
            # "A−, Smaller text".
            button.setAccessibleName(
                _("{label}, {action}").format(label=button.text(), action=action)
            )
        for button in (self.smaller_button, self.larger_button):
            button.setAutoDefault(False)
            button.setMinimumSize(style.TOUCH, style.TOUCH)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.size_label.setBuddy(self.larger_button)
        self.contrast_row = ChoiceRow(_("High contrast"), exclusive=False)
        self.contrast_row.button.setAccessibleDescription(_("Black text on white, thick borders"))
        self.smaller_button.clicked.connect(self._on_smaller_clicked)
        self.larger_button.clicked.connect(self._on_larger_clicked)
        self.contrast_row.button.toggled.connect(self._on_contrast_toggled)
        self._show(style.current_appearance())

        # Layout
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.smaller_button)
        buttons.addWidget(self.larger_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(4)
        column.addWidget(self.size_label)
        column.addLayout(buttons)
        column.addWidget(self.contrast_row)

    def _show(self, appearance: style.Appearance) -> None:
        text = _("Text size: {size}%").format(size=appearance.text_size)
        self.size_label.setText(text)
        for button in (self.smaller_button, self.larger_button):
            button.setAccessibleDescription(text)
        self.smaller_button.setEnabled(appearance.text_size > style.TEXT_SIZES[0])
        self.larger_button.setEnabled(appearance.text_size < style.TEXT_SIZES[-1])
        self.contrast_row.button.setChecked(appearance.high_contrast)

    def _step(self, direction: int) -> None:
        current = style.current_appearance()
        sizes = style.TEXT_SIZES
        index = min(max(sizes.index(current.text_size) + direction, 0), len(sizes) - 1)
        had_focus = self.smaller_button.hasFocus() or self.larger_button.hasFocus()
        self._set(current._replace(text_size=sizes[index]))
        if had_focus and not (self.smaller_button.hasFocus() or self.larger_button.hasFocus()):
            # The pressed button is disabled at the end of the scale: keep the focus nearby.
            other = self.smaller_button if direction > 0 else self.larger_button
            other.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set(self, appearance: style.Appearance) -> None:
        style.set_appearance(appearance)
        self._show(appearance)

    def _on_smaller_clicked(self) -> None:
        self._step(-1)

    def _on_larger_clicked(self) -> None:
        self._step(1)

    def _on_contrast_toggled(self, checked: bool) -> None:
        self._set(style.current_appearance()._replace(high_contrast=checked))


class SidePanel(QWidget):
    """The steps (scrolling if the text is large) with the display settings always below them."""

    BASE_WIDTH = 220

    def __init__(self, titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_list = StepList(titles)
        self.display_settings = DisplaySettings()
        self.steps_area = scroll_area_for(self.step_list, _("Steps"), touch_drag=False)
        self.steps_area.setObjectName("sidePanel")
        self._current = 0  # the step kept in view (see set_current)
        # Nothing to do there by keyboard.
        lazy_qt.set_enum(self.steps_area, "focusPolicy", lazy_qt.NO_FOCUS)
        rtl = self.isRightToLeft()
        self.step_list.setProperty("rtl", "true" if rtl else "false")
        self._fit_width()

        # Layout
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.steps_area, 1)
        column.addWidget(self.display_settings)

    def set_current(self, index: int) -> None:
        """Mark the current step and keep it in view, also once it is laid out again."""
        labels = self.step_list.step_labels
        labels[self._current].removeEventFilter(self)
        self.step_list.set_current(index)
        self._current = index
        labels[index].installEventFilter(self)
        self._show_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt: the current step moved or grew, so keep it in view.

        Its bold text can take another line at a large text size, and the steps above it can
        lose one as they turn done: known only when the list is laid out, after set_current.
        """
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self._show_current()
        return False

    def _show_current(self) -> None:
        self.steps_area.ensureWidgetVisible(self.step_list.step_labels[self._current], 0, 24)

    def changeEvent(self, event: QEvent) -> None:
        """Grow a little with the text size, so the step names stay readable."""
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()
        super().changeEvent(event)

    def _fit_width(self) -> None:
        scale = style.current_appearance().scale
        self.setFixedWidth(round(self.BASE_WIDTH * (1 + 0.4 * (scale - 1))))
