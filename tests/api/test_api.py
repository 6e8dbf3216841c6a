"""The public Python API: `ssot_lint.check/fix/check_source/fix_source/load_contract`, with
`__all__` as the whole public surface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ssot_lint

OLD = "app.websocket_core.unified_manager"
NEW = "app.websocket_core.websocket_manager"
UWM = "UnifiedWebSocketManager"
DEPRECATED = f"from {OLD} import {UWM}\n"


def test_the_public_surface_is_all_and_each_name_resolves() -> None:
    assert sorted(ssot_lint.__all__) == sorted([
        "ConfigError", "ExitCode", "FileError", "Finding", "FixReport", "Location", "Report", "__version__",
        "check", "check_source", "fix", "fix_source", "load_contract"])
    for name in ssot_lint.__all__:
        assert getattr(ssot_lint, name) is not None
    with pytest.raises(AttributeError):
        ssot_lint.engine_internals  # noqa: B018


def test_check_returns_a_report(project, monkeypatch) -> None:
    root = project({"app/consumer.py": DEPRECATED})
    monkeypatch.chdir(root)
    report = ssot_lint.check(["app"])
    assert isinstance(report, ssot_lint.Report)
    assert [(f.code, f.location.path, f.location.line) for f in report.findings] == [("SSOT001", "app/consumer.py", 1)]
    assert report.exit_code() == ssot_lint.ExitCode.FINDINGS
    assert ssot_lint.check(ignore=["SSOT001"]).findings == ()


def test_fix_rewrites_and_reports(project, monkeypatch) -> None:
    root = project({"app/consumer.py": DEPRECATED})
    import ssot_lint.fix.worker  # noqa: F401 - the subpackage loaded must not hide the function
    preview = ssot_lint.fix([root], write=False)
    assert preview.changes and (root / "app/consumer.py").read_text(encoding="utf-8") == DEPRECATED
    done = ssot_lint.fix([root])
    assert isinstance(done, ssot_lint.FixReport) and done.fixed_count == 1
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == DEPRECATED.replace(OLD, NEW)


def test_source_functions_read_no_file_and_write_none(project) -> None:
    root = project({})
    report = ssot_lint.check_source(root / "app/unsaved.py", DEPRECATED)
    assert [f.code for f in report.findings] == ["SSOT001"]
    fixed, left = ssot_lint.fix_source(root / "app/unsaved.py", DEPRECATED.encode())
    assert fixed == DEPRECATED.replace(OLD, NEW).encode() and left.remaining.findings == ()
    assert not (root / "app/unsaved.py").exists()


def test_load_contract_and_config_errors(project, tmp_path: Path) -> None:
    root = project({})
    loaded = ssot_lint.load_contract(root)
    assert [c.name for c in loaded.contracts] == ["websocket-manager"]
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "pyproject.toml").write_text('[tool.ssot-lint]\nsrc = 3\n', encoding="utf-8")
    with pytest.raises(ssot_lint.ConfigError) as caught:
        ssot_lint.load_contract(tmp_path / "bad")
    assert caught.value.problems


def test_importing_the_package_stays_light() -> None:
    code = "import sys, ssot_lint; print('libcst' in sys.modules, 'ssot_lint.app' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
