"""Reports and exports are offered the user's real Documents folder, which on Windows is
often redirected into OneDrive: asked of the system, never built as ~/Documents."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from swdesk import paths


def test_documents_is_the_folder_the_system_names(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    onedrive = tmp_path / "OneDrive" / "文档"
    onedrive.mkdir(parents=True)
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(onedrive))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.documents_dir() == onedrive
    assert paths.save_suggestion("月报-2025-03.pdf") == onedrive / "月报-2025-03.pdf"


def test_a_missing_documents_folder_falls_back_to_home(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "gone"))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.documents_dir() == tmp_path
