"""Showing and printing the core's PDFs: PDFium pages, Qt print and preview, a viewer."""

from ui.printing.pdf_pages import PdfPages, page_count, render_pages
from ui.printing.printer import (
    PdfPreviewDialog,
    new_printer,
    preview_pdf,
    print_pdf,
    print_to,
    print_with_progress,
)
from ui.printing.viewer import PdfViewer

__all__ = ["PdfPages", "PdfPreviewDialog", "PdfViewer", "new_printer", "page_count",
           "preview_pdf", "print_pdf", "print_to", "print_with_progress", "render_pages"]
