"""Shared fixtures: the real build of the bundled corpus, free ports, headless Chromium.

- ``real_build``: ``pactgraph build`` of the bundled corpus into a session temp dir (no SHACL,
  ~6 s, once per test process), so query and server tests assert answers on the real graph.
- ``seed_build``: a build directory holding the hand-made ``tests/data/queries/seed.ttl`` (it
  contains a passage with ``<script>``, for the escaping test).
- ``free_port``: a function returning a TCP port free on 127.0.0.1.
- ``chromium``: a headless Debian Chromium driven by Playwright (``executable_path``, since
  ``playwright install`` cannot download browsers here; TOOLCHAIN.md); tests using it skip when
  Chromium is missing. ``browser_type_launch_args`` does the same for pytest-playwright users.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "queries" / "seed.ttl"


def chromium_path() -> str | None:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).exists() else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    """Call it to get a port that is free on 127.0.0.1."""
    return _free_port


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built into a temp dir (graph.nt, graph.ttl, stats.json).

    Under pytest-xdist the workers share one build of this run (the first builds it under a
    file lock, the others wait), so ``-n 2`` does not build twice. Treat it as read-only.
    """
    from pactgraph.pipeline import build

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        out = tmp_path_factory.mktemp("real-build")
        build(None, out=out)
        return out
    shared = tmp_path_factory.getbasetemp().parent / "real-build"  # this run's root, not older runs
    shared.mkdir(exist_ok=True)
    with (shared.parent / "real-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "stats.json").is_file():
            build(None, out=shared)
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert (shared / "graph.nt").is_file(), "pactgraph build wrote no graph.nt"
    return shared


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory whose graph is the hand-made seed fixture."""
    out = tmp_path_factory.mktemp("seed-build")
    shutil.copyfile(SEED, out / "graph.ttl")
    return out


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright: launch Debian's Chromium (Playwright cannot download its own here)."""
    return {**browser_type_launch_args, "executable_path": chromium_path() or "/usr/bin/chromium"}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (Playwright sync API); skips when Chromium is missing."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian chromium is not installed (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def site(real_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``pactgraph serve`` on the real build (127.0.0.1, a free port): its base URL."""
    from pactgraph.serve import ServeConfig, serve_in_thread

    store = tmp_path_factory.mktemp("site-store") / "store"
    app, _ = serve_in_thread(ServeConfig(build=real_build, port=0, timeout_s=10, store_dir=store))
    try:
        yield app.url
    finally:
        app.stop()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh Chromium tab (1280×900). ``page.errors`` collects uncaught exceptions;
    ``page.problems`` those and the console's errors."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.problems = []

    def on_exception(exc: Any) -> None:
        tab.errors.append(str(exc))
        tab.problems.append(str(exc))

    tab.on("pageerror", on_exception)
    tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="session")
def build_with_inferred(real_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real build's graph.nt plus a two-triple inferred.ttl (the reasoner's output format):
    what ``pactgraph publish`` uploads, for every store the publish tests start."""
    out = tmp_path_factory.mktemp("publish-build")
    shutil.copyfile(real_build / "graph.nt", out / "graph.nt")
    (out / "inferred.ttl").write_text(
        "@prefix pg: <https://w3id.org/pactgraph/ontology#> .\n"
        "<https://w3id.org/pactgraph/actor/unodc> pg:supports "
        "<https://w3id.org/pactgraph/work/gcm-zero-draft/objective/9> ,\n"
        "    <https://w3id.org/pactgraph/work/gcm-zero-draft/objective/10> .\n"
    )
    return out
