"""bench/ scripts loaded as modules: the corpus generator for the tests that generate a corpus
from it, bench/run.py for the test of its report."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate_corpus.py"


def load_bench(name: str) -> ModuleType:
    """The script ``bench/NAME.py`` as a module (bench/ is not a package: loaded by path)."""
    spec = importlib.util.spec_from_file_location(name, GENERATOR.parent / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_generator() -> ModuleType:
    """The benchmark's corpus generator."""
    return load_bench("generate_corpus")
