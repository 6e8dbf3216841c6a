"""The results cache (`.ssot_lint_cache/`), as a user meets it: a warm run says exactly what a cold
run says, an edit re-analyses just the edited file, a changed contract re-analyses everything, a
corrupt cache is survived, `--no-cache` leaves no trace, and two runs may share the cache.

"Which files were analysed" is observed by wrapping `ssot_lint.runner.engine.run`, the one call through
which `app._analyse` sends every cache miss to the engine.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ssot_lint.app import RunOptions, check
from ssot_lint.gate.cache import CACHE_DIR
from ssot_lint.cli.main import app
from ssot_lint.reporters.json import to_document

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"

#: one file per form the rules cover, each holding at least one finding.
FILES: dict[str, str] = {
    "app/svc0/mod0.py": f"from {OLD} import {UWM}\n",
    "app/svc1/mod1.py": "import app.websocket_core.manager\nx = app.websocket_core.manager.WebSocketManager()\n",
    "app/svc2/mod2.py": "from app.websocket_core.manager import WebSocketManager\n",
    "app/svc3/mod3.py": (
        "from unittest import mock\n\n\n"
        f"@mock.patch('{OLD}.{UWM}')\ndef test(m):\n    pass\n"
    ),
    "app/svc4/mod4.py": f"from app.websocket_core.websocket_manager import {UWM}\nm = {UWM}()\n",
    "app/svc5/mod5.py": (
        "from app.websocket_core.websocket_manager_factory import get_websocket_manager_factory\n"
        "f = get_websocket_manager_factory()\n"
    ),
    "app/svc6/mod6.py": f"class {UWM}:\n    pass\n",
    "app/svc7/mod7.py": f"from app.websocket_core import unified_manager\nunified_manager.{UWM}\n",
    "app/clean.py": "import os\n\nprint(os.getcwd())\n",
    "app/broken.py": f"from {OLD} import (\n",  # mentions the contract, so it is parsed: SSOT000
}

ELAPSED = re.compile(r"\d+\.\d\ds")


class Spy:
    """Records the files `app._analyse` hands to the engine (the cache misses), per run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        from ssot_lint.runner import engine

        self.root = root
        self.calls: list[set[str]] = []
        real = engine.run

        def run(paths, job, jobs=None, **kwargs):  # type: ignore[no-untyped-def]
            self.calls.append({Path(p).absolute().relative_to(root).as_posix() for p in paths})
            return real(paths, job, jobs, **kwargs)

        monkeypatch.setattr(engine, "run", run)

    def analysed(self) -> set[str]:
        """Files analysed since the last call (empty when the engine was not called at all)."""
        seen = set().union(*self.calls) if self.calls else set()
        self.calls.clear()
        return seen


def run(root: Path, monkeypatch: pytest.MonkeyPatch, *, cache: bool = True, jobs: int = 1) -> dict[str, Any]:
    monkeypatch.chdir(root)
    report = check(RunOptions(use_cache=cache, jobs=jobs, cwd=root))
    document = to_document(report)
    document["exit_code"] = int(report.exit_code())
    return document


def visible(document: dict[str, Any]) -> dict[str, Any]:
    """What a user compares between two runs: everything but the elapsed time."""
    summary = {k: v for k, v in document["summary"].items() if k != "elapsed_seconds"}
    return {"summary": summary, "findings": document["findings"], "errors": document["errors"],
            "exit_code": document.get("exit_code")}


def python_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.py")}


def cache_files(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("results-*.json"))


