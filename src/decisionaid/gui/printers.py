# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright the decisionaid authors
"""Printing from the GUI: a printer chooser for personal computers and printing through Qt.

On Linux and macOS the job still goes to CUPS with `lp` (the PDF stays vector); where there is
no `lp` (Windows) QtPrinter draws each page of the PDF on a QPrinter. A kiosk never asks: it
prints straight to its configured queue.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.gui.lazy_qt import Qt
from decisionaid.gui.widgets.choices import ChoiceRow, describe_positions
from decisionaid.gui.widgets.text import heading
from decisionaid.i18n import _

# The printing module is imported when something is printed: a laptop's LaptopPrinter is made
# before the first page is shown, and prints, if at all, at the end.
if TYPE_CHECKING:
    from decisionaid.system.printing import Printer, PrintError, PrintJob

PRINT_DPI = 300


class QtPrinter:
    """Prints a PDF through Qt: each page rendered at 300 dpi and drawn on a QPrinter.

    `printer_name` is a system printer (None: the default one); `output_file` writes a PDF
    instead (tests, or "print to file").
    """

    def __init__(
        self,
        printer_name: str | None = None,
        *,
        output_file: Path | None = None,
        resolution: int = PRINT_DPI,
    ) -> None:
        self.printer_name = printer_name
        self.output_file = output_file
        self.resolution = resolution

    def print_pdf(self, pdf: bytes, title: str) -> None:
        """Print every page; raise PrintError with a plain message on any failure."""
        from decisionaid.system import printing

        try:
            with printing.private_copy(pdf) as path:
                self._print_file(path, title)
        except OSError as exc:
            raise _failed(str(exc.strerror or exc)) from None

    def _print_file(self, path: Path, title: str) -> None:
        # Qt's PDF and print support load when something is printed, not at start-up.
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrinter

        document = QPdfDocument()
        if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
            # TRANSLATORS: a reason, put into "Printing failed ({reason}). Please ask a member of staff.".
            raise _failed(_("the summary could not be read"))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(self.resolution)
        printer.setFullPage(True)
        printer.setDocName(title)
        if self.output_file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.output_file))
        elif self.printer_name:
            printer.setPrinterName(self.printer_name)
        if not printer.isValid():
            raise _failed(_("the printer is not available"))
        painter = QPainter()
        if not painter.begin(printer):
            raise _failed(_("the printer could not be started"))
        try:
            for index in range(document.pageCount()):
                if index and not printer.newPage():
                    raise _failed(_("the printer stopped"))
                target = painter.viewport()
                points = document.pagePointSize(index)
                size = QSize(
                    round(points.width() * self.resolution / 72),
                    round(points.height() * self.resolution / 72),
                ).scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = document.render(index, size)
                if image.isNull():
                    raise _failed(_("a page could not be prepared"))
                painter.drawImage(QRect(QPoint(0, 0), size), image)
        finally:
            painter.end()
            document.close()


def _failed(reason: str) -> PrintError:
    from decisionaid.system.printing import PrintError

    return PrintError(
        _("Printing failed ({reason}). Please ask a member of staff.").format(reason=reason)
    )


class PrinterChooser(QDialog):
    """Which printer? One choice row per printer, the default one chosen already."""

    def __init__(
        self, names: Sequence[str], default: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printerChooser")
        self.setWindowTitle(_("Choose a printer"))
        self.setModal(True)
        self.group = QButtonGroup(self)
        self.rows: dict[str, ChoiceRow] = {}
        for name in names:
            row = ChoiceRow(name, exclusive=True)
            self.group.addButton(row.button)
            self.rows[name] = row
        describe_positions(self.group)
        chosen = default if default in self.rows else (names[0] if names else None)
        if chosen is not None:
            self.rows[chosen].button.setChecked(True)
        self.print_button = QPushButton(_("Print"))
        self.print_button.setProperty("role", "primary")
        self.print_button.setDefault(True)
        self.print_button.setAccessibleName(_("Print on the chosen printer"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel printing"))
        self.cancel_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        # Layout
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 24, 24, 24)
        column.setSpacing(8)
        column.addWidget(heading(_("Which printer should print your summary?"), 3))
        for row in self.rows.values():
            column.addWidget(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        column.addSpacing(8)
        column.addLayout(buttons)
        if chosen is not None:
            self.rows[chosen].button.setFocus()

    def chosen(self) -> str | None:
        """The printer chosen, or None."""
        for name, row in self.rows.items():
            if row.button.isChecked():
                return name
        return None


def choose_printer(parent: QWidget | None, names: Sequence[str], default: str | None) -> str | None:
    """Ask which printer to use; None when the person cancels."""
    dialog = PrinterChooser(names, default, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted.value:
            return None
        return dialog.chosen()
    finally:
        if shiboken6.isValid(dialog):  # a parent that went away takes its children along
            dialog.deleteLater()


Chooser = Callable[[QWidget | None, Sequence[str], str | None], str | None]


class LaptopPrinter:
    """A personal computer's printer: asks which one when there are several, then prints.

    With CUPS (`lp`, Linux and macOS) the job goes through LpPrinter so the PDF stays vector;
    elsewhere through QtPrinter. The functions are parameters so tests can use fakes.
    """

    def __init__(
        self,
        *,
        list_names: Callable[[], list[str]] | None = None,
        default_name: Callable[[], str | None] | None = None,
        make_printer: Callable[[str | None], Printer] | None = None,
        choose: Chooser = choose_printer,
    ) -> None:
        use_lp = sys.platform != "win32" and shutil.which("lp") is not None
        if use_lp:
            self.list_names = list_names or _lp_printer_names
            self.default_name = default_name or _lp_default_printer
            self.make_printer: Callable[[str | None], Printer] = make_printer or _lp_printer
        else:
            self.list_names = list_names or _qt_printer_names
            self.default_name = default_name or _qt_default_printer
            self.make_printer = make_printer or QtPrinter
        self.choose = choose

    def print_pdf(self, pdf: bytes, title: str) -> None:
        """Ask (if there is a choice), then print; PrintCancelled if the person cancels."""
        self.make_printer(self._queue()).print_pdf(pdf, title)

    def start_print(self, pdf: bytes, title: str) -> PrintJob:
        """Ask (if there is a choice), then print in the background where the printer can."""
        from decisionaid.system.printing import AsyncPrinter, FinishedJob, PrintError

        printer = self.make_printer(self._queue())
        if isinstance(printer, AsyncPrinter):
            return printer.start_print(pdf, title)
        try:
            printer.print_pdf(pdf, title)
        except PrintError as exc:
            return FinishedJob(exc)
        return FinishedJob()

    def _queue(self) -> str | None:
        """The printer to use: the only one, or the person's choice among several."""
        names = self.list_names()
        default = self.default_name()
        queue = default
        if len(names) > 1:
            window = QApplication.activeWindow()
            # A closing dialog can still be the active window; never parent to it.
            parent = window if window is not None and window.isVisible() else None
            queue = self.choose(parent, names, default)
            if queue is None:
                from decisionaid.system.printing import PrintCancelled

                raise PrintCancelled(_("Printing was cancelled."))
        elif names:
            queue = names[0]
        return queue


def _lp_printer_names() -> list[str]:
    from decisionaid.system import printing

    return printing.list_printers()


def _lp_default_printer() -> str | None:
    from decisionaid.system import printing

    return printing.default_printer_name()


def _lp_printer(queue: str | None) -> Printer:
    from decisionaid.system.printing import LpPrinter

    return LpPrinter(queue)


def _qt_printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return QPrinterInfo.availablePrinterNames()


def _qt_default_printer() -> str | None:
    from PySide6.QtPrintSupport import QPrinterInfo

    return QPrinterInfo.defaultPrinterName() or None
