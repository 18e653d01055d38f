"""Score the extract stage on the hand-checked sample in ../shared/gold-dev/.

Runs the real pipeline (read -> segment -> structure -> extract) on the bundled corpus, writes
the analysts' export (one JSON record per provision: doc, ref, is_commitment, modality, actors,
partners, instruments, objective, text) and calls the gold scorer on it:

    .venv/bin/python bench/score_dev.py [-o build/dev-provisions.json] [--gold DIR] [-q]
    .venv/bin/python bench/score_dev.py --via-build   # the same through build + export

Takes the corpus files (default ``corpus/*.txt``) and the gazetteer
(``pactgraph.gazetteer.Gazetteer.load()``); gives the export file and the scorer's report
(``score.py -v``: every disagreement, then the figures). Deterministic: records are sorted by
document and provision order.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from pactgraph.extract import analyse_document, context_for
from pactgraph.model import Document
from pactgraph.read import read_source
from pactgraph.segment import segment
from pactgraph.structure import structure

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold-dev"

#: Export labels of the works scored by gold-dev (the scorer matches on them).
EXPORT_DOC = {"a-res-71-1": "A/RES/71/1", "gcm-zero-draft": "GCM-ZERO-DRAFT"}


def load_documents(paths: list[Path]) -> list[Document]:
    """Read, segment and structure every file, as the pipeline's first phase does."""
    try:
        from pactgraph.pipeline import parse_file
    except ImportError:
        parse_file = None
    docs: list[Document] = []
    for path in paths:
        if parse_file is not None:
            docs.extend(parse_file(path)[1])
            continue
        found, _outside = segment(read_source(path))
        docs.extend(structure(d) for d in found)
    return docs


def objectives_of(doc: Document, wid: str) -> dict[str, str]:
    return {
        f"{wid}:{s.number}": s.title for s in doc.sections if s.kind == "objective" and s.number
    }


def analyse_corpus(docs: list[Document], gaz: Any) -> list[dict[str, Any]]:
    """Export records for the best copy of every work (most provisions, then footnotes)."""
    best: dict[str, Document] = {}
    for d in docs:
        wid = context_for(d, gaz).work_id
        old = best.get(wid)
        if old is None or (len(d.provisions), len(d.footnotes)) > (
            len(old.provisions),
            len(old.footnotes),
        ):
            best[wid] = d
    all_objectives: dict[str, str] = {}
    for wid, d in best.items():
        all_objectives.update(objectives_of(d, wid))
    records: list[dict[str, Any]] = []
    for wid, d in sorted(best.items()):
        own = objectives_of(d, wid)
        ctx = context_for(d, gaz, work_id=wid, objectives=own or all_objectives)
        texts = {p.ref: p.text for p in d.provisions}
        for ref, a in analyse_document(d, ctx, gaz).items():
            objective = a.objective
            number: Any = None
            scored = objective and (
                objective.startswith(wid + ":") or str(d.kind) == "position-paper"
            )
            if scored:
                tail = objective.split(":", 1)[1]
                number = int(tail) if tail.isdigit() else tail
            records.append(
                {
                    "doc": EXPORT_DOC.get(wid, d.symbol or wid),
                    "ref": ref,
                    "is_commitment": a.is_commitment,
                    "modality": a.modality,
                    "actors": [b.label for b in a.bearers],
                    "partners": [b.label for b in a.partners],
                    "instruments": [c.label for c in a.cites],
                    "objective": number,
                    "text": texts.get(ref, a.statements[0].text if a.statements else ""),
                }
            )
    return records


def export_via_build(paths: list[Path], output: Path) -> int:
    """The product's own path: ``pactgraph build`` into a scratch folder, then ``pactgraph
    export provisions`` (link, extract and emit as the user runs them)."""
    cli = Path(sys.executable).with_name("pactgraph")
    with tempfile.TemporaryDirectory(prefix="pactgraph-dev-") as tmp:
        built = subprocess.run(
            [str(cli), "build", "-o", tmp, "--no-validate", *map(str, paths)], check=False
        )
        if built.returncode != 0:
            return built.returncode
        graph = Path(tmp) / "graph.ttl"
        cmd = [str(cli), "export", "provisions", "--graph", str(graph), "-o", str(output)]
        return subprocess.run(cmd, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("paths", nargs="*", type=Path, help="corpus files (default: corpus/*.txt)")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "build" / "dev-provisions.json")
    ap.add_argument("--gold", type=Path, default=GOLD, help="the gold-dev directory")
    ap.add_argument("-q", "--quiet", action="store_true", help="figures only, no disagreements")
    ap.add_argument(
        "--via-build",
        action="store_true",
        help="score the product's export (pactgraph build + export provisions) instead of "
        "calling the extract stage directly",
    )
    args = ap.parse_args(argv)
    paths = args.paths or sorted((ROOT / "corpus").glob("*.txt"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.via_build:
        code = export_via_build(paths, args.output)
        if code != 0:
            print(f"score_dev: build or export failed (exit {code})", file=sys.stderr)
            return code
    else:
        try:
            from pactgraph.gazetteer import Gazetteer
        except ImportError as exc:
            print(f"score_dev: the gazetteer is not available ({exc})", file=sys.stderr)
            return 2
        records = analyse_corpus(load_documents(paths), Gazetteer.load())
        text = json.dumps(records, indent=1, ensure_ascii=False) + "\n"
        args.output.write_text(text, "utf-8")
        print(f"wrote {len(records)} records to {args.output}")
    score = args.gold / "score.py"
    if not score.exists():
        print(f"score_dev: no scorer at {score}", file=sys.stderr)
        return 2
    cmd = [sys.executable, str(score), str(args.output)] + ([] if args.quiet else ["-v"])
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
