"""bench/generate_corpus.py loaded as a module, for the tests that generate a corpus from it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate_corpus.py"


def load_generator() -> ModuleType:
    """The benchmark's corpus generator (bench/ is not a package, so it is loaded by path)."""
    spec = importlib.util.spec_from_file_location("generate_corpus", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module
    spec.loader.exec_module(module)
    return module
