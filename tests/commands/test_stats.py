"""`ssot-lint stats`: the counts equal `check`'s; text, JSON and the self-contained HTML page."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path


def _check(root: Path, run) -> dict:
    result = run(root, "check", "--output-format", "json", "--no-cache")
    assert result.exit_code == 1
    return json.loads(result.stdout)


def _stats(root: Path, run, *args: str) -> dict:
    result = run(root, "stats", "--output-format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _rows(rows: list[dict]) -> dict[str, tuple[int, int]]:
    return {r["key"]: (r["findings"], r["fixable"]) for r in rows}


def test_counts_match_check(reference_app: Path, run) -> None:
    check = _check(reference_app, run)
    stats = _stats(reference_app, run)
    findings = check["findings"]
    assert stats["findings"] == check["summary"]["findings"] == len(findings) == 28
    assert stats["fixable"] == check["summary"]["fixable"] == 20
    assert {k: n for k, (n, _) in _rows(stats["by_rule"]).items()} == check["summary"]["by_rule"]
    assert {k: n for k, (n, _) in _rows(stats["by_contract"]).items()} == check["summary"]["by_contract"]
    top = Counter(f["path"].split("/")[0] for f in findings)
    assert {k: n for k, (n, _) in _rows(stats["by_directory"]).items()} == dict(top)
    assert _rows(stats["by_directory"]) == {"app": (24, 16), "tests": (4, 4)}
    assert stats["generated_at"].endswith("+00:00")


def test_deprecated_paths_and_depth(reference_app: Path, run) -> None:
    stats = _stats(reference_app, run, "--depth", "2")
    assert _rows(stats["by_deprecated_path"]) == {
        "app.websocket_core.manager": (15, 15),
        "app.websocket_core.unified_manager": (5, 5),
        "app.websocket_core.websocket_manager_factory": (2, 0),
    }
    assert sum(n for n, _ in _rows(stats["by_rule"]).values() if n) == 28
    by_rule = _rows(stats["by_rule"])
    assert sum(n for n, _ in _rows(stats["by_deprecated_path"]).values()) == by_rule["SSOT001"][0] + by_rule["SSOT002"][0]
    directories = _rows(stats["by_directory"])
    assert "app/services" in directories and "tests" in directories
    assert sum(n for n, _ in directories.values()) == 28


def test_text_tables(reference_app: Path, run) -> None:
    result = run(reference_app, "stats")
    assert result.exit_code == 0
    out = result.stdout
    for title in ("Findings by contract", "Findings by rule", "Findings by deprecated path", "Findings by directory (depth 1)"):
        assert title in out
    assert "28 findings (20 fixable now) in 28 files scanned" in out
    assert any(line.split() == ["app.websocket_core.manager", "15", "15"] for line in out.splitlines())


def test_html_is_self_contained_with_numbers(reference_app: Path, run, tmp_path: Path) -> None:
    page = tmp_path / "stats.html"
    _stats(reference_app, run, "--html", str(page))
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert 'data-label="app.websocket_core.manager" data-count="15" data-fixable="15"' in html
    assert 'data-chart="burndown"' not in html


def test_bad_history_snapshot_exits_2(reference_app: Path, run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = run(reference_app, "stats", "--history", str(bad))
    assert result.exit_code == 2 and "not a `stats --output-format json` snapshot" in result.stderr
