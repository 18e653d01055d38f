"""The README's figures, regenerated from a build (``make figures``) and checked against one.

Takes a build directory (``stats.json``, ``graph.nt``) and, when it is beside the project, the
hand-checked sample ``../shared/gold-dev``; gives the text of each generated region of
``README.md`` and the README's picture (``docs/img/agency-objectives.png``, ``pactgraph viz`` of
the build). A region is the text between ``<!-- figures:NAME -->`` and ``<!-- /figures:NAME -->``:

- ``corpus``: documents, files, works, copies of the New York Declaration, provisions,
  commitments, triples and line coverage, from ``stats.json``;
- ``accuracy``: the gold-dev scores of ``pactgraph export provisions`` (``score.py --json``).

``python -m pactgraph.figures --graph build`` rewrites the regions and the picture in place;
``--check`` only compares and exits 1 naming what drifted. ``tests/test_readme_figures.py`` does
the same against a fresh build, so a change to the loader that moves a figure fails the tests
until ``make figures`` is run.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections import Counter
from pathlib import Path

from .resources import PROJECT_ROOT as ROOT

README = ROOT / "README.md"
IMAGE = ROOT / "docs" / "img" / "agency-objectives.png"
GOLD_DEV = ROOT.parent / "shared" / "gold-dev"

#: the scorer's figures the README quotes, in its order, with the README's names
ACCURACY = [
    ("provision_recall", "provision recall"),
    ("commitment_balanced_acc", "commitment balanced accuracy"),
    ("modality_acc", "modality accuracy"),
    ("bearer_f1", "bearer F1"),
    ("instrument_f1", "cited-instrument F1"),
]
_REGION = re.compile(
    r"(<!-- figures:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /figures:(?P=name) -->)", re.S
)


def corpus_region(build: Path) -> str:
    """The sentence that sums up a build of the bundled corpus."""
    stats = json.loads((build / "stats.json").read_text(encoding="utf-8"))
    copies = Counter(d.get("work") for d in stats["documents_found"])
    coverage = min(stats["coverage"].values(), default=0.0)
    share = "100%" if coverage >= 1.0 else f"at least {coverage:.1%}"
    sentence = (
        f"On the bundled corpus: {stats['documents']} documents in {stats['files']} files, "
        f"grouped into {stats['works']} works (the New York Declaration, A/RES/71/1, is **one "
        f"work with {copies.get('a-res-71-1', 0)} copies**: a clean text, a noisy OCR scan, and "
        "a footnoted copy inside a Kenyan parliamentary report), "
        f"{stats['provisions']:,} provisions, {stats['commitments']:,} commitments, "
        f"{stats['triples']:,} triples, and **{share} of non-blank input lines** covered by "
        "some node's source span."
    )
    return textwrap.fill(sentence, width=100, break_long_words=False, break_on_hyphens=False) + "\n"


def accuracy_region(build: Path, gold_dev: Path = GOLD_DEV) -> str | None:
    """The accuracy table on the gold-dev sample (``None`` when the sample is not here)."""
    scorer = gold_dev / "score.py"
    if not scorer.is_file():
        return None
    from .export import ExportFormat, provision_records, write_records

    gold = json.loads((gold_dev / "provisions.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "provisions.json"
        export.write_text(
            write_records(provision_records(build), ExportFormat.json), encoding="utf-8"
        )
        ran = subprocess.run(
            [sys.executable, str(scorer), str(export), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    scores = json.loads(ran.stdout.strip().splitlines()[-1])
    lines = [
        f"Accuracy against the hand-checked development sample (`../shared/gold-dev`, "
        f"{len(gold)} provisions):",
        "",
        "```sh",
        ".venv/bin/pactgraph export provisions -o build/provisions.json",
        "python ../shared/gold-dev/score.py build/provisions.json",
        "```",
        "",
        "| measure | dev sample |",
        "|---|---|",
        *(f"| {name} | {scores[key]:.3f} |" for key, name in ACCURACY),
    ]
    return "\n".join(lines) + "\n"


def regions(build: Path, gold_dev: Path = GOLD_DEV) -> dict[str, str]:
    """Every generated region's text for this build."""
    out = {"corpus": corpus_region(build)}
    accuracy = accuracy_region(build, gold_dev)
    if accuracy is not None:
        out["accuracy"] = accuracy
    return out


def read_regions(text: str) -> dict[str, str]:
    """The generated regions of a README's text, by name."""
    return {m["name"]: m["body"] for m in _REGION.finditer(text)}


def replace_regions(text: str, new: dict[str, str]) -> str:
    """``text`` with each named region's body replaced (regions not in ``new`` are kept)."""

    def swap(match: re.Match[str]) -> str:
        body = new.get(match["name"], match["body"])
        return match.group(1) + body + match.group(4)

    return _REGION.sub(swap, text)


def draw(build: Path, target: Path) -> Path:
    """``pactgraph viz`` of the build; its ``graph.png`` copied to ``target``."""
    from .visualise import visualise

    with tempfile.TemporaryDirectory() as tmp:
        _graph, paths = visualise(build, Path(tmp))
        png = next(p for p in paths if p.name == "graph.png")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pactgraph.figures", description=__doc__)
    parser.add_argument("--graph", type=Path, default=Path("build"), help="build directory")
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--image", type=Path, default=IMAGE)
    parser.add_argument("--gold-dev", type=Path, default=GOLD_DEV)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on drift")
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    new = regions(args.graph, args.gold_dev)
    missing = sorted(set(new) - set(read_regions(text)))
    if missing:
        print(f"{args.readme}: no region {', '.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        picture = draw(args.graph, Path(tmp) / "figure.png").read_bytes()
    if args.check:
        drifted = [name for name, body in new.items() if read_regions(text)[name] != body]
        if not args.image.is_file() or args.image.read_bytes() != picture:
            drifted.append(str(args.image))
        if drifted:
            print(f"README figures drifted: {', '.join(drifted)}; run `make figures`")
            return 1
        return 0
    args.readme.write_text(replace_regions(text, new), encoding="utf-8")
    args.image.parent.mkdir(parents=True, exist_ok=True)
    args.image.write_bytes(picture)
    print(f"wrote {args.readme} ({', '.join(sorted(new))}) and {args.image}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
