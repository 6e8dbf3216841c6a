"""The engine: every file gets a result, bad files become errors, and parallel runs match serial ones."""

from __future__ import annotations

import os

from pathlib import Path

import pytest

from ssot_lint.runner import engine
from ssot_lint.app import RunOptions, prepare

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
BAD_IMPORT = f"from {OLD} import {UWM}\n"


def prepared(root: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(root)
    return prepare(RunOptions(cwd=root))


def test_one_bad_file_does_not_stop_the_run(project, monkeypatch) -> None:
    root = project({
        "app/a.py": BAD_IMPORT,
        "app/b_syntax.py": f"{BAD_IMPORT}def (:\n",
        "app/c.py": BAD_IMPORT,
    })
    ready = prepared(root, monkeypatch)
    files = (*ready.files, root / "app" / "vanished.py")
    results = {r.path: r for r in engine.run(files, ready.job, jobs=1)}

    assert [f.code for f in results["app/a.py"].findings] == ["SSOT001"]
    assert [f.code for f in results["app/c.py"].findings] == ["SSOT001"]
    assert (results["app/b_syntax.py"].error.kind, results["app/b_syntax.py"].error.line) == ("syntax", 2)
    assert results["app/vanished.py"].error.kind == "unreadable"


def test_an_internal_error_in_a_check_becomes_a_file_error(project, monkeypatch) -> None:
    root = project({"app/a.py": BAD_IMPORT, "app/b.py": BAD_IMPORT})
    ready = prepared(root, monkeypatch)
    real = engine.run_checks

    def explode_on_b(context, checks):
        if context.path == "app/b.py":
            raise RuntimeError("boom")
        return real(context, checks)

    monkeypatch.setattr(engine, "run_checks", explode_on_b)
    results = {r.path: r for r in engine.run(ready.files, ready.job, jobs=1)}
    assert [f.code for f in results["app/a.py"].findings] == ["SSOT001"]
    error = results["app/b.py"].error
    assert (error.kind, error.message) == ("internal", "internal error: RuntimeError: boom")
    assert "RuntimeError: boom" in error.traceback


def test_the_prefilter_skips_irrelevant_files_without_parsing(project, monkeypatch) -> None:
    root = project({"app/plain.py": "x = 1\n", "app/a.py": BAD_IMPORT})
    ready = prepared(root, monkeypatch)
    results = {r.path: r for r in engine.run(ready.files, ready.job, jobs=1)}
    assert results["app/plain.py"].parsed is False
    assert results["app/a.py"].parsed is True


def test_serial_and_parallel_runs_give_the_same_results_in_path_order(project, monkeypatch) -> None:
    files = {f"app/m{i:02d}.py": BAD_IMPORT + f"\nx = {UWM}()\n" for i in range(12)}
    files["app/broken.py"] = f"{BAD_IMPORT}def (:\n"
    root = project(files)
    ready = prepared(root, monkeypatch)

    serial = list(engine.run(ready.files, ready.job, jobs=1))
    parallel = list(engine.run(ready.files, ready.job, jobs=2))

    assert serial == parallel
    assert [r.path for r in serial] == sorted(r.path for r in serial)
    assert sum(len(r.findings) for r in serial) == 24
    assert [r.path for r in serial if r.error] == ["app/broken.py"]


def test_display_paths_are_relative_to_the_cwd_or_absolute_outside_it(tmp_path: Path) -> None:
    assert engine.display_path(tmp_path / "a" / "b.py", tmp_path) == "a/b.py"
    outside = tmp_path.parent / "elsewhere.py"
    assert engine.display_path(outside, tmp_path) == outside.as_posix()


def _dies_on_crash_py(path, job, cwd):  # type: ignore[no-untyped-def]
    """A worker whose process dies on one file, as LibCST's native parser can on some inputs."""
    if path.name == "crash.py":
        os._exit(1)
    return engine.check_file(path, job, cwd)


def test_a_file_that_kills_its_worker_costs_only_that_file(project, monkeypatch) -> None:
    files = {f"app/m{i:02}.py": BAD_IMPORT for i in range(40)}
    files["app/crash.py"] = BAD_IMPORT
    root = project(files)
    ready = prepared(root, monkeypatch)
    results = list(engine.run(ready.files, ready.job, jobs=2, worker=_dies_on_crash_py))
    by_path = {r.path: r for r in results}
    assert [r.path for r in results] == sorted(by_path)  # every file, in order
    assert by_path["app/crash.py"].error.kind == "internal"
    assert "crashed" in by_path["app/crash.py"].error.message
    others = [r for p, r in by_path.items() if p.startswith("app/m")]
    assert len(others) == 40 and all(r.error is None and r.findings for r in others)


def _dies_or_hangs(path, job, cwd):  # type: ignore[no-untyped-def]
    """A worker whose process dies on one file and never finishes another."""
    if path.name == "crash.py":
        os._exit(1)
    if path.name == "hang.py":
        import time

        time.sleep(3600)
    return engine.check_file(path, job, cwd)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_dies_or_hangs_costs_only_that_file_in_isolated_runs(project, monkeypatch, jobs: int) -> None:
    files = {f"app/m{i:02}.py": BAD_IMPORT for i in range(6)}
    files["app/crash.py"] = files["app/hang.py"] = BAD_IMPORT
    root = project(files)
    ready = prepared(root, monkeypatch)
    results = list(engine.run(ready.files, ready.job, jobs, _dies_or_hangs, isolate=True, budget=3))
    by_path = {r.path: r for r in results}
    assert [r.path for r in results] == sorted(by_path)  # every file, in order
    assert by_path["app/crash.py"].error.message == "the parser crashed on this file (its process died); excluded from this run"
    assert by_path["app/hang.py"].error.message == "took longer than 3 s; excluded from this run"
    others = [r for p, r in by_path.items() if p.startswith("app/m")]
    assert len(others) == 6 and all(r.error is None and r.findings for r in others)


def test_workers_start_for_the_work_there_is_never_more(project, monkeypatch) -> None:
    from ssot_lint.runner import pool

    root = project({f"app/m{i}.py": BAD_IMPORT for i in range(3)})
    ready = prepared(root, monkeypatch)
    started = []
    start = pool._Pool.start
    monkeypatch.setattr(pool._Pool, "start", lambda self: started.append(1) or start(self))
    results = list(engine.run(ready.files, ready.job, jobs=5000))
    assert len(results) == len(ready.files) and all(r.error is None for r in results)
    assert 1 <= len(started) <= min(len(ready.files), pool.machine_jobs())
