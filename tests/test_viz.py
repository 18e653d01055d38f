"""pactgraph viz: the agency/objective graph, its exports and the interactive page.

The fixture ``tests/data/viz/seed.ttl`` follows docs/graph-model.md and exercises every path of
lead / support (bearer, partner, custodian of a cited instrument) and the things that must not
become edges. The real build of the bundled corpus (``real_build``, tests/conftest.py) is checked
for the links the texts make. The page tests drive Debian chromium through Playwright
(``-m browser``).
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import re
import shutil
import socket
import threading
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

from pactgraph.errors import PactgraphError
from pactgraph.visualise import (
    DETAIL_QUERY,
    agency_objective_graph,
    load_graph,
    objective_labels,
    select,
    visualise,
)

DATA = Path(__file__).parent / "data" / "viz"
SEED = DATA / "seed.ttl"
BASE = "https://w3id.org/pactgraph/"
GCM = BASE + "work/gcm/objective/"
OWNER_KINDS = ("lead", "coordinates", "support", "system-wide", "reviews", "funds", "custodian-for")


def owner_edges(g: nx.MultiDiGraph) -> set[tuple[str, str, str, int]]:
    """(agency label, objective number, kind, weight) of every ownership edge."""
    return {
        (g.nodes[u]["label"], g.nodes[v]["number"], k, d["weight"])
        for u, v, k, d in g.edges(keys=True, data=True)
        if k in OWNER_KINDS
    }


@pytest.fixture(scope="module")
def seed_store():
    return load_graph(SEED)


@pytest.fixture(scope="module")
def seed_graph(seed_store) -> nx.MultiDiGraph:
    return agency_objective_graph(seed_store)


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("viz")
    visualise(SEED, out, instruments=False)
    return out


# --- the networkx graph on the fixture ----------------------------------------------------------


def test_fixture_edges_are_each_kind_of_ownership_with_provision_counts(seed_graph):
    network = "United Nations Network on Migration"
    assert owner_edges(seed_graph) == {
        ("ILO", "6", "support", 1),  # partner of 20(b) st. 2 ...
        ("ILO", "6", "custodian-for", 1),  # ... and custodian of the cited ILO text: apart
        ("IOM", "6", "support", 1),
        ("IOM", "12", "lead", 1),
        ("IOM", "10.7", "lead", 1),
        ("OHCHR", "11", "custodian-for", 1),
        ("Secretary-General", "12", "lead", 1),
        ("Secretary-General", "10.7", "lead", 1),
        ("UNHCR", "12", "lead", 1),
        ("UNHCR", "12", "support", 1),
        ("UNHCR", "10.7", "lead", 1),
        ("UNODC", "9", "custodian-for", 2),  # GCM 23(a) and A/RES/71/1 34, the protocols
        ("UNODC", "10", "custodian-for", 2),  # GCM 24(a) and A/RES/71/1 34
        # system-wide support to the whole Compact reaches each objective by the stated rule,
        # and so does its coordinator (GCM 45, 45(a)); the draft's coordinator (UNICEF) nothing
        *((network, n, "system-wide", 1) for n in ("6", "9", "10", "11", "12")),
        *(("IOM", n, "coordinates", 1) for n in ("6", "9", "10", "11", "12")),
    }


def test_states_state_groups_and_objectiveless_agencies_are_not_nodes(seed_graph):
    labels = {d["label"] for _, d in seed_graph.nodes(data=True)}
    assert not labels & {"Kenya", "Member States", "host States"}
    assert "UNRWA" not in labels  # partner only of a statement that serves no objective
    assert "UNICEF" not in labels  # coordinator only in a draft


def test_edges_carry_their_provisions_sorted(seed_graph):
    unodc9 = seed_graph.edges[BASE + "actor/unodc", GCM + "9", "custodian-for"]
    assert unodc9["provisions"] == [
        BASE + "work/a-res-71-1/provision/34",
        BASE + "work/gcm/provision/23.a",
    ]
    assert unodc9["kind"] == "custodian-for"


def test_edge_weights_equal_distinct_provisions_of_the_detail_query(seed_store, seed_graph):
    detail: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in select(seed_store, DETAIL_QUERY):
        detail[(row["agency"], row["objective"], row["kind"])].add(row["provision"])
    owner = {
        (u, v, k): d["weight"]
        for u, v, k, d in seed_graph.edges(keys=True, data=True)
        if k in OWNER_KINDS
    }
    assert owner == {key: len(provs) for key, provs in detail.items()}


def test_nodes_are_sorted_agencies_first_then_objectives_in_number_order(seed_graph):
    layers = [d["layer"] for _, d in seed_graph.nodes(data=True)]
    assert layers == sorted(layers, key=["agency", "instrument", "objective"].index)
    numbers = [d["number"] for _, d in seed_graph.nodes(data=True) if d["layer"] == "objective"]
    assert numbers == ["6", "9", "10", "11", "12", "10.7"]  # the SDG target after the GCM


def test_objective_filter_keeps_the_objective_and_its_owners(seed_store):
    g = agency_objective_graph(seed_store, objective="9")
    assert owner_edges(g) == {
        ("UNODC", "9", "custodian-for", 2),
        ("IOM", "9", "coordinates", 1),
        ("United Nations Network on Migration", "9", "system-wide", 1),
    }
    assert g.number_of_nodes() == 4


def test_agency_filter_is_case_insensitive_and_keeps_its_objectives(seed_store):
    g = agency_objective_graph(seed_store, agency="unhcr")
    assert {(a, o, k) for a, o, k, _ in owner_edges(g)} == {
        ("UNHCR", "12", "lead"),
        ("UNHCR", "12", "support"),
        ("UNHCR", "10.7", "lead"),
    }


def test_unknown_filter_values_name_what_exists(seed_store):
    with pytest.raises(PactgraphError, match=r"UNODC"):
        agency_objective_graph(seed_store, agency="WHO")
    with pytest.raises(PactgraphError, match=r"objectives with owners: 6, 9, 10, 10\.7, 11, 12"):
        agency_objective_graph(seed_store, objective="99")


def test_instrument_layer_routes_custodians_through_cited_instruments(seed_store):
    g = agency_objective_graph(seed_store, instruments=True)
    instruments = {n for n, d in g.nodes(data=True) if d["layer"] == "instrument"}
    assert instruments == {
        BASE + "work/untoc",
        BASE + "work/smuggling-protocol",
        BASE + "work/trafficking-protocol",
        BASE + "work/ohchr-border-principles",
        BASE + "work/ilo-fair-recruitment",
    }  # the Global Plan of Action has no custodian: no node
    custodian = {
        (g.nodes[u]["label"], v.rsplit("/", 1)[-1], d["weight"])
        for u, v, k, d in g.edges(keys=True, data=True)
        if k == "custodian"
    }
    assert ("UNODC", "untoc", 3) in custodian  # 23(a), 24(a), A/RES/71/1 34
    cited = g.edges[BASE + "work/smuggling-protocol", GCM + "10", "cited"]
    assert cited["provisions"] == [BASE + "work/a-res-71-1/provision/34"]


def test_edges_record_their_paths(seed_graph):
    assert seed_graph.edges[BASE + "actor/ilo", GCM + "6", "support"]["paths"] == ["partner"]
    ilo6 = seed_graph.edges[BASE + "actor/ilo", GCM + "6", "custodian-for"]
    assert ilo6["paths"] == ["custodian"]
    iom9 = seed_graph.edges[BASE + "actor/iom", GCM + "9", "coordinates"]
    assert iom9["paths"] == ["coordinator of a body giving system-wide support"]
    assert seed_graph.edges[BASE + "actor/unhcr", GCM + "12", "lead"]["paths"] == ["bearer"]


def test_with_instruments_custodian_only_support_is_drawn_through_the_instrument(seed_store):
    from pactgraph.visualise import to_agraph

    g = agency_objective_graph(seed_store, instruments=True)
    a = to_agraph(g)
    drawn = {(u, v, a.get_edge(u, v, key).attr["class"]) for u, v, key in a.edges(keys=True)}
    # UNODC is custodian for 9: no direct line, the path through the protocol instead
    assert (BASE + "actor/unodc", GCM + "9", "edge-custodian-for") not in drawn
    assert (BASE + "actor/unodc", BASE + "work/smuggling-protocol", "edge-custodian") in drawn
    # ILO is also a partner of 20(b): its direct line stays
    assert (BASE + "actor/ilo", GCM + "6", "edge-support") in drawn


def test_objective_short_labels_come_from_the_data_file_with_full_title_kept():
    short, title = objective_labels(
        GCM + "9",
        "9",
        "Objective 9: Strengthen the transnational response to smuggling of migrants",
    )
    assert short == "9 · Smuggling of migrants"
    assert title.startswith("Objective 9: Strengthen")
    short, _ = objective_labels(
        BASE + "work/a-res-71-1/objective/ii.8.a", "ii.8.a", "Objective II.8(a): Protect refugees"
    )
    assert short == "ii.8.a · Protect refugees"


# --- the networkx graph on the real build of the bundled corpus -------------------------------

GCM_PROVISION = BASE + "work/gcm/provision/"


@pytest.fixture(scope="module")
def real_store(real_build):
    return load_graph(real_build / "graph.ttl")


@pytest.fixture(scope="module")
def real_graph(real_store) -> nx.MultiDiGraph:
    return agency_objective_graph(real_store)


@pytest.mark.parametrize(
    ("agency", "objective", "provision"),
    [
        # the adopted Compact: "... the Protocol against the Smuggling of Migrants ..."
        ("unodc", "9", "25.a"),
        # "... the Protocol to Prevent, Suppress and Punish Trafficking in Persons ..."
        ("unodc", "10", "26.a"),
        # "the OHCHR Recommended Principles and Guidelines on Human Rights at International Borders"
        ("ohchr", "11", "27.g"),
        # "the ILO General Principles and Operational Guidelines for Fair Recruitment, ... IRIS"
        ("ilo", "6", "22.l"),
        ("iom", "6", "22.l"),
        # "in line with the ILO Social Protection Floors Recommendation, 2012 (No. 202)"
        ("ilo", "22", "38.a"),
        # the WHO framework the Compact cites for migrants' health
        ("who", "15", "31.e"),
    ],
)
def test_real_build_custodians_of_cited_instruments_are_drawn_apart(
    real_graph, agency, objective, provision
):
    edge = real_graph.get_edge_data(BASE + "actor/" + agency, GCM + objective, "custodian-for")
    assert edge is not None, f"{agency} is not custodian for objective {objective}"
    assert GCM_PROVISION + provision in edge["provisions"]
    assert "custodian" in edge["paths"]


def test_real_build_agencies_are_organisations_never_states(real_store, real_graph):
    agencies = {n for n, d in real_graph.nodes(data=True) if d["layer"] == "agency"}
    named = ("unodc", "ohchr", "ilo", "iom", "who", "unhcr", "un-network-on-migration")
    assert {BASE + "actor/" + a for a in named} <= agencies
    # State-led processes and bodies outside the UN system are never drawn as agencies
    for outside in ("nansen-initiative", "global-consular-forum", "imrf", "gfmd"):
        assert BASE + "actor/" + outside not in agencies
    state_like = {
        row["s"]
        for row in _types(real_store)
        if row["type"].endswith(("#State", "#StateGroup", "#StakeholderGroup"))
    }
    assert not agencies & state_like
    assert BASE + "actor/member-states" not in real_graph
    unodc = real_graph.nodes[BASE + "actor/unodc"]
    assert (unodc["label"], unodc["title"]) == ("UNODC", "United Nations Office on Drugs and Crime")


def test_real_build_objectives_are_gcm_objectives_with_short_labels(real_graph):
    objectives = {n: d for n, d in real_graph.nodes(data=True) if d["layer"] == "objective"}
    assert {GCM + n for n in ("2", "6", "9", "10", "11", "22")} <= set(objectives)
    assert objectives[GCM + "9"]["label"] == "9 · Smuggling of migrants"
    assert objectives[GCM + "9"]["title"].endswith("smuggling of migrants")


def test_real_build_weights_count_distinct_provisions(real_store, real_graph):
    detail: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in select(real_store, DETAIL_QUERY):
        detail[(row["agency"], row["objective"], row["kind"])].add(row["provision"])
    for u, v, k, d in real_graph.edges(keys=True, data=True):
        assert d["weight"] == len(d["provisions"]) >= 1
        if k in OWNER_KINDS:
            assert d["weight"] == len(detail[(u, v, k)])


def _types(store) -> list[dict[str, str]]:
    result = store.run_text(
        "SELECT ?s ?type WHERE { ?s a ?type "
        "FILTER(STRSTARTS(STR(?s), 'https://w3id.org/pactgraph/actor/')) }"
    )
    return [{"s": str(r[0]), "type": str(r[1])} for r in result.rows]


# --- exports ------------------------------------------------------------------------------------


def test_every_artefact_is_written(seed_out):
    names = sorted(p.name for p in seed_out.iterdir())
    assert names == [
        "graph.gexf",
        "graph.graphml",
        "graph.png",
        "graph.svg",
        "index.html",
        "matrix.png",
        "matrix.svg",
    ]
    assert (seed_out / "graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_graphml_round_trips_nodes_edges_kinds_and_weights(seed_out, seed_graph):
    back = nx.read_graphml(seed_out / "graph.graphml", force_multigraph=True)
    assert set(back.nodes) == set(seed_graph.nodes)
    assert {(u, v, k) for u, v, k in back.edges(keys=True)} == set(seed_graph.edges(keys=True))
    for u, v, k, d in seed_graph.edges(keys=True, data=True):
        got = back.edges[u, v, k]
        assert got["weight"] == d["weight"] and isinstance(got["weight"], int)
        assert got["kind"] == k
        assert got["provisions"].split() == d["provisions"]
    assert back.nodes[BASE + "actor/unodc"]["label"] == "UNODC"


def test_gexf_round_trips_and_carries_no_date(seed_out, seed_graph):
    text = (seed_out / "graph.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    back = nx.read_gexf(seed_out / "graph.gexf")
    assert set(back.nodes) == set(seed_graph.nodes)
    weights = sorted(d["weight"] for *_, d in back.edges(data=True))
    assert weights == sorted(d["weight"] for *_, d in seed_graph.edges(data=True))


def test_two_runs_write_identical_files(seed_out, tmp_path):
    visualise(SEED, tmp_path)
    for path in sorted(seed_out.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_page_is_self_contained(seed_out):
    page = (seed_out / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+stylesheet", page)
    assert not re.search(r"""(src|href)=["']https?://(?!w3id\.org/pactgraph/)""", page)
    assert "9 · Smuggling of migrants" in page


