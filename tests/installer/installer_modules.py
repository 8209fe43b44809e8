"""The installer/ scripts, imported by path (installer/ is a folder of scripts, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

INSTALLER = Path(__file__).resolve().parents[2] / "installer"


def load(name: str) -> ModuleType:
    """installer/NAME.py under a name of its own (``build`` is also a PyPI package's name)."""
    if str(INSTALLER) not in sys.path:
        sys.path.append(str(INSTALLER))  # the scripts import one another by bare name
    module_name = f"swdesk_installer_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