def rewrite(path: Path, text: str) -> None:
    """Write new content and make sure the stamp differs even on a coarse-mtime file system."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


# --- warm == cold --------------------------------------------------------------------------------


def test_a_warm_run_reports_exactly_what_a_cold_run_reports(project, monkeypatch) -> None:
    root = project(FILES)
    spy = Spy(monkeypatch, root)
    cold = run(root, monkeypatch)
    assert spy.analysed() == python_files(root)
    warm = run(root, monkeypatch)
    assert spy.analysed() == set(), "nothing changed: every result must come from the cache"
    uncached = run(root, monkeypatch, cache=False)
    assert visible(warm) == visible(cold) == visible(uncached)
    assert cold["exit_code"] == 2  # the findings and the SSOT000 of broken.py are both there
    assert {f["path"] for f in cold["findings"]} >= {f"app/svc{i}/mod{i}.py" for i in range(8)}
    assert [e["path"] for e in cold["errors"]] == ["app/broken.py"]


def test_a_warm_run_prints_the_same_text_as_a_cold_run(project, monkeypatch) -> None:
    root = project(FILES)
    monkeypatch.chdir(root)
    cold = CliRunner().invoke(app, ["check", "--jobs", "1"])
    warm = CliRunner().invoke(app, ["check", "--jobs", "1"])
    assert cold.exit_code == warm.exit_code == 2
    assert "SSOT001" in cold.stdout and "SSOT000" in cold.stdout
    assert ELAPSED.sub("<t>", warm.stdout) == ELAPSED.sub("<t>", cold.stdout)


def test_the_cache_folder_is_at_the_project_root_and_ignores_itself(project, monkeypatch) -> None:
    root = project(FILES)
    run(root, monkeypatch)
    folder = root / CACHE_DIR
    assert folder.is_dir()
    ignore = (folder / ".gitignore").read_text(encoding="utf-8")
    assert "*" in [line.strip() for line in ignore.splitlines()]
    assert len(cache_files(root)) == 1
    assert not list((root / "app").rglob(CACHE_DIR)), "one cache, at the root only"


def test_a_run_from_a_subfolder_still_caches_at_the_project_root(project, monkeypatch) -> None:
    root = project(FILES)
    monkeypatch.chdir(root / "app")
    report = check(RunOptions(use_cache=True, jobs=1, cwd=root / "app"))
    assert report.findings
    assert (root / CACHE_DIR / ".gitignore").is_file()
    assert not (root / "app" / CACHE_DIR).exists()


# --- invalidation --------------------------------------------------------------------------------


def test_editing_one_file_re_analyses_just_that_file_and_reports_its_new_finding(project, monkeypatch) -> None:
    root = project(FILES)
    spy = Spy(monkeypatch, root)
    before = run(root, monkeypatch)
    spy.analysed()
    rewrite(root / "app/clean.py", f"import os\nfrom {OLD} import {UWM}\n")
    after = run(root, monkeypatch)
    assert spy.analysed() == {"app/clean.py"}
    new = [f for f in after["findings"] if f["path"] == "app/clean.py"]
    assert [(f["line"], f["code"]) for f in new] == [(2, "SSOT001")]
    assert [f for f in after["findings"] if f["path"] != "app/clean.py"] == before["findings"]
    assert visible(after) == visible(run(root, monkeypatch, cache=False))


def test_fixing_a_file_removes_its_finding_in_a_warm_run(project, monkeypatch) -> None:
    root = project(FILES)
    run(root, monkeypatch)
    rewrite(root / "app/svc0/mod0.py", "from app.websocket_core.websocket_manager import get_websocket_manager\n")
    after = run(root, monkeypatch)
    assert not [f for f in after["findings"] if f["path"] == "app/svc0/mod0.py"]
    assert visible(after) == visible(run(root, monkeypatch, cache=False))


def test_after_an_edit_the_next_unchanged_run_analyses_nothing(project, monkeypatch) -> None:
    """The run that re-analysed the edited file must save the other files' entries intact."""
    root = project(FILES)
    spy = Spy(monkeypatch, root)
    cold = run(root, monkeypatch)
    rewrite(root / "app/clean.py", "import sys\n")
    run(root, monkeypatch)
    spy.analysed()
    third = run(root, monkeypatch)
    assert spy.analysed() == set(), "nothing changed since the last run: every result from the cache"
    assert visible(third) == visible(cold)


def test_a_changed_contract_re_analyses_every_file(project, monkeypatch) -> None:
    root = project(FILES)
    spy = Spy(monkeypatch, root)
    run(root, monkeypatch)
    spy.analysed()
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert '"app.websocket_core.websocket_manager_factory"]' in text
    rewrite(pyproject, text.replace(
        '"app.websocket_core.websocket_manager_factory"]',
        '"app.websocket_core.websocket_manager_factory", "app.legacy_sockets"]',
    ))
    (root / "app/clean.py").write_text("from app.legacy_sockets import thing\n", encoding="utf-8")
    after = run(root, monkeypatch)
    assert spy.analysed() == python_files(root)
    assert any(f["path"] == "app/clean.py" and f["symbol"].startswith("app.legacy_sockets") for f in after["findings"])
    assert visible(after) == visible(run(root, monkeypatch, cache=False))


def test_selecting_other_rules_does_not_serve_results_of_the_first_selection(project, monkeypatch) -> None:
    root = project(FILES)
    monkeypatch.chdir(root)
    everything = to_document(check(RunOptions(use_cache=True, jobs=1, cwd=root)))
    only = to_document(check(RunOptions(use_cache=True, jobs=1, cwd=root, select=("SSOT005",))))
    assert {f["code"] for f in everything["findings"]} > {"SSOT005"}
    assert {f["code"] for f in only["findings"]} == {"SSOT005"}


