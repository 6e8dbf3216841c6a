#!/usr/bin/env python3
"""Differential run of `check` on real PyPI code against an independent stdlib-`ast` reference.

    SSOT_LINT_REAL_CACHE=/work/cache/real python bench/real_diff.py [--show N] [--json FILE]

Downloads (once, with `pip download --no-deps --no-binary :all:`) Django 2.2.28 and wagtail 2.7.4
into the cache, unpacks them there, and checks the two packages as one project with a contract that
names each thing once, by its canonical path (Django's `ugettext*`/`ungettext*` renamed to the
`gettext` family, `force_text`/`smart_text` as deprecated calls, `django.conf.urls.url` renamed to
`django.urls.re_path`, `urlquote`/`is_safe_url`/`render_to_response` deprecated for other
functions, postgres' `JSONField` renamed, `django.utils.six`, `wagtail.embeds.embeds` and
`wagtail.contrib.frontend_cache.backends` deprecated, `HttpResponse`/`JsonResponse` and two
wagtail blocks factory-only): reaching them through `django.http`, `wagtail.core.blocks` and every
other re-export is left to `check`. `real_reference.py` computes the same findings from the rule
pages with the stdlib `ast`; the script prints per-rule recall and precision of `check` against it
and the first disagreements. Nothing here is committed but this script: the code stays in the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_reference as ref

DISTRIBUTIONS = {"Django": ("2.2.28", "django"), "wagtail": ("2.7.4", "wagtail")}
T = "django.utils.translation"
CONTRACTS = {
    "translation": ref.Contract(T, renames={
        f"{T}.ugettext": f"{T}.gettext", f"{T}.ugettext_lazy": f"{T}.gettext_lazy",
        f"{T}.ungettext": f"{T}.ngettext", f"{T}.ungettext_lazy": f"{T}.ngettext_lazy",
        f"{T}.ugettext_noop": f"{T}.gettext_noop",
    }),
    "encoding": ref.Contract("django.utils.encoding", calls={
        "django.utils.encoding.force_text": "django.utils.encoding.force_str",
        "django.utils.encoding.smart_text": "django.utils.encoding.smart_str",
    }),
    "urls": ref.Contract("django.urls", renames={"django.conf.urls.url": "django.urls.re_path"}),
    "six": ref.Contract("six", deprecated=("django.utils.six",)),
    "responses": ref.Contract("django.http.response", factory_only=(
        "django.http.response.HttpResponse", "django.http.response.JsonResponse")),
    "http": ref.Contract("django.utils.http", calls={
        "django.utils.http.urlquote": "urllib.parse.quote",
        "django.utils.http.is_safe_url": "django.utils.http.url_has_allowed_host_and_scheme",
        "django.shortcuts.render_to_response": "django.shortcuts.render",
    }),
    "postgres": ref.Contract("django.db.models", renames={
        "django.contrib.postgres.fields.jsonb.JSONField": "django.db.models.JSONField"}),
    "embeds": ref.Contract("wagtail.embeds.finders", deprecated=("wagtail.embeds.embeds",)),
    "frontend-cache": ref.Contract("wagtail.contrib.frontend_cache.utils",
                                   deprecated=("wagtail.contrib.frontend_cache.backends",)),
    "blocks": ref.Contract("wagtail.core.blocks.field_block", factory_only=(
        "wagtail.core.blocks.field_block.CharBlock", "wagtail.core.blocks.field_block.RichTextBlock")),
}
RULES = ("SSOT001", "SSOT002", "SSOT003", "SSOT004")
#: `--aliases`: the paths a contract had to list before re-exports were followed.
ALIASES = {
    "responses": ("django.http.HttpResponse", "django.http.JsonResponse"),
    "blocks": ("wagtail.core.blocks.CharBlock", "wagtail.core.blocks.RichTextBlock"),
}


def with_aliases() -> None:
    """List every re-export path of the factory-only classes too (it must change nothing)."""
    for name, paths in ALIASES.items():
        contract = CONTRACTS[name]
        CONTRACTS[name] = ref.Contract(contract.canonical, factory_only=(*contract.factory_only, *paths))


def _toml_table(pairs: dict[str, str]) -> str:
    return "{ " + ", ".join(f'"{k}" = "{v}"' for k, v in pairs.items()) + " }"


def pyproject() -> str:
    """The contract as `check` reads it: each thing named once."""
    lines = ['[tool.ssot-lint]', 'src = ["."]', ""]
    for name, c in CONTRACTS.items():
        lines += ["[[tool.ssot-lint.contract]]", f'name = "{name}"', f'canonical = "{c.canonical}"']
        if c.deprecated:
            lines.append("deprecated = [" + ", ".join(f'"{m}"' for m in c.deprecated) + "]")
        if c.renames:
            lines.append(f"renames = {_toml_table(c.renames)}")
        if c.calls:
            lines.append(f"deprecated-calls = {_toml_table(c.calls)}")
        if c.factory_only:
            lines.append("factory-only = [" + ", ".join(f'"{m}"' for m in c.factory_only) + "]")
        lines.append("")
    return "\n".join(lines)


def fetch(cache: Path) -> dict[str, Path]:
    """The unpacked source trees, downloading what the cache lacks."""
    trees = {}
    for dist, (version, package) in DISTRIBUTIONS.items():
        archive = cache / f"{dist}-{version}.tar.gz"
        if not archive.exists():
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                            f"{dist}=={version}", "-d", str(cache)], check=True)
        unpacked = cache / "extract" / f"{dist}-{version}"
        if not unpacked.exists():
            with tarfile.open(archive) as tar:
                tar.extractall(cache / "extract", filter="data")
        trees[package] = unpacked / package
    return trees


def build(cache: Path) -> Path:
    """A project holding both packages and the contract (rebuilt each run: a clean cache)."""
    root = cache / "projects" / "real-diff"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for package, tree in fetch(cache).items():
        shutil.copytree(tree, root / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    (root / "pyproject.toml").write_text(pyproject(), encoding="utf-8")
    return root


def run_check(root: Path) -> tuple[set[ref.Finding], float, int]:
    """(findings, seconds, analysis errors) of `ssot-lint check` on the project."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ssot_lint", "check", "--no-cache", "--output-format", "json",
                           "--select", ",".join(RULES), "."], cwd=root, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    document = json.loads(done.stdout)
    found = {(f["path"], f["line"], f["code"]) for f in document["findings"]}
    return found, seconds, len(document.get("errors", []))


