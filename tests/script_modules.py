"""Helpers for tests of the stand-alone scripts in ``scripts/`` and ``bench/``: load one as a
module, and write the ``uv.lock`` the audit scripts read."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_script(relative: str) -> ModuleType:
    """The script at ``relative`` (to the repository), imported under its file name."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def uv_lock(*packages: tuple[str, str]) -> str:
    """A ``uv.lock`` holding the project itself and each (name, version) from PyPI."""
    blocks = [
        'version = 1\nrequires-python = ">=3.11"\n',
        '[[package]]\nname = "taskmine"\nversion = "0.1.0"\nsource = { editable = "." }\n',
    ]
    blocks += [
        f'[[package]]\nname = "{name}"\nversion = "{version}"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
        for name, version in packages
    ]
    return "\n".join(blocks)