def test_touching_a_file_without_changing_it_does_not_re_analyse_it(project, monkeypatch) -> None:
    root = project(FILES)
    spy = Spy(monkeypatch, root)
    cold = run(root, monkeypatch)
    spy.analysed()
    target = root / "app/svc0/mod0.py"
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    warm = run(root, monkeypatch)
    assert spy.analysed() == set(), "same bytes, new mtime: the content hash must decide"
    assert visible(warm) == visible(cold)
    # and the refreshed stamp is kept, so the next run does not even hash it (still nothing analysed)
    again = run(root, monkeypatch)
    assert spy.analysed() == set()
    assert visible(again) == visible(cold)


def test_an_old_file_the_prefilter_passed_over_is_scanned_again_when_its_stamp_changes(project, monkeypatch) -> None:
    """Files that mention no contract name are cached without a content hash (re-scanning one
    costs what hashing it would): a new stamp means a new scan, and an edit that adds a
    violation is found."""
    root = project(FILES)
    target = root / "app/clean.py"
    long_ago = target.stat().st_mtime_ns - 3_600_000_000_000
    os.utime(target, ns=(long_ago, long_ago))
    spy = Spy(monkeypatch, root)
    cold = run(root, monkeypatch)
    spy.analysed()
    [cache_file] = cache_files(root)
    entry = json.loads(cache_file.read_text())["files"][str(target)]
    assert entry[2] == "" and entry[3]["parsed"] is False  # no hash kept for a prefiltered file
    os.utime(target, ns=(long_ago + 10**9, long_ago + 10**9))  # touched: same bytes, new stamp
    assert visible(run(root, monkeypatch)) == visible(cold)
    assert spy.analysed() == {"app/clean.py"}
    target.write_text(f"from {OLD} import {UWM}\n")
    os.utime(target, ns=(long_ago + 2 * 10**9, long_ago + 2 * 10**9))
    warm = run(root, monkeypatch)
    assert spy.analysed() == {"app/clean.py"}
    assert [f["code"] for f in warm["findings"] if f["path"] == "app/clean.py"] == ["SSOT001"]


def test_a_change_in_the_canonical_module_changes_fixability_in_a_warm_run(project, monkeypatch) -> None:
    """Fixability depends on what the canonical module binds: the cache must not serve it stale."""
    consumer = f"from {OLD} import Extra\n"
    root = project({"app/consumer.py": consumer})
    deprecated = root / "app/websocket_core/unified_manager.py"
    deprecated.write_text(deprecated.read_text(encoding="utf-8") + "\n\nclass Extra:\n    pass\n", encoding="utf-8")

    def consumer_finding(document: dict[str, Any]) -> dict[str, Any]:
        (finding,) = [f for f in document["findings"] if f["path"] == "app/consumer.py"]
        return finding

    before = consumer_finding(run(root, monkeypatch))
    assert before["code"] == "SSOT001"
    assert before["fixable"] is False
    assert "Extra" in (before["unfixable_reason"] or "")

    canonical = root / "app/websocket_core/websocket_manager.py"
    rewrite(canonical, canonical.read_text(encoding="utf-8").replace(
        "import UnifiedWebSocketManager, UserExecutionContext",
        "import Extra, UnifiedWebSocketManager, UserExecutionContext",
    ))
    warm = run(root, monkeypatch)
    after = consumer_finding(warm)
    assert after["fixable"] is True
    assert after["unfixable_reason"] is None
    assert visible(warm) == visible(run(root, monkeypatch, cache=False))


# --- robustness ----------------------------------------------------------------------------------


@pytest.mark.parametrize("garbage", [
    b"\x00\xff garbage \x80",
    b"{\"format\": 1, \"files\": ",  # truncated
    b"[1, 2, 3]",
    b"{\"format\": 1, \"files\": []}",
    b"",
], ids=["binary", "truncated", "list", "files-not-a-dict", "empty"])
def test_a_corrupt_cache_file_is_survived_and_rewritten(project, monkeypatch, garbage: bytes) -> None:
    root = project(FILES)
    cold = run(root, monkeypatch)
    (cache,) = cache_files(root)
    cache.write_bytes(garbage)
    spy = Spy(monkeypatch, root)
    survived = run(root, monkeypatch)
    assert visible(survived) == visible(cold)
    assert spy.analysed() == python_files(root)
    data = json.loads(cache.read_bytes())
    assert isinstance(data, dict) and isinstance(data.get("files"), dict) and data["files"]
    warm = run(root, monkeypatch)
    assert spy.analysed() == set(), "the rewritten cache serves the next run"
    assert visible(warm) == visible(cold)


