"""The PDF export dialog: real clicks and keys change the options and the preview; export runs in a thread."""

from __future__ import annotations

import threading

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.io.pdf.pages import PAGE_SIZES

# Widgets need a QApplication; create it at collection, before a PNG export test makes a bare
# QGuiApplication (which would make every later QWidget abort the test process).
_APP = QApplication.instance() or QApplication([])


@pytest.fixture(autouse=True)
def app_names(qapp):
    qapp.setOrganizationName("JourneyCanvasTests")
    qapp.setApplicationName("Journey Canvas Tests")
    settings = QSettings()
    settings.remove("pdf_export")
    yield
    QSettings().remove("pdf_export")


@pytest.fixture
def dialog(qtbot, example_map):
    from app.widgets.pdf_export_dialog import PdfExportDialog

    widget = PdfExportDialog(example_map)
    widget.show_messages = False
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, button) -> None:
    """Click a radio button or check box on its indicator (its centre may be empty space)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def preview_image(dialog):
    return dialog.preview.pixmap().toImage()


def test_clicks_and_keys_change_options_and_preview(qtbot, dialog):
    assert dialog.options().fit == "page" and not dialog.scale.isEnabled()
    before = preview_image(dialog)
    click(qtbot, dialog.fit_tile)
    assert dialog.options().fit == "tile" and dialog.scale.isEnabled()
    assert "sheet" in dialog.summary.text()
    tiled = preview_image(dialog)
    assert tiled != before

    sheets = len(dialog.plan().sheets)
    dialog.scale.setFocus()
    dialog.scale.selectAll()
    qtbot.keyClicks(dialog.scale, "250")
    assert dialog.options().scale == 250
    assert len(dialog.plan().sheets) > sheets
    assert preview_image(dialog) != tiled

    click(qtbot, dialog.portrait)
    assert dialog.options().orientation == "portrait"
    dialog.page_size.setFocus()
    qtbot.keyClick(dialog.page_size, Qt.Key.Key_Down)
    assert dialog.options().page_size == list(PAGE_SIZES)[1]
    assert f"{list(PAGE_SIZES)[1]} portrait" in dialog.summary.text()

    click(qtbot, dialog.cover)
    assert dialog.options().cover


def test_preview_shows_the_page_and_its_margins(qtbot, dialog):
    image = preview_image(dialog)
    center = image.pixelColor(image.width() // 2, image.height() // 2)
    edge = image.pixelColor(2, 2)
    assert edge.name() == "#e6e9ef"  # around the page
    assert center != edge  # the map is drawn on the page


def test_export_runs_in_a_worker_thread_and_writes_a_valid_pdf(qtbot, dialog, tmp_path, monkeypatch):
    from app.io.pdf import export as pdf_export

    threads = []
    original = pdf_export.PdfDocument.write

    def spying(self, path, progress=None):
        threads.append(threading.get_ident())
        return original(self, path, progress)

    monkeypatch.setattr(pdf_export.PdfDocument, "write", spying)
    click(qtbot, dialog.fit_tile)
    click(qtbot, dialog.portrait)
    out = tmp_path / "dialog.pdf"
    with qtbot.waitSignal(dialog.export_finished, timeout=30000) as blocker:
        dialog.export_to(out)
    assert blocker.args == [True]
    assert threads and threads[0] != threading.get_ident()
    reader = PdfReader(out)
    assert len(reader.pages) == len(dialog.plan().sheets) + 1  # + the assembly guide
    box = reader.pages[0].mediabox
    assert float(box.width) < float(box.height)  # portrait


def test_options_are_remembered(qtbot, dialog, tmp_path, example_map):
    from app.widgets.pdf_export_dialog import PdfExportDialog

    click(qtbot, dialog.fit_tile)
    dialog.page_size.setCurrentText("A3")
    click(qtbot, dialog.appendix)
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.export_to(tmp_path / "remember.pdf")
    again = PdfExportDialog(lambda: example_map)
    qtbot.addWidget(again)
    options = again.options()
    assert (options.fit, options.page_size, options.appendix) == ("tile", "A3", True)


def test_exec_export_by_clicking_export(qtbot, dialog, tmp_path):
    out = tmp_path / "exec.pdf"
    QTimer.singleShot(100, lambda: qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton))
    assert dialog.exec_export(out) is True
    assert len(PdfReader(out).pages) == len(dialog.plan().sheets) == 2  # A4: two spreads of lanes


def test_a_failed_export_reports_and_keeps_the_old_file(qtbot, dialog, tmp_path):
    out = tmp_path / "missing-folder" / "x.pdf"
    with qtbot.waitSignal(dialog.export_finished, timeout=30000) as blocker:
        dialog.export_to(out)
    assert blocker.args == [False]
    assert "does not exist" in dialog.last_error


def test_channel_matrix_checkbox_adds_the_page_and_is_remembered(qtbot, dialog, tmp_path, example_map):
    from app.widgets.pdf_export_dialog import PdfExportDialog

    click(qtbot, dialog.channels)
    assert dialog.options().channels and "the channel matrix" in dialog.summary.text()
    out = tmp_path / "channels.pdf"
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.export_to(out)
    pages = PdfReader(out).pages
    assert len(pages) == 3 and pages[2].extract_text().startswith("Channel matrix")
    again = PdfExportDialog(lambda: example_map)
    qtbot.addWidget(again)
    assert again.options().channels


def test_a4_preview_names_the_spreads_and_the_paper_for_one_page(qtbot, dialog):
    text = dialog.summary.text()
    assert "2 pages of lanes" in text and "for one page choose A3" in text


def test_one_poster_sheet_moves_to_a1_and_exports_one_page(qtbot, dialog, tmp_path):
    click(qtbot, dialog.fit_poster)
    assert dialog.options().fit == "poster" and dialog.page_size.currentText() == "A1"
    assert "the whole map on one sheet" in dialog.summary.text()
    out = tmp_path / "poster.pdf"
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.export_to(out)
    page = PdfReader(out).pages[0]
    assert len(PdfReader(out).pages) == 1 and round(float(page.mediabox.width)) == 2384


def test_the_warning_after_an_export_speaks_the_dialogs_words_and_names_the_paper(qtbot, dialog, tmp_path):
    """The message box after exporting the example on A4 said "choose a larger --page-size, or --fit tile":
    command-line options the editor's user never saw. It names the paper and the dialog's choices instead."""
    out = tmp_path / "a4.pdf"
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.export_to(out)
    assert len(dialog.last_warnings) == 1
    warning = dialog.last_warnings[0]
    assert "--" not in warning, warning
    assert "for one page choose page size A3 or larger, or a tiled poster" in warning