def test_svg_has_one_group_per_node_and_a_legend(seed_out, seed_graph):
    svg = (seed_out / "graph.svg").read_text(encoding="utf-8")
    assert svg.count('class="node') == seed_graph.number_of_nodes()
    assert svg.count('class="edge') == seed_graph.number_of_edges()
    assert "leads: bears a commitment" in svg and "supports: partner" in svg


def svg_column(svg: str, layer: str) -> list[str]:
    """The labels of one column of the Graphviz drawing, top to bottom."""
    found = re.finditer(
        rf'class="node node&#45;{layer}">.*?<text[^>]*y="([-\d.]+)"[^>]*>([^<]*)</text>', svg, re.S
    )
    return [label for _, label in sorted((float(m.group(1)), m.group(2)) for m in found)]


@pytest.fixture(scope="module")
def real_out(real_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("viz-real")
    visualise(real_build, out)
    return out


def test_graphviz_draws_objectives_in_number_order_and_agencies_by_name(real_out, real_graph):
    svg = (real_out / "graph.svg").read_text(encoding="utf-8")
    objectives = svg_column(svg, "objective")
    gcm = [label.split(" ")[0] for label in objectives if re.match(r"\d+ ·", label)]
    assert gcm == [str(n) for n in range(1, 24)]
    in_graph = [d["label"] for _, d in real_graph.nodes(data=True) if d["layer"] == "objective"]
    assert [html.unescape(label) for label in objectives] == in_graph
    agencies = [html.unescape(a) for a in svg_column(svg, "agency")]
    assert agencies == sorted(agencies, key=str.casefold)


def test_heat_map_columns_are_objectives_in_number_order(real_out, real_graph):
    svg = (real_out / "matrix.svg").read_text(encoding="utf-8")
    gcm = [str(n) for n in range(1, 24)]
    # matplotlib writes each tick label once, as a comment naming its text
    ticks = re.findall(r"<!-- (\d+) · ", svg)
    assert [t for t in ticks if t in gcm] == gcm


def test_pngs_are_palette_images_of_a_reasonable_size(real_out):
    for name, limit in (("graph.png", 600_000), ("matrix.png", 600_000)):
        data = (real_out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert data[25] == 3, f"{name} is not a palette PNG"  # IHDR colour type 3
        assert len(data) < limit, (name, len(data))


# --- command line -------------------------------------------------------------------------------


def _run_cli(*args: str):
    from typer.testing import CliRunner

    from pactgraph.cli import app

    return CliRunner().invoke(app, ["viz", *args])


def test_cli_writes_the_drawings_and_reports_counts(tmp_path):
    result = _run_cli("--graph", str(SEED), "--out", str(tmp_path), "--agency", "UNODC")
    assert result.exit_code == 0, result.output
    assert "1 agencies, 2 objectives, 2 custodian-for links" in result.output
    assert (tmp_path / "index.html").is_file()


def test_cli_reads_a_build_directory_too(real_build, tmp_path):
    result = _run_cli("--graph", str(real_build), "--out", str(tmp_path), "--objective", "9")
    assert result.exit_code == 0, result.output
    # objective 9 of the adopted Compact: UNODC (custodian of the smuggling protocol), IOM
    # (coordinator of the network), the network, the capacity-building mechanism, the reviewers
    assert "agencies, 1 objectives" in result.output and "coordinates" in result.output


def test_cli_graph_without_agency_links_says_there_is_nothing_to_draw(tmp_path):
    graph = tmp_path / "graph.nt"
    graph.write_text(
        f'<{BASE}actor/ken> <http://www.w3.org/2000/01/rdf-schema#label> "Kenya" .\n',
        encoding="utf-8",
    )
    result = _run_cli("--graph", str(graph), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "no agency owns any objective" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "graph not found"), ("this is not turtle <<<", "cannot load RDF")],
)
def test_cli_bad_graph_is_one_line_naming_the_file(tmp_path, content, message):
    graph = tmp_path / "graph.ttl"
    if content is not None:
        graph.write_text(content, encoding="utf-8")
    result = _run_cli("--graph", str(graph), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert message in result.output and str(graph) in result.output
    assert "Traceback" not in result.output


# --- in a browser -------------------------------------------------------------------------------


def _hover_edge(page, edge_id: str) -> None:
    """Move the mouse onto the middle of an edge's drawn path."""
    x, y = page.evaluate(
        """id => {
          const p = document.querySelector('#' + id + ' path:not(.hit)');
          p.scrollIntoView({block: 'center', inline: 'center'});  // a tall drawing scrolls
          const pt = p.getPointAtLength(p.getTotalLength() / 2);
          const m = p.getScreenCTM();
          return [pt.x * m.a + pt.y * m.c + m.e, pt.x * m.b + pt.y * m.d + m.f];
        }""",
        edge_id,
    )
    page.mouse.move(x, y)


@pytest.mark.browser
def test_page_opens_without_errors_and_shows_every_node(page, seed_out, seed_graph):
    page.goto((seed_out / "index.html").as_uri())
    assert page.locator("#graph svg g.node").count() == seed_graph.number_of_nodes()
    assert page.locator("#graph svg g.edge").count() == seed_graph.number_of_edges()
    assert page.problems == []


@pytest.mark.browser
def test_hovering_an_edge_shows_the_provisions_behind_it(page, seed_out, seed_graph):
    page.goto((seed_out / "index.html").as_uri())
    edges = list(seed_graph.edges(keys=True))
    edge_id = f"e{edges.index((BASE + 'actor/unodc', GCM + '9', 'custodian-for'))}"
    assert not page.locator("#tip").is_visible()
    _hover_edge(page, edge_id)
    tip = page.locator("#tip")
    tip.wait_for(state="visible", timeout=3000)
    text = tip.inner_text()
    assert "UNODC is custodian of an instrument cited for" in text
    assert "9 · Smuggling of migrants" in text
    assert "A/RES/71/1 34" in text and "GCM 23(a)" in text
    assert "Reaffirming the importance" in text  # the provision's first words
    assert "custodian of Protocol against the Smuggling of Migrants" in text  # and the path
    page.mouse.move(2, 2)
    tip.wait_for(state="hidden", timeout=3000)
    assert page.problems == []


@pytest.mark.browser
def test_nodes_link_to_their_iri_and_screenshot_is_not_blank(page, seed_out, tmp_path):
    from PIL import Image

    page.goto((seed_out / "index.html").as_uri())
    hrefs = page.eval_on_selector_all(
        "#graph svg g.node a",
        "as => as.map(a => a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))",
    )
    assert BASE + "actor/unodc" in hrefs and GCM + "9" in hrefs
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot), full_page=True)
    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 200