@pytest.mark.parametrize("entry", [
    "not a list",
    [1, 2],
    [None, None, None, None],
    "SAME_STAMP:not a result",
    "SAME_STAMP:findings of strings",
    "SAME_STAMP:finding without location",
    "SAME_STAMP:finding with unknown keys",
], ids=["string", "short", "nulls", "result-string", "findings-strings", "no-location", "unknown-keys"])
def test_a_corrupt_entry_in_a_valid_cache_file_is_ignored_and_re_analysed(project, monkeypatch, entry) -> None:
    root = project(FILES)
    cold = run(root, monkeypatch)
    (cache,) = cache_files(root)
    data = json.loads(cache.read_bytes())
    key = str((root / "app/svc0/mod0.py").absolute())
    good = data["files"][key]
    if isinstance(entry, str) and entry.startswith("SAME_STAMP:"):
        kind = entry.partition(":")[2]
        result = {
            "not a result": "garbage",
            "findings of strings": {"findings": ["x"], "error": None, "parsed": True},
            "finding without location": {"findings": [{"code": "SSOT001"}], "error": None, "parsed": True},
            "finding with unknown keys": {"findings": [{**good[3]["findings"][0], "bogus": 1}], "error": None, "parsed": True},
        }[kind]
        entry = [good[0], good[1], good[2], result]
    data["files"][key] = entry
    cache.write_text(json.dumps(data), encoding="utf-8")
    spy = Spy(monkeypatch, root)
    survived = run(root, monkeypatch)
    assert visible(survived) == visible(cold)
    assert spy.analysed() == {"app/svc0/mod0.py"}
    again = run(root, monkeypatch)
    # the repaired entry serves the next run (other files are test_after_an_edit_...'s business)
    assert "app/svc0/mod0.py" not in spy.analysed()
    assert visible(again) == visible(cold)


def test_no_cache_neither_reads_nor_writes(project, monkeypatch) -> None:
    root = project(FILES)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--jobs", "1", "--no-cache"])
    assert result.exit_code == 2
    assert not (root / CACHE_DIR).exists()

    # a cache that lies: --no-cache must not read it
    cold = run(root, monkeypatch)
    (cache,) = cache_files(root)
    data = json.loads(cache.read_bytes())
    for entry in data["files"].values():
        entry[3] = {"findings": [], "error": None, "parsed": True}
    cache.write_text(json.dumps(data), encoding="utf-8")
    written = cache.read_bytes()
    spy = Spy(monkeypatch, root)
    uncached = run(root, monkeypatch, cache=False)
    assert spy.analysed() == python_files(root)
    assert visible(uncached) == visible(cold)
    assert cache.read_bytes() == written, "--no-cache must not write the cache"
    result = CliRunner().invoke(app, ["check", "--jobs", "1", "--no-cache", "--output-format", "json"])
    assert json.loads(result.stdout)["findings"] == cold["findings"]
    assert cache.read_bytes() == written


def test_two_runs_sharing_the_cache_at_once_both_succeed(project) -> None:
    files = dict(FILES)
    for i in range(40):
        files[f"pkg/many{i}/m{i}.py"] = f"from {OLD} import {UWM}\n\nvalue = {i}\n" if i % 3 else "x = 1\n"
    root = project(files)
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    command = [sys.executable, "-m", "ssot_lint", "check", "--output-format", "json", "--jobs", "1"]
    expected = subprocess.run([*command, "--no-cache"], cwd=root, capture_output=True, text=True,
                              env=environment, timeout=120)
    assert expected.returncode == 2, expected.stderr
    assert not (root / CACHE_DIR).exists()
    for _ in range(2):  # the second round: both runs read (and rewrite) the cache the first wrote
        runs = [subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env=environment) for _ in range(2)]
        outputs = [process.communicate(timeout=120) for process in runs]
        for process, (out, err) in zip(runs, outputs):
            assert process.returncode == 2, err
            assert visible(json.loads(out)) == visible(json.loads(expected.stdout))
        (cache,) = cache_files(root)
        data = json.loads(cache.read_bytes())
        assert isinstance(data["files"], dict) and len(data["files"]) == len(python_files(root))
        assert not list((root / CACHE_DIR).glob("*.tmp")), "no temporary file left behind"
