# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Modal dialogs with our own translated button texts: confirmations and source details."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content import Source
from decisionaid.gui.widgets.layout import ScrollColumn, scroll_area_for
from decisionaid.gui.widgets.text import heading, label
from decisionaid.i18n import _


def confirm(parent: QWidget | None, title: str, text: str, yes_text: str) -> bool:
    """Ask a yes/no question; the safe answer ("No, go back") is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    # TRANSLATORS: the safe answer to a question such as "Start over?": keep the dialog's step and the answers.
    no = box.addButton(_("No, go back"), QMessageBox.ButtonRole.RejectRole)
    yes.setAccessibleName(yes_text)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def inform(parent: QWidget | None, title: str, text: str, *, problem: bool = False) -> None:
    """Tell the person something that happened, with one OK button."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    ok = box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    ok.setAccessibleName(_("OK"))
    box.setDefaultButton(ok)
    box.exec()


def documents_folder() -> Path:
    """Where file dialogs start: the person's Documents folder."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def ask_save_path(
    parent: QWidget | None, title: str, file_name: str, file_filter: str, suffixes: Sequence[str]
) -> Path | None:
    """Ask where to save, starting in Documents; None if cancelled.

    A name without one of `suffixes` gets the first one, so the file opens in the right program.
    """
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(documents_folder() / file_name), file_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in suffixes:
        path = path.with_name(path.name + suffixes[0])
    return path


def show_sources(parent: QWidget | None, sources: Sequence[Source]) -> None:
    """Show the citation and web address of each source (selectable, to copy them)."""
    groups = []
    for source in sources:
        citation, url = label(source.citation), label(source.url, "small")
        for text in (citation, url):
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        groups.append((citation, url))
    _show_scrolling(parent, _("Where this comes from"), groups)


def show_sections(parent: QWidget | None, title: str, sections: Sequence[tuple[str, str]]) -> None:
    """A scrolling dialog of headed paragraphs (long texts such as "About this guide")."""
    _show_scrolling(parent, title, [(heading(head, 3), label(text)) for head, text in sections])


def _show_scrolling(
    parent: QWidget | None, title: str, groups: Sequence[Sequence[QWidget]]
) -> None:
    """A modal dialog whose text scrolls, so Close stays on screen at any text size.

    Each group of widgets (a heading and its paragraph, say) is set apart from the next.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setModal(True)
    inner = ScrollColumn()
    inner.setObjectName("pageBody")
    column = QVBoxLayout(inner)
    column.setSpacing(8)
    for group in groups:
        for widget in group:
            column.addWidget(widget)
        column.addSpacing(8)
    column.addStretch(1)
    scroll = scroll_area_for(inner, title)  # it takes the focus: the arrow keys scroll the text
    close = QPushButton(_("Close"))
    close.setDefault(True)
    close.clicked.connect(dialog.accept)

    # Layout
    outer = QVBoxLayout(dialog)
    outer.addWidget(scroll, 1)
    outer.addWidget(close, 0, Qt.AlignmentFlag.AlignTrailing)
    if parent is not None:
        size = parent.window().size()
        dialog.resize(int(size.width() * 0.8), int(size.height() * 0.85))
    dialog.exec()