@contextlib.contextmanager
def _serve(folder: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_served_page_links_nodes_to_local_linked_data_paths(page, seed_out):
    with _serve(seed_out) as origin:
        page.goto(origin + "/index.html")
        hrefs = page.eval_on_selector_all(
            "#graph svg g.node a",
            "as => as.map(a => a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))",
        )
    assert "/actor/unodc" in hrefs and "/work/gcm/objective/9" in hrefs
    assert page.problems == []


@pytest.mark.browser
def test_real_build_page_shows_every_node_without_errors(page, real_build, tmp_path):
    g, _ = visualise(real_build / "graph.ttl", tmp_path, instruments=True)
    page.goto((tmp_path / "index.html").as_uri())
    assert page.locator("#graph svg g.node").count() == g.number_of_nodes()
    layers = [d["layer"] for _, d in g.nodes(data=True)]
    assert page.locator("#graph svg g.node-instrument").count() == layers.count("instrument") > 0
    assert page.problems == []


@pytest.mark.browser
@pytest.mark.server
def test_page_served_by_pactgraph_serve_opens_the_linked_data_page_of_a_clicked_node(
    page, real_build, tmp_path
):
    from pactgraph.serve import ServeConfig, serve_in_thread

    build = tmp_path / "build"
    build.mkdir()
    for name in ("graph.nt", "graph.ttl"):
        shutil.copyfile(real_build / name, build / name)
    visualise(build / "graph.ttl", build / "viz")
    app, _ = serve_in_thread(
        ServeConfig(build=build, port=0, timeout_s=5, store_dir=tmp_path / "store")
    )
    try:
        page.goto(app.url.rstrip("/") + "/viz")  # no trailing slash: sibling links still work
        svg_link = page.locator("footer a", has_text="graph.svg").get_attribute("href")
        assert svg_link == "/viz/graph.svg"
        assert page.request.get(app.url.rstrip("/") + svg_link).ok
        assert page.problems == []  # the viz page itself
        with page.expect_navigation():
            page.locator("#graph svg g.node-agency a", has_text="UNODC").click()
        assert page.url.endswith("/actor/unodc")
        assert "UNODC" in page.content()
    finally:
        app.stop()
