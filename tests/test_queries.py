"""The query library: headers, safe parameter binding, real answers on the real build, checks.

Every ``queries/*.rq`` runs on the build of the bundled corpus (``real_build``); the answers
asserted here are facts of the texts (UNODC owns GCM objective 9 through the smuggling protocol
it is custodian of; A/RES/71/1 paras 88 and 90 request the Secretary-General to act).
``queries/checks/*-violation.rq`` must return no rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactgraph.query import (
    EmbeddedStore,
    OutputFormat,
    ParamType,
    QueryError,
    find_query,
    format_result,
    inferred_graph_iri,
    load_library,
    parse_saved_query,
    result_from_json,
    where_group_start,
)

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
DATA = Path(__file__).parent / "data" / "queries"
BASE = "https://w3id.org/pactgraph/"
PG = "https://w3id.org/pactgraph/ontology#"
LIBRARY = load_library(QUERIES)
REPORTS = sorted(name for name, q in LIBRARY.items() if not q.is_check)
CHECKS = sorted(name for name, q in LIBRARY.items() if q.is_check)
#: values for parameters that have no default
REQUIRED = {"search-provisions": {"phrase": "smuggling"}}

#: checks the current build fails; each is a build defect reported to its owner. The marker is
#: strict: when the build is fixed the test fails until the entry is removed.
KNOWN_BUILD_DEFECTS: dict[str, str] = {}


@pytest.fixture(scope="module")
def real(real_build: Path) -> EmbeddedStore:
    return EmbeddedStore.from_build(real_build)


@pytest.fixture(scope="module")
def seed() -> EmbeddedStore:
    return EmbeddedStore.from_files(DATA / "seed.ttl")


def run(store: EmbeddedStore, name: str, **values: str) -> list[dict[str, str]]:
    result = store.run(LIBRARY[name], values)
    return [{k: "" if v is None else str(v) for k, v in row.items()} for row in result.records()]


# --- the library itself ------------------------------------------------------------------------


def test_library_holds_the_questions_the_issue_asks_for():
    expected = {
        "commitments-by-bearer",
        "instruments-per-objective",
        "binding-instruments",
        "commitments-by-modality",
        "requests-to-un",
        "commitments-concerning",
        "positions-by-state",
        "objectives-without-owner",
        "objective-owners",
        "provision-copies-differ",
        "search-provisions",
    }
    assert expected <= set(LIBRARY)
    assert len(CHECKS) >= 5


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_has_a_title_a_question_and_typed_parameters(name):
    query = LIBRARY[name]
    assert query.title and query.question
    assert query.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    for param in query.params:
        assert isinstance(param.type, ParamType) and param.meaning


def test_header_parameters_are_parsed_with_type_and_default():
    query = LIBRARY["commitments-concerning"]
    (param,) = query.params
    assert (param.name, param.type, param.default) == ("group", ParamType.STRING, "children")
    assert "case-insensitive" in param.meaning
    (phrase,) = LIBRARY["search-provisions"].params
    assert phrase.required


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("missing-question.rq", "lacks '# question:'"),
        ("bad-param-line.rq", "bad '# param:' line"),
        ("unknown-param-type.rq", "unknown type 'colour'"),
        ("unused-param.rq", "not used in the query"),
        ("bad-default.rq", "not a valid integer"),
        ("not-a-query.rq", "not a SPARQL query"),
    ],
)
def test_a_malformed_query_file_is_one_error_naming_the_file(file, message):
    with pytest.raises(QueryError) as caught:
        parse_saved_query(DATA / "bad" / file)
    assert message in str(caught.value)
    assert file in str(caught.value)


def test_unknown_query_name_points_to_the_list():
    with pytest.raises(QueryError, match="--list"):
        find_query("who-owns-the-moon", LIBRARY)


def test_a_query_file_outside_the_library_can_be_run(seed):
    query = find_query(str(DATA / ".." / ".." / ".." / "queries" / "requests-to-un.rq"))
    assert seed.run(query).rows


# --- parameters are bound, not pasted ------------------------------------------------------------


def test_values_block_opens_the_where_group_even_after_braces_in_strings_and_comments():
    text = (
        '# { not a group\nPREFIX x: <http://e/{}>\nSELECT ?a WHERE { ?a <http://e/p> "}{" . # } \n}'
    )
    at = where_group_start(text)
    assert text[at] == "{" and text[:at].rstrip().endswith("WHERE")


def test_hostile_string_parameter_stays_a_literal(seed):
    hostile = 'children")) } INSERT DATA { <urn:x> <urn:y> <urn:z> } #\\u0022'
    rows = run(seed, "commitments-concerning", group=hostile)
    assert rows == []
    assert len(seed.store) == len(EmbeddedStore.from_files(DATA / "seed.ttl").store)


def test_string_parameter_with_quotes_and_newlines_matches_literally(seed):
    assert run(seed, "search-provisions", phrase="today’s high-level") != []
    assert run(seed, "search-provisions", phrase='today"s\nhigh') == []


def test_iri_parameter_is_a_path_under_the_base_or_an_absolute_iri(seed):
    relative = run(seed, "positions-by-state", state="actor/ken")
    absolute = run(seed, "positions-by-state", state=BASE + "actor/ken")
    assert relative == absolute != []


@pytest.mark.parametrize("bad", ["actor/ken> ?x <y", "has space", "<angle>"])
def test_an_iri_parameter_that_is_not_an_iri_is_refused(seed, bad):
    with pytest.raises(QueryError, match="not a valid iri"):
        seed.run(LIBRARY["positions-by-state"], {"state": bad})


def test_unknown_and_missing_parameters_are_named(seed):
    with pytest.raises(QueryError, match="unknown parameter colour"):
        seed.run(LIBRARY["commitments-concerning"], {"colour": "red"})
    with pytest.raises(QueryError, match="phrase is required"):
        seed.run(LIBRARY["search-provisions"], {})


# --- every query on the real build ------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_every_library_query_answers_on_the_real_build(real, name):
    result = real.run(LIBRARY[name], REQUIRED.get(name, {}))
    assert result.boolean is not None or result.rows, f"{name} returned nothing"


def test_unodc_is_custodian_for_gcm_objective_9_through_the_smuggling_protocol(real):
    rows = run(real, "objective-owners")  # default: objective 9 of the adopted Compact
    unodc = [r for r in rows if r["agency"] == BASE + "actor/unodc"]
    assert unodc and {r["kind"] for r in unodc} == {"custodian-for"}
    assert BASE + "work/smuggling-protocol" in {r["instrument"] for r in unodc}
    assert all(r["provision"].startswith(BASE + "work/gcm/") for r in unodc)


def test_objective_owners_are_un_entities_with_a_role_or_a_commitment_of_an_adopted_text(real):
    rows = run(real, "objective-owners")
    kinds = {(r["agencyLabel"], r["kind"]) for r in rows}
    assert ("IOM", "coordinates") in kinds
    assert ("United Nations Network on Migration", "system-wide") in kinds
    assert ("Secretary-General", "reviews") in kinds
    # State-led processes (the Review Forum, the GFMD) and States are never agencies
    assert not {label for label, _ in kinds} & {
        "IMRF",
        "International Migration Review Forum",
        "GFMD",
        "Kenya",
        "Member States",
    }


def test_agency_objectives_query_agrees_on_objective_9(real):
    if "agency-objectives" not in LIBRARY:
        pytest.skip("queries/agency-objectives.rq not written yet")
    rows = run(real, "agency-objectives")
    objective_9 = BASE + "work/gcm/objective/9"
    owners = {(r["agency"], r["kind"]) for r in rows if r["objective"] == objective_9}
    assert (BASE + "actor/unodc", "custodian-for") in owners
    assert (BASE + "actor/iom", "coordinates") in owners
    # the zero draft is a draft: nobody owns its objectives
    assert not any("/work/gcm-zero-draft/" in r["objective"] for r in rows)


def test_objectives_without_owner_exclude_every_owned_objective(real):
    orphans = {r["objective"] for r in run(real, "objectives-without-owner")}
    assert BASE + "work/gcm/objective/9" not in orphans
    assert BASE + "work/gcm-zero-draft/objective/9" in orphans
    if "agency-objectives" in LIBRARY:
        owned = {r["objective"] for r in run(real, "agency-objectives")}
        assert owned and not owned & orphans
    every = {str(s) for s in real.store.query(
        "SELECT ?o WHERE { ?o a <https://w3id.org/pactgraph/ontology#Objective> }"
    )}  # fmt: skip
    assert orphans and len(orphans) < len(every)


def test_secretary_general_is_asked_to_act_in_a_res_71_1_paras_88_and_90(real):
    rows = run(real, "requests-to-un")
    sg = {
        r["reference"]
        for r in rows
        if r["entity"] == BASE + "actor/secretary-general" and r["symbol"] == "A/RES/71/1"
    }
    assert {"88", "90"} <= sg
    para_88 = next(r for r in rows if r["provision"] == BASE + "work/a-res-71-1/provision/88")
    assert "request the Secretary-General" in para_88["text"]
    entities = {r["entity"] for r in rows}
    assert len(entities) > 3  # other UN entities are asked too


def test_commitments_concerning_children_mention_children(real):
    rows = run(real, "commitments-concerning")
    assert rows and all("children" in r["text"].lower() for r in rows)
    assert BASE + "work/a-res-71-1/provision/23/statement/1" in {r["commitment"] for r in rows}
    women = run(real, "commitments-concerning", group="women")
    assert women and {r["commitment"] for r in women} != {r["commitment"] for r in rows}


def test_kenya_positions_map_to_gcm_objectives(real):
    rows = run(real, "positions-by-state")
    assert rows
    assert all("/work/ken-" in r["position"] for r in rows)
    gcm = {r["objective"] for r in rows if "/work/gcm-zero-draft/objective/" in r["objective"]}
    assert gcm, "no Kenyan position maps to a GCM objective"


def test_copies_of_a_res_71_1_that_differ_are_listed_with_both_texts(real):
    rows = run(real, "provision-copies-differ")
    assert rows
    for row in rows:
        assert row["provision"].startswith(BASE + "work/a-res-71-1/provision/")
        assert row["textA"] != row["textB"]
        assert row["documentA"] < row["documentB"]


def test_full_text_search_finds_only_provisions_containing_the_phrase(real):
    rows = run(real, "search-provisions", phrase="Smuggling of Migrants")
    assert rows and all("smuggling of migrants" in r["text"].lower() for r in rows)
    assert run(real, "search-provisions", phrase="zyxwv no such phrase") == []


def test_binding_instruments_are_told_from_non_binding_ones(real):
    rows = {r["instrument"]: r for r in run(real, "binding-instruments")}
    assert rows[BASE + "work/untoc"]["binding"] == "true"
    assert rows[BASE + "work/2030-agenda"]["binding"] == "false"


def test_instruments_cited_for_objective_9_include_the_smuggling_protocol(real):
    rows = run(real, "instruments-per-objective")
    cited = {r["instrument"] for r in rows if r["objective"].endswith("gcm-zero-draft/objective/9")}
    assert BASE + "work/smuggling-protocol" in cited


def test_commitments_by_bearer_and_by_modality_count_with_modality_names(real):
    bearers = run(real, "commitments-by-bearer")
    assert bearers[0]["bearer"] == BASE + "actor/member-states"
    names = {"obligation", "commitment", "intention", "encouragement", "recognition"}
    assert {r["modalityLabel"] for r in bearers} <= names
    by_work = run(real, "commitments-by-modality")
    a_res = [r for r in by_work if r["work"] == BASE + "work/a-res-71-1"]
    assert {r["modalityLabel"] for r in a_res} <= names and int(a_res[0]["statements"]) > 0


# --- checks --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUILD_DEFECTS[n]))
        if n in KNOWN_BUILD_DEFECTS
        else n
        for n in CHECKS
    ],
)
def test_violation_check_finds_nothing_on_the_real_build(real, name):
    result = real.run(LIBRARY[name])
    assert result.rows == [], f"{name}: {[str(t) for t in result.rows[0]]}"


@pytest.mark.parametrize("name", CHECKS)
def test_violation_check_finds_nothing_on_the_seed(seed, name):
    assert seed.run(LIBRARY[name]).rows == []


def test_commitment_without_bearer_check_catches_one(seed, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        (DATA / "seed.ttl")
        .read_text()
        .replace(
            "pg:bearer <actor/secretary-general> ; pg:issuer <actor/member-states> ;\n"
            "    pg:partner",
            "pg:issuer <actor/member-states> ;\n    pg:partner",
        )
    )
    result = EmbeddedStore.from_files(broken).run(
        LIBRARY["checks/commitment-without-bearer-violation"]
    )
    assert [str(r[0]) for r in result.rows] == [BASE + "work/a-res-71-1/provision/90/statement/1"]


# --- the store: inferred triples in their own graph --------------------------------------------


def test_inferred_triples_live_in_their_own_named_graph_and_queries_see_them(tmp_path):
    (tmp_path / "graph.ttl").write_text((DATA / "seed.ttl").read_text())
    (tmp_path / "inferred.ttl").write_text(
        "<https://w3id.org/pactgraph/actor/unodc> <https://w3id.org/pactgraph/ontology#supports> "
        "<https://w3id.org/pactgraph/work/gcm-zero-draft/objective/1> .\n"
    )
    store = EmbeddedStore.from_build(tmp_path)
    graph = inferred_graph_iri(BASE)
    assert graph == BASE + "dataset/inferred"
    in_graph = store.run_text(
        f"ASK {{ GRAPH <{graph}> {{ ?a <https://w3id.org/pactgraph/ontology#supports> ?o }} }}"
    )
    assert in_graph.boolean is True
    orphans = {r["objective"] for r in run(store, "objectives-without-owner")}
    assert BASE + "work/gcm-zero-draft/objective/1" not in orphans  # the union sees pg:supports


def test_a_build_without_a_graph_is_one_clear_error(tmp_path):
    with pytest.raises(Exception, match="run `pactgraph build` first"):
        EmbeddedStore.from_build(tmp_path)


# --- output formats and the command --------------------------------------------------------------


def test_json_output_is_sparql_results_json_and_round_trips(seed):
    result = seed.run(LIBRARY["requests-to-un"])
    payload = json.loads(format_result(result, OutputFormat.JSON))
    assert payload["head"]["vars"] == result.columns
    again = result_from_json(payload)
    assert again.rows == result.rows


def test_csv_and_tsv_outputs_have_a_header_and_one_line_per_row(seed):
    result = seed.run(LIBRARY["requests-to-un"])
    csv_lines = format_result(result, OutputFormat.CSV).splitlines()
    assert csv_lines[0].split(",")[0] == "entity" and len(csv_lines) == len(result.rows) + 1
    tsv = format_result(result, OutputFormat.TSV).splitlines()
    assert tsv[0].startswith("?entity\t") and f"<{BASE}actor/secretary-general>" in tsv[1]


def test_cli_lists_the_library_and_runs_a_query_as_json(real_build):
    from pactgraph.cli import app

    runner = CliRunner()
    listed = runner.invoke(app, ["query", "--list"])
    assert listed.exit_code == 0 and "requests-to-un" in listed.output
    ran = runner.invoke(
        app, ["query", "objective-owners", "--graph", str(real_build), "--format", "json"]
    )
    assert ran.exit_code == 0, ran.output
    agencies = {b["agency"]["value"] for b in json.loads(ran.output)["results"]["bindings"]}
    assert BASE + "actor/unodc" in agencies


def test_cli_missing_parameter_is_one_line_and_exit_2(seed_build):
    from pactgraph.cli import app

    ran = CliRunner().invoke(app, ["query", "search-provisions", "--graph", str(seed_build)])
    assert ran.exit_code == 2
    assert "phrase is required" in ran.output and "Traceback" not in ran.output


def test_cli_parameters_bind_by_name(seed_build):
    from pactgraph.cli import app

    ran = CliRunner().invoke(
        app,
        ["query", "search-provisions", "-p", "phrase=Secretary-General", "--graph",
         str(seed_build), "-f", "csv"],
    )  # fmt: skip
    assert ran.exit_code == 0
    assert {line.split(",")[0] for line in ran.output.splitlines()[1:]} == {
        BASE + "work/a-res-71-1/provision/88",
        BASE + "work/a-res-71-1/provision/90",
    }


# --- inline queries and header-less files ------------------------------------------------------

INLINE = (
    "PREFIX pg: <https://w3id.org/pactgraph/ontology#>\n"
    'SELECT ?provision WHERE { ?provision pg:reference "88" } ORDER BY ?provision'
)


def test_cli_runs_an_inline_query(seed_build):
    from pactgraph.cli import app

    ran = CliRunner().invoke(app, ["query", INLINE, "--graph", str(seed_build), "-f", "csv"])
    assert ran.exit_code == 0, ran.output
    assert ran.output.splitlines() == ["provision", BASE + "work/a-res-71-1/provision/88"]


def test_cli_runs_sparql_from_standard_input(seed_build):
    from pactgraph.cli import app

    ran = CliRunner().invoke(
        app, ["query", "-", "--graph", str(seed_build), "-f", "csv"], input=INLINE
    )
    assert ran.exit_code == 0, ran.output
    assert BASE + "work/a-res-71-1/provision/88" in ran.output


def test_cli_runs_a_users_rq_file_without_a_header(seed_build, tmp_path):
    from pactgraph.cli import app

    mine = tmp_path / "mine.rq"
    mine.write_text("# my own question, no header\n" + INLINE + "\n")
    ran = CliRunner().invoke(app, ["query", str(mine), "--graph", str(seed_build), "-f", "csv"])
    assert ran.exit_code == 0, ran.output
    assert BASE + "work/a-res-71-1/provision/88" in ran.output


def test_a_users_file_may_still_declare_parameters(seed, tmp_path):
    mine = tmp_path / "mine.rq"
    mine.write_text(
        "# param: ref (string, 88) — the reference\n"
        "PREFIX pg: <https://w3id.org/pactgraph/ontology#>\n"
        "SELECT ?provision WHERE { ?provision pg:reference ?ref }\n"
    )
    query = find_query(str(mine))
    assert query.title == "mine"
    assert [str(r[0]) for r in seed.run(query, {"ref": "90"}).rows] == [
        BASE + "work/a-res-71-1/provision/90"
    ]


def test_library_files_still_need_their_header(tmp_path):
    (tmp_path / "no-header.rq").write_text(INLINE)
    with pytest.raises(QueryError, match="required in the query library"):
        load_library(tmp_path)


def test_query_help_says_which_files_need_a_header():
    from pactgraph.cli import app

    shown = CliRunner().invoke(app, ["query", "--help"], env={"COLUMNS": "200"})
    assert "# title:" in shown.output and "# question:" in shown.output
    assert "SPARQL text" in shown.output


def test_a_missing_rq_file_and_a_name_that_is_no_query_are_one_line_each():
    with pytest.raises(QueryError, match=r"no such \.rq file"):
        find_query("nowhere/mine.rq", LIBRARY)
    with pytest.raises(QueryError, match="not SPARQL text"):
        find_query("who-owns-the-moon", LIBRARY)


# --- each fact once -------------------------------------------------------------------------------

#: a column named after a class of the ontology holds only members of that class
COLUMN_CLASSES = {
    "statement": "Statement",
    "commitment": "Commitment",
    "provision": "Provision",
    "position": "Position",
    "objective": "Objective",
    "work": "Work",
    "instrument": "Instrument",
}


#: library queries that still return a fact twice on the build: each is a defect reported to its
#: owner. The marker is strict: when the build is fixed the test fails until the entry is removed.
REPEATS_FACTS: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=REPEATS_FACTS[n], strict=True))
        if n in REPEATS_FACTS
        else n
        for n in REPORTS
    ],
)
def test_every_library_query_returns_each_fact_once_on_the_build(real, name):
    """The issue's objective-owners answer listed ``provision/23.a`` in the statement column (with
    an empty reference) beside ``provision/23.a/statement/1``: the same fact twice, once through a
    node of the wrong kind. No row may repeat another, be another with cells left empty, or put
    a node of another class in a column named after a class."""
    result = real.run(LIBRARY[name], REQUIRED.get(name, {}))
    rows = [tuple("" if v is None else str(v) for v in row) for row in result.rows]
    assert len(rows) == len(set(rows)), f"{name}: repeated rows"
    distinct = set(rows)
    for row in distinct:
        wider = [
            other
            for other in distinct
            if other != row and all(a in ("", b) for a, b in zip(row, other, strict=True))
        ]
        assert not wider, f"{name}: {row} repeats {wider[0]} with cells left empty"
    for index, column in enumerate(result.columns):
        wanted = COLUMN_CLASSES.get(column)
        if wanted is None:
            continue
        for iri in sorted({row[index] for row in rows if row[index].startswith("http")}):
            types = real.run_text(f"SELECT ?t WHERE {{ <{iri}> a ?t }}").values("t")
            assert PG + wanted in types, f"{name}: {column} {iri} is not a pg:{wanted}"


def test_instruments_per_objective_counts_statements_not_provisions(real):
    """Provisions also carry pg:cites / pg:contributesTo: counted as statements, they doubled
    the figures."""
    counted = {
        (r["objective"], r["instrument"]): int(r["statements"])
        for r in run(real, "instruments-per-objective")
    }
    truth = real.run_text(
        "PREFIX pg: <https://w3id.org/pactgraph/ontology#>\n"
        "SELECT ?objective ?instrument (COUNT(DISTINCT ?s) AS ?n) WHERE {\n"
        "  ?s a pg:Statement ; pg:contributesTo ?objective ; pg:cites ?instrument }\n"
        "GROUP BY ?objective ?instrument"
    )
    expected = {(str(o), str(i)): int(n) for o, i, n in truth.rows}
    assert counted == expected


def test_instruments_per_objective_lists_objectives_in_natural_order(real):
    from pactgraph.natural import natural_key

    rows = run(real, "instruments-per-objective")
    gcm = [r["objective"] for r in rows if "/gcm-zero-draft/objective/" in r["objective"]]
    numbers = list(dict.fromkeys(iri.rsplit("/", 1)[-1] for iri in gcm))
    assert numbers == sorted(numbers, key=natural_key)
    assert numbers.index("2") < numbers.index("10")


#: The plain forms of queries rewritten for speed (labels looked up after the aggregation, not
#: for every row before it), kept to prove the rewrites answer exactly as they did.
BEFORE_REWRITE = load_library(DATA / "before-rewrite")


def _same_cells(result) -> list[tuple[str, ...]]:
    """Rows as text, each GROUP_CONCAT's parts sorted (SPARQL does not order them)."""
    return [
        tuple("" if v is None else ", ".join(sorted(str(v).split(", "))) for v in row)
        for row in result.rows
    ]


@pytest.mark.parametrize("name", sorted(BEFORE_REWRITE))
def test_a_rewritten_query_answers_as_its_plain_form_on_the_build(real, name):
    before = real.run(BEFORE_REWRITE[name], REQUIRED.get(name, {}))
    after = real.run(LIBRARY[name], REQUIRED.get(name, {}))
    assert after.columns == before.columns
    assert _same_cells(after) == _same_cells(before)  # same rows, in the same order
    assert after.rows, f"{name}: no rows on the bundled build, nothing compared"
