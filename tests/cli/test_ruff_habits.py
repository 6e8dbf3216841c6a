"""The command line a Ruff user types by reflex: `check --fix`, concise output, statistics,
quiet/silent, colour, show-settings/show-files, rule --all, stats --history."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssot_lint.cli.main import app

OLD = "app.websocket_core.unified_manager"
NEW = "app.websocket_core.websocket_manager"
UWM = "UnifiedWebSocketManager"
FIXABLE = f"from {OLD} import {UWM}\n"
FIXED = f"from {NEW} import {UWM}\n"
#: one fixable SSOT001 (line 1) and one SSOT003 that no fix removes (line 3).
MIXED = f"from {OLD} import {UWM}\n\nmanager = {UWM}()\n"
ANSI = re.compile(r"\x1b\[")


def cli(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch, env: dict[str, str] | None = None):
    monkeypatch.chdir(root)
    for name in ("NO_COLOR", "FORCE_COLOR", "PRE_COMMIT", "SSOT_LINT_OUTPUT_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    return CliRunner().invoke(app, [*args, *(["--jobs", "1"] if args[:1] == ("check",) else [])])


def subprocess_cli(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PRE_COMMIT")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "ssot_lint", *args], cwd=root, capture_output=True, text=True,
                          env=environment, timeout=120, check=False)


# --- check --fix ---------------------------------------------------------------------------------


def test_check_fix_rewrites_and_reports_nothing_left(project, monkeypatch) -> None:
    root = project({"app/consumer.py": FIXABLE})
    result = cli(root, "check", "--fix", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == FIXED
    assert "Fixed 1 finding in 1 file." in result.stdout
    assert "All checks passed!" in result.stdout


def test_check_fix_reports_what_is_left_and_exits_1(project, monkeypatch) -> None:
    root = project({"app/consumer.py": MIXED})
    result = cli(root, "check", "--fix", "--output-format", "concise", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert (root / "app/consumer.py").read_text(encoding="utf-8").startswith(FIXED)
    assert "app/consumer.py:3:11: SSOT003 " in result.stdout
    assert "SSOT001" not in result.stdout.replace("Fixed", "")


#: an SSOT004 call whose fix is unsafe (the replacement factory may take other arguments), and the
#: SSOT001 import of its module, which can move only once the call no longer uses it.
UNSAFE = (
    "from app.websocket_core.websocket_manager import get_websocket_manager\n"
    "import app.websocket_core.websocket_manager_factory as factory\n\n\n"
    "def manager(context):\n    make = factory.get_websocket_manager_factory()\n    return make(context)\n"
)
UNSAFE_FIXED = UNSAFE.replace("_factory as factory", " as factory").replace(
    "factory.get_websocket_manager_factory()", "get_websocket_manager()")


def test_check_fix_unsafe_fixes_rewrites_what_fix_alone_leaves(project) -> None:
    root = project({"app/consumer.py": UNSAFE})
    safe = subprocess_cli(root, "check", "--fix", "--output-format", "concise")
    assert safe.returncode == 1
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == UNSAFE
    *found, summary = safe.stdout.splitlines()
    assert [line.split()[1] for line in found] == ["SSOT001", "SSOT004"] and summary == "Found 2 findings."
    assert "Fixed" not in safe.stdout + safe.stderr
    why = subprocess_cli(root, "check", "--fix")
    assert "not fixable: unsafe fix: the replacement may differ; use `--unsafe-fixes`" in why.stdout

    unsafe = subprocess_cli(root, "check", "--fix", "--unsafe-fixes", "--output-format", "concise")
    assert unsafe.returncode == 0, unsafe.stdout + unsafe.stderr
    assert "Fixed 2 findings in 1 file." in unsafe.stdout and "All checks passed!" in unsafe.stdout
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == UNSAFE_FIXED


def test_a_report_offering_an_unsafe_fix_names_unsafe_fixes_in_its_fix_notes(project) -> None:
    root = project({"app/consumer.py": UNSAFE})
    concise = subprocess_cli(root, "check", "--unsafe-fixes", "--output-format", "concise")
    assert concise.stdout.splitlines()[-1] == "Found 2 findings (1 fixable with `ssot-lint check --fix --unsafe-fixes`)."
    text = subprocess_cli(root, "check", "--unsafe-fixes", "--output-format", "text", "--color", "never")
    assert "2 findings (1 fixable with `ssot-lint check --fix --unsafe-fixes`) in 1 files" in text.stdout
    github = subprocess_cli(root, "check", "--unsafe-fixes", "--output-format", "github").stdout.splitlines()
    assert [line.split("title=")[1][:7] for line in github if line.endswith(
        "(fixable with ssot-lint check --fix --unsafe-fixes)")] == ["SSOT004"]
    # the command the note names fixes it (`check --fix` alone leaves the file as it is: see above)
    assert subprocess_cli(root, "check", "--fix", "--unsafe-fixes").returncode == 0
    # and a report without unsafe fixes names plain --fix
    root = project({"app/consumer.py": FIXABLE})
    concise = subprocess_cli(root, "check", "--unsafe-fixes", "--output-format", "concise")
    assert concise.stdout.splitlines()[-1] == "Found 1 finding (1 fixable with `ssot-lint check --fix`)."


def test_show_fixes_lists_each_file_and_code(project, monkeypatch) -> None:
    root = project({"app/consumer.py": FIXABLE})
    result = cli(root, "check", "--fix", "--show-fixes", monkeypatch=monkeypatch)
    assert "- app/consumer.py:\n    1 × SSOT001 (deprecated-import)\n" in result.stdout


def test_fix_only_exits_0_with_findings_left_and_prints_no_findings(project, monkeypatch) -> None:
    root = project({"app/consumer.py": MIXED})
    result = cli(root, "check", "--fix-only", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert "SSOT003" not in result.stdout and "Fixed 1 finding in 1 file." in result.stdout
    assert (root / "app/consumer.py").read_text(encoding="utf-8").startswith(FIXED)


def test_exit_non_zero_on_fix(project, monkeypatch) -> None:
    root = project({"app/consumer.py": FIXABLE})
    assert cli(root, "check", "--fix", "--exit-non-zero-on-fix", monkeypatch=monkeypatch).exit_code == 1
    # nothing left to fix now: a clean run exits 0 with the same flags
    assert cli(root, "check", "--fix", "--exit-non-zero-on-fix", monkeypatch=monkeypatch).exit_code == 0
    root = project({"app/consumer.py": FIXABLE})
    assert cli(root, "check", "--fix-only", "--exit-non-zero-on-fix", monkeypatch=monkeypatch).exit_code == 1


def test_check_fix_with_json_keeps_stdout_a_document(project, monkeypatch) -> None:
    root = project({"app/consumer.py": MIXED})
    result = cli(root, "check", "--fix", "--output-format", "json", monkeypatch=monkeypatch)
    document = json.loads(result.stdout)
    assert [f["code"] for f in document["findings"]] == ["SSOT003"]
    assert "Fixed 1 finding in 1 file." in result.stderr


# --- output formats and verbosity ---------------------------------------------------------------


def test_concise_is_one_line_per_finding_and_one_summary(project, monkeypatch) -> None:
    root = project({"app/consumer.py": MIXED})
    result = cli(root, "check", "--output-format", "concise", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("app/consumer.py:1:48: SSOT001 `app.websocket_core.unified_manager` is deprecated")
    assert lines[1].startswith("app/consumer.py:3:11: SSOT003 ")
    assert lines[2] == "Found 2 findings (1 fixable with `ssot-lint check --fix`)."
    assert len(lines) == 3


def test_pre_commit_gets_concise_output_without_warnings(project) -> None:
    root = project({"app/consumer.py": FIXABLE})
    done = subprocess_cli(root, "check", "app/consumer.py", env={"PRE_COMMIT": "1"})
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"app/consumer.py:1:48: SSOT001 `{OLD}` is deprecated; import `{UWM}` from `{NEW}`",
        "Found 1 finding (1 fixable with `ssot-lint check --fix`).",
    ]
    assert "warning" not in done.stderr


def test_many_findings_switch_text_to_concise_unless_text_is_asked_for(project, monkeypatch) -> None:
    many = "".join(f"from {OLD} import {UWM} as M{i}\n" for i in range(201))
    root = project({"app/consumer.py": many})
    default = cli(root, "check", monkeypatch=monkeypatch)
    assert default.stdout.count("\n") == 202 and "Findings by rule" not in default.stdout
    asked = cli(root, "check", "--output-format", "text", monkeypatch=monkeypatch)
    assert "Findings by rule" in asked.stdout and " | from " in asked.stdout


def test_statistics_counts_by_code(project, monkeypatch) -> None:
    root = project({"app/consumer.py": MIXED, "app/other.py": FIXABLE})
    result = cli(root, "check", "--statistics", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["2\tSSOT001\t[*] deprecated-import", "1\tSSOT003\t    direct-instantiation"]
    as_json = cli(root, "check", "--statistics", "--output-format", "json", monkeypatch=monkeypatch)
    assert json.loads(as_json.stdout)[0] == {"code": "SSOT001", "name": "deprecated-import", "count": 2, "fixable": 2}


def test_quiet_prints_findings_without_summary(project, monkeypatch) -> None:
    root = project({"app/consumer.py": FIXABLE})
    result = cli(root, "check", "-q", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert "app/consumer.py:1:48 SSOT001" in result.stdout
    assert "Findings by rule" not in result.stdout and "findings (" not in result.stdout
    clean = cli(project({"app/consumer.py": FIXED}), "check", "--quiet", monkeypatch=monkeypatch)
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_silent_prints_nothing_and_exits_1(project, monkeypatch) -> None:
    result = cli(project({"app/consumer.py": FIXABLE}), "check", "-s", monkeypatch=monkeypatch)
    assert (result.exit_code, result.stdout) == (1, "")


def test_color_always_never_and_no_color(project) -> None:
    root = project({"app/consumer.py": FIXABLE})
    assert ANSI.search(subprocess_cli(root, "check", "--color", "always").stdout)
    assert not ANSI.search(subprocess_cli(root, "check", "--color", "never").stdout)
    assert not ANSI.search(subprocess_cli(root, "check").stdout)  # a pipe is not a terminal
    assert not ANSI.search(subprocess_cli(root, "check", env={"NO_COLOR": "1"}).stdout)
    bad = subprocess_cli(root, "check", "--color", "sometimes")
    assert bad.returncode == 2 and "--color takes auto, always or never" in bad.stderr


def test_show_settings_prints_the_resolved_contract(project, monkeypatch) -> None:
    root = project({"app/consumer.py": FIXABLE}, settings='exclude = ["build"]')
    result = cli(root, "check", "--show-settings", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    out = result.stdout
    assert f"Settings path: {root / 'pyproject.toml'}" in out
    assert 'exclude = [build]' in out and "[contract websocket-manager]" in out
    assert f"canonical = {NEW}" in out
    assert "rules = [SSOT001, SSOT002, SSOT003, SSOT004, SSOT005]" in out


def test_show_files_lists_what_would_be_checked(project, monkeypatch) -> None:
    root = project({"app/consumer.py": FIXABLE, "build/gen.py": FIXABLE}, settings='exclude = ["build"]')
    result = cli(root, "check", "--show-files", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    files = result.stdout.splitlines()
    assert "app/consumer.py" in files and not any(f.startswith("build/") for f in files)
    assert files == sorted(files)


# --- rule, stats --history -----------------------------------------------------------------------


def test_rule_all_and_the_codes_that_are_not_checks(monkeypatch, tmp_path) -> None:
    every = cli(tmp_path, "rule", "--all", monkeypatch=monkeypatch)
    titles = [line for line in every.stdout.splitlines() if line.startswith("# ")]
    assert [t.split("(")[1].rstrip(")") for t in titles] == [
        "SSOT000", "SSOT001", "SSOT002", "SSOT003", "SSOT004", "SSOT005", "SSOT100"]
    assert cli(tmp_path, "rule", "SSOT000", monkeypatch=monkeypatch).stdout.startswith("# analysis-error (SSOT000)")
    assert cli(tmp_path, "rule", "ssot100", monkeypatch=monkeypatch).stdout.startswith("# unused-noqa (SSOT100)")
    assert cli(tmp_path, "rule", monkeypatch=monkeypatch).exit_code == 2


def test_stats_history_takes_every_snapshot_listed_after_it(project, monkeypatch, tmp_path) -> None:
    root = project({"app/consumer.py": MIXED})
    snapshots = []
    for day, findings in (("2026-01-01", 9), ("2026-02-01", 5)):
        snapshot = tmp_path / f"{day}.json"
        snapshot.write_text(json.dumps({"generated_at": f"{day}T00:00:00+00:00", "findings": findings, "fixable": 1}))
        snapshots.append(str(snapshot))
    page = tmp_path / "page.html"
    result = cli(root, "stats", "--history", *snapshots, "--html", str(page), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert 'data-chart="burndown"' in html
    assert "2026-01-01" in html and "2026-02-01" in html