def compare(tool: set[ref.Finding], reference: set[ref.Finding]) -> dict[str, dict[str, float]]:
    """Per rule: counts, recall and precision of `tool` against `reference`."""
    table = {}
    for code in RULES:
        t = {f for f in tool if f[2] == code}
        r = {f for f in reference if f[2] == code}
        both = len(t & r)
        table[code] = {"reference": len(r), "check": len(t), "agree": both,
                       "recall": both / len(r) if r else 1.0, "precision": both / len(t) if t else 1.0}
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=10, help="disagreements to list per rule and side")
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    parser.add_argument("--aliases", action="store_true", help="the contract also lists the re-export paths")
    args = parser.parse_args()
    if args.aliases:
        with_aliases()
    cache = Path(os.environ.get("SSOT_LINT_REAL_CACHE", Path.home() / ".cache" / "ssot-lint-real"))
    cache.mkdir(parents=True, exist_ok=True)
    root = build(cache)
    files = sorted(p for p in root.rglob("*.py"))
    reference = ref.findings(root, files, list(CONTRACTS.values()))
    tool, seconds, errors = run_check(root)
    table = compare(tool, reference)
    print(f"{len(files)} files ({', '.join(f'{d} {v[0]}' for d, v in DISTRIBUTIONS.items())}); "
          f"check {seconds:.1f}s, {errors} files not analysed")
    print("| rule | reference | check | agree | recall | precision |\n|---|---|---|---|---|---|")
    for code, row in table.items():
        print(f"| {code} | {row['reference']} | {row['check']} | {row['agree']} | {row['recall']:.3f} | {row['precision']:.3f} |")
    for code in RULES:
        missed = sorted(f for f in reference - tool if f[2] == code)[: args.show]
        extra = sorted(f for f in tool - reference if f[2] == code)[: args.show]
        for label, rows in (("only the reference", missed), ("only check", extra)):
            for path, line, _ in rows:
                text = (root / path).read_text(encoding="utf-8", errors="replace").splitlines()[line - 1].strip()
                print(f"  {code} {label}: {path}:{line}: {text[:110]}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
