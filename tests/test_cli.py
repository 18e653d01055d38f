"""The command line as a user meets it: help, one vocabulary, tables that never cut a name.

Help shows flags as flags (no ``<bool>``); every command reads with ``--graph`` and writes with
``--out``; bare ``pactgraph`` prints the help and succeeds. Tables never truncate a name or break
a header mid-word, fit narrow terminals, and keep every value whole when piped.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.main import get_command
from typer.testing import CliRunner

from pactgraph.cli import app
from pactgraph.commands._tables import print_table
from pactgraph.query import load_library

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def command_paths() -> list[list[str]]:
    root = get_command(app)
    paths = []
    for name, command in root.commands.items():
        subs = getattr(command, "commands", None)
        if subs:
            paths += [[name, sub] for sub in subs]
        else:
            paths.append([name])
    return paths


def options_of(path: list[str]) -> set[str]:
    """The options a command shows (old names kept hidden for old scripts are not its
    vocabulary: ``validate --report``)."""
    command = get_command(app)
    for part in path:
        command = command.commands[part]
    shown = [p for p in command.params if not getattr(p, "hidden", False)]
    return {opt for p in shown for opt in (*p.opts, *p.secondary_opts)}


def test_bare_pactgraph_prints_the_help_and_exits_0():
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output and "query" in result.output


@pytest.mark.parametrize("path", [[], *command_paths()], ids=lambda p: " ".join(p) or "root")
def test_help_shows_no_bool_metavar_on_flags(path):
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output


def test_one_vocabulary_graph_to_read_out_to_write():
    """export used --output/-g where the others use --out/--graph."""
    for path in command_paths():
        options = options_of(path)
        assert not options & {"--output", "-g", "--report"}, path
    for path in (["export", "provisions"], ["query"], ["viz"], ["serve"], ["publish"]):
        assert "--graph" in options_of(path), path
    assert "--named-graph" in options_of(["publish"])
    for path in (["export", "provisions"], ["build"], ["reason"], ["validate"], ["viz"]):
        assert {"--out", "-o"} <= options_of(path), path


def test_export_format_is_a_choice_like_query_format():
    shown = runner.invoke(app, ["export", "provisions", "--help"], env={"COLUMNS": "200"})
    assert "<json|csv>" in shown.output
    shown = runner.invoke(app, ["query", "--help"], env={"COLUMNS": "200"})
    assert "<table|csv|tsv|json>" in shown.output


# --- query --list ---------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["80", "40"])
def test_query_list_never_cuts_a_name_piped_or_narrow(columns):
    """At 80 columns the table cut `agency-objective-instr…`."""
    result = runner.invoke(app, ["query", "--list"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for name in load_library(ROOT / "queries"):
        assert name in lines, f"{name} is not whole on a line of its own"
    assert "…" not in "".join(line for line in lines if not line.startswith(" "))


def test_query_list_shows_questions_and_parameters():
    result = runner.invoke(app, ["query", "--list"], env={"COLUMNS": "100"})
    assert "--param objective=" in result.output
    assert all(len(line) <= 100 for line in result.output.splitlines())


# --- tables ---------------------------------------------------------------------------------------

COLUMNS = ["agency", "agencyLabel", "role", "statement", "reference", "via", "viaLabel"]
ROW = [
    "https://w3id.org/pactgraph/actor/unodc",
    "UNODC",
    "support",
    "https://w3id.org/pactgraph/work/gcm-zero-draft/provision/23.a/statement/1",
    "GCM-ZERO-DRAFT 23(a)",
    "https://w3id.org/pactgraph/work/smuggling-protocol",
    "Protocol against the Smuggling of Migrants by Land, Sea and Air",
]


def render(width: int, *, terminal: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=terminal, color_system=None)
    print_table(console, COLUMNS, [ROW, [*ROW[:2], "lead", *ROW[3:]]])
    return out.getvalue()


@pytest.mark.parametrize("width", [80, 100, 120])
def test_table_headers_are_never_broken_mid_word(width):
    """At 80 columns a header read `agencyLa` / `bel`."""
    text = render(width, terminal=True)
    for column in COLUMNS:
        assert re.search(rf"\b{column}\b", text), f"header {column} broken at width {width}"
    assert all(len(line) <= width for line in text.splitlines())


def test_a_terminal_too_narrow_for_the_table_gets_one_block_per_row():
    text = render(40, terminal=True)
    assert all(len(line) <= 40 for line in text.splitlines())
    for column in COLUMNS:
        assert re.search(rf"^{column}\s", text, re.M), column
    assert "UNODC" in text


def test_a_piped_table_keeps_every_value_whole():
    text = render(80, terminal=False)
    for value in ROW:
        assert value in text


def test_query_table_piped_keeps_iris_whole(real_build):
    result = runner.invoke(
        app, ["query", "requests-to-un", "--graph", str(real_build)], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/pactgraph/actor/secretary-general" in result.output


# --- validate, piped ------------------------------------------------------------------------------


def test_validate_piped_output_is_documented_tab_separated_lines(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_text(
        "@prefix pg: <https://w3id.org/pactgraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/pactgraph/work/x/provision/1/statement/1> a pg:Commitment ;\n"
        '  rdfs:label "x 1, statement 1"@en .\n'
    )
    result = runner.invoke(app, ["validate", str(graph)], env={"COLUMNS": "80"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    header = "severity\tnode\tlabel\tprovision\tpath\tmessage\tvalue"
    assert lines[0] == header
    rows = [line.split("\t") for line in lines[1:]]
    assert rows and all(len(r) == 7 for r in rows)
    assert any(r[0] == "Violation" and r[1].endswith("/statement/1") for r in rows)
    help_text = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "200"}).output
    assert "severity, node, label, provision, path, message, value" in help_text


# --- natural order in the reasoner's table --------------------------------------------------------


def test_reason_lists_objectives_in_natural_order(tmp_path):
    """`reason` listed "Objective 19" before "Objective 2"."""
    from pactgraph.natural import natural_key

    graph = tmp_path / "graph.ttl"
    graph.write_bytes((ROOT / "tests" / "data" / "validate" / "seed.ttl").read_bytes())
    result = runner.invoke(app, ["reason", str(graph)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    cells = [
        [c.strip() for c in line.strip("│").split("│")]
        for line in result.output.splitlines()
        if line.startswith("│")
    ]
    groups: dict[tuple[str, str], list[str]] = {}
    for actor, role, objective in cells:
        groups.setdefault((actor, role), []).append(objective)
    assert any(sorted(objs) != objs for objs in groups.values()), "nothing that text order breaks"
    for objectives in groups.values():
        assert objectives == sorted(objectives, key=natural_key)


def test_validate_summary_is_one_line_whatever_the_width(tmp_path):
    """The summary used to wrap mid-path at the terminal's width."""
    deep = tmp_path / ("a-rather-long-folder-name-" * 3) / "graph.ttl"
    deep.parent.mkdir(parents=True)
    deep.write_bytes((ROOT / "tests" / "data" / "queries" / "seed.ttl").read_bytes())
    result = runner.invoke(app, ["validate", str(deep)], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    summary = [line for line in result.stderr.splitlines() if line.startswith("conforms")]
    assert len(summary) == 1 and summary[0].endswith(str(deep.parent / "validation.ttl"))
