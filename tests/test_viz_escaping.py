"""The visualisation page's embedded data cannot end or comment out its own script (issue 15).

Its JSON sits in a ``<script type="application/json">``; only ``</`` used to be escaped, so a
provision containing ``<!--<script`` put the HTML parser in the "script data double escaped"
state and the page's own script never ran. A browser proves it: the page's script still runs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pactgraph.visualise import agency_objective_graph, load_graph, render_html

SEED = Path(__file__).parent / "data" / "viz" / "seed.ttl"
HOSTILE = 'Protect <!--<script> children </script><img src=x onerror="alert(1)"> & "others"'


@pytest.fixture(scope="module")
def page() -> tuple[str, str]:
    g = agency_objective_graph(load_graph(SEED))
    node = next(n for n, d in g.nodes(data=True) if d.get("label"))
    g.nodes[node]["label"] = HOSTILE
    svg = '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    return render_html(g, svg, title="t"), node


def test_embedded_json_escapes_lt_gt_and_amp(page):
    html, _ = page
    data = re.search(r'<script type="application/json" id="viz-data">(.*?)</script>', html, re.S)
    assert data is not None
    text = data.group(1)
    assert not re.search(r"[<>&]", text)
    assert HOSTILE in {n["label"] for n in json.loads(text)["nodes"].values()}


@pytest.mark.browser
def test_the_page_script_still_runs_with_hostile_text(page, chromium, tmp_path):
    html, _ = page
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    tab = chromium.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    tab.goto(path.as_uri())
    data = tab.evaluate("JSON.parse(document.getElementById('viz-data').textContent)")
    assert HOSTILE in {n["label"] for n in data["nodes"].values()}
    assert errors == []
    tab.close()
