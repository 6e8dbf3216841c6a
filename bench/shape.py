#!/usr/bin/env python3
"""The shape of a corpus, in the figures the real monorepo was measured by (bench/RESULTS.md lists them).

    python bench/shape.py CORPUS_DIR [--report REPORT.json] [--json]

Reads the contract from ``CORPUS_DIR/pyproject.toml``; its *leaf names* are the last components
of every dotted name it declares (deprecated modules, rename keys and values, factory-only
classes, the factory, deprecated calls and their replacements). A *candidate* is a ``.py`` file
that spells one as a word. For the candidates it parses every file with the stdlib ``ast`` and
measures how many lines the top-level statements, and the innermost statements, around the
lines that spell a leaf name cover. ``--report`` (an ssot-lint JSON report) adds the number of
files holding a finding. Used to calibrate ``make_corpus.py`` against ``real_corpus.py``.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import statistics
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

SKIP = {".git", ".ssot_lint_cache", ".ruff_cache"}


def leaf_names(pyproject: Path) -> list[str]:
    table = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["ssot-lint"]
    names: set[str] = set()
    for contract in table.get("contract", []):
        dotted = [*contract.get("deprecated", []), *contract.get("factory-only", [])]
        for key in ("renames", "deprecated-calls"):
            for old, new in contract.get(key, {}).items():
                dotted += [old, new]
        dotted += [contract.get("factory") or ""]
        names |= {d.rsplit(".", 1)[-1] for d in dotted if d}
    return sorted(names)


def py_files(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP and not d.startswith(".corpus"))
        out += [Path(dirpath) / n for n in sorted(filenames) if n.endswith(".py")]
    return out


def statement_spans(tree: ast.Module) -> list[tuple[int, int, int]]:
    """(first line, last line, depth) of every statement; depth 0 is top level."""
    spans: list[tuple[int, int, int]] = []

    def visit(node: ast.AST, depth: int) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                spans.append((child.lineno, child.end_lineno or child.lineno, depth))
                visit(child, depth + 1)
            elif not isinstance(child, ast.expr):
                visit(child, depth)  # handlers, match cases: their statements are nested

    visit(tree, 0)
    return spans


def coverage(spans: list[tuple[int, int, int]], lines: list[int]) -> tuple[int, int, int]:
    """(lines covered by top-level statements around `lines`, by innermost ones, lines nested)."""
    top: set[int] = set()
    inner: set[int] = set()
    nested = 0
    for line in lines:
        around = [s for s in spans if s[0] <= line <= s[1]]
        if not around:
            continue
        outer = min(around, key=lambda s: s[2])
        deepest = max(around, key=lambda s: (s[2], -s[0]))
        top.update(range(outer[0], outer[1] + 1))
        inner.update(range(deepest[0], deepest[1] + 1))
        nested += deepest[2] > 0
    return len(top), len(inner), nested


def measure(root: Path, report: Path | None = None) -> dict:
    names = leaf_names(root / "pyproject.toml")
    word = re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\b")
    files = py_files(root)
    total = cand_bytes = all_lines = hit_lines = top = inner = nested = unparsed = 0
    sizes: list[int] = []
    for path in files:
        data = path.read_bytes()
        total += len(data)
        if not word.search(data):
            continue
        sizes.append(len(data))
        text_lines = data.splitlines()
        hits = [i for i, ln in enumerate(text_lines, 1) if word.search(ln)]
        all_lines, hit_lines = all_lines + len(text_lines), hit_lines + len(hits)
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            unparsed += 1
            continue
        t, i, n = coverage(statement_spans(tree), hits)
        top, inner, nested = top + t, inner + i, nested + n
    cand_bytes = sum(sizes)
    sizes.sort()
    out = {
        "files": len(files),
        "mb": round(total / 1e6, 1),
        "leaf_names": len(names),
        "candidate_files": len(sizes),
        "candidate_mb": round(cand_bytes / 1e6, 1),
        "candidate_share_of_bytes": round(cand_bytes / max(total, 1), 2),
        "candidate_kb_median": round(statistics.median(sizes) / 1e3, 1) if sizes else 0,
        "candidate_kb_p90": round(sizes[int(len(sizes) * 0.9)] / 1e3, 1) if sizes else 0,
        "candidate_kb_max": round(sizes[-1] / 1e3, 1) if sizes else 0,
        "candidate_lines": all_lines,
        "spelling_lines": hit_lines,
        "spelling_share": round(hit_lines / max(all_lines, 1), 3),
        "top_level_coverage": round(top / max(all_lines, 1), 2),
        "innermost_coverage": round(inner / max(all_lines, 1), 2),
        "spelling_lines_nested": round(nested / max(hit_lines, 1), 2),
        "candidates_not_parsed": unparsed,
    }
    if report is not None:
        doc = json.loads(report.read_text(encoding="utf-8"))
        out["files_with_findings"] = len({f["path"] for f in doc["findings"]})
        out["findings"] = len(doc["findings"])
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("--report", type=Path, help="an ssot-lint JSON report of the corpus")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    figures = measure(args.corpus, args.report)
    if args.json:
        print(json.dumps(figures))
    else:
        width = max(map(len, figures))
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
