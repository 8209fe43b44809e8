"""One lock for PDFium, which is not thread-safe: the window renders a PDF's pages on the
GUI thread while thumbnails of scanned PDFs, and printouts with scans in them, are made
on worker threads. Every use of pypdfium2 (open, render, read, close) holds ``PDFIUM``;
it is re-entrant, so a caller holding it may call another that takes it too."""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
