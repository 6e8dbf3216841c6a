"""Documents ssot-lint reads back, crafted to hurt: every one is a clean exit-2 message naming the
file (or, for the cache, is ignored and rewritten), never a traceback, never exit 1."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from reliability_helpers import IMPORT, make_project, run_main

DEEP_JSON = "[" * 200_000 + "]" * 200_000


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    monkeypatch.chdir(project)
    return project


def _baseline(count: object) -> str:
    entry = {"path": "app/a.py", "code": "SSOT001", "symbol": "x", "fingerprint": "f", "count": count}
    text = json.dumps({"version": 1, "findings": [entry]})
    return text.replace('"INF"', "Infinity").replace('"HUGE"', "1e400")


@pytest.mark.parametrize("text, problem", [
    (_baseline("INF"), "Infinity is not a JSON number"),
    (_baseline("HUGE"), "number out of range: 1e400"),
    (_baseline(-2), "findings[0].count: expected a positive integer"),
    (_baseline(True), "findings[0].count: expected an integer, got bool"),
    (DEEP_JSON, "nested too deeply"),
], ids=["infinity", "overflow", "negative", "bool", "deep"])
def test_hostile_baseline_is_a_clean_error(root: Path, monkeypatch, capsys, text: str, problem: str) -> None:
    (root / "bad.json").write_text(text)
    code, _, err = run_main(monkeypatch, capsys, "check", "--no-cache", "--jobs", "1", "--baseline", "bad.json")
    assert code == 2
    assert f"bad.json: not a readable ssot-lint baseline ({problem}" in err, err
    assert "Traceback" not in err


def test_pyproject_nested_deep_in_another_tools_table(root: Path, monkeypatch, capsys) -> None:
    with (root / "pyproject.toml").open("a") as handle:
        handle.write("\n[tool.other]\nx = " + "[" * 1000 + "]" * 1000 + "\n")
    code, _, err = run_main(monkeypatch, capsys, "check", "--no-cache")
    assert code == 2
    assert "pyproject.toml: invalid TOML: values nested too deeply to read" in err
    assert "Traceback" not in err


def _report(root: Path, monkeypatch, capsys) -> dict:  # type: ignore[type-arg]
    code, out, _ = run_main(monkeypatch, capsys, "check", "--no-cache", "--jobs", "1", "--output-format", "json")
    assert code == 1
    return json.loads(out)


@pytest.mark.parametrize("field, value, problem", [
    ("line", "ten", 'findings[0].line: expected an integer, got str "ten"'),
    ("path", None, "findings[0].path: expected a string, got null"),
    ("code", "SSOT999", "findings[0].code: unknown rule code 'SSOT999'"),
    ("fixable", "yes", "findings[0].fixable: expected true or false, got str \"yes\""),
])
def test_merge_input_with_a_wrongly_typed_finding(root: Path, monkeypatch, capsys, field: str, value: object, problem: str) -> None:
    good = _report(root, monkeypatch, capsys)
    (root / "good.json").write_text(json.dumps(good))
    good["findings"][0][field] = value
    (root / "bad.json").write_text(json.dumps(good))
    code, _, err = run_main(monkeypatch, capsys, "merge", "good.json", "bad.json")
    assert code == 2
    assert err.strip() == f"ssot-lint: error: bad.json: malformed report: {problem}"


@pytest.mark.parametrize("snapshot, problem", [
    ({"generated_at": 5, "findings": 1, "fixable": 0}, "generated_at: expected a string, got int 5"),
    ({"generated_at": "2024-01-01", "findings": 1, "fixable": "<script>alert(1)</script>"}, "fixable: expected an integer"),
    (None, "nested too deeply"),
], ids=["time-not-a-string", "script-injection", "deep"])
def test_stats_history_snapshot_of_the_wrong_shape(root: Path, monkeypatch, capsys, snapshot, problem: str) -> None:
    (root / "snap.json").write_text(DEEP_JSON if snapshot is None else json.dumps(snapshot))
    code, _, err = run_main(monkeypatch, capsys, "stats", "--history", "snap.json", "--html", "page.html")
    assert code == 2
    assert "--history snap.json: not a `stats --output-format json` snapshot (" + problem in err, err
    assert not (root / "page.html").exists()


def _cache_file(root: Path) -> Path:
    (cache,) = (root / ".ssot_lint_cache").glob("results-*.json")
    return cache


def _poison_first_entry(cache: Path) -> None:
    data = json.loads(cache.read_text())
    (key,) = [k for k in data["files"] if k.endswith("a.py")]
    data["files"][key][3]["findings"][0]["path"] = ["a", "list"]
    cache.write_text(json.dumps(data))


@pytest.mark.parametrize("poison", ["deep", "path-is-a-list"])
def test_a_corrupt_cache_of_any_shape_is_ignored_and_rewritten(root: Path, monkeypatch, capsys, poison: str) -> None:
    first = run_main(monkeypatch, capsys, "check", "--jobs", "1", "--output-format", "json")
    cache = _cache_file(root)
    if poison == "deep":
        cache.write_text(DEEP_JSON)
    else:
        _poison_first_entry(cache)
    for _ in range(2):  # the damaged run, then the run after it
        again = run_main(monkeypatch, capsys, "check", "--jobs", "1", "--output-format", "json")
        assert again[0] == 1 and json.loads(again[1])["findings"] == json.loads(first[1])["findings"]
        assert "Traceback" not in again[2]
    assert json.loads(cache.read_text())["files"]  # rewritten whole


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*.tmp"))


def test_update_baseline_onto_a_directory(root: Path, monkeypatch, capsys) -> None:
    (root / "folder").mkdir()
    code, _, err = run_main(monkeypatch, capsys, "check", "--no-cache", "--update-baseline", "--baseline", "folder")
    assert code == 2
    assert err.strip() == f"ssot-lint: error: cannot write the baseline {root / 'folder'}: Is a directory; nothing was written"
    assert _leftovers(root) == []


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS])
def test_update_baseline_when_the_disk_refuses(root: Path, monkeypatch, capsys, failure: int) -> None:
    from ssot_lint import fileio

    real = fileio.os.replace

    def replace(source, target):  # type: ignore[no-untyped-def]
        if str(target).endswith(".ssot-lint-baseline.json"):
            raise OSError(failure, os.strerror(failure))
        return real(source, target)

    monkeypatch.setattr(fileio.os, "replace", replace)
    code, _, err = run_main(monkeypatch, capsys, "check", "--no-cache", "--update-baseline")
    assert code == 2
    assert f"cannot write the baseline {root / '.ssot-lint-baseline.json'}: {os.strerror(failure)}" in err
    assert not (root / ".ssot-lint-baseline.json").exists()
    assert _leftovers(root) == []
