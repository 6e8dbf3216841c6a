"""The command line as a user meets it: exit codes, where messages go, output formats, bad input.

Most tests use typer's CliRunner (fast, in-process); a few run `python -m ssot_lint` in a
subprocess to cover the real entry point, stdout/stderr separation and the non-TTY output.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ssot_lint.reporters import REPORTERS
from typer.testing import CliRunner

from ssot_lint import __version__
from ssot_lint.cli.main import app

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
DEPRECATED_IMPORT = f"from {OLD} import {UWM}\n"
CLEAN = "from app.websocket_core.websocket_manager import get_websocket_manager\n"
ANSI = re.compile(r"\x1b\[")


def cli(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(root)
    return CliRunner().invoke(app, list(args))


def subprocess_cli(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ssot_lint", *args],
        cwd=root, capture_output=True, text=True, env=environment, timeout=60,
    )


# --- exit codes --------------------------------------------------------------------------------


def test_a_clean_project_exits_0_and_says_so(project, monkeypatch) -> None:
    result = cli(project({"app/consumer.py": CLEAN}), "check", "--jobs", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert "All checks passed! (7 files scanned)" in result.stdout


def test_findings_exit_1(project, monkeypatch) -> None:
    result = cli(project({"app/consumer.py": DEPRECATED_IMPORT}), "check", "--jobs", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert "app/consumer.py:1:48 SSOT001 " in result.stdout


def test_exit_zero_exits_0_despite_findings(project, monkeypatch) -> None:
    root = project({"app/consumer.py": DEPRECATED_IMPORT})
    result = cli(root, "check", "--exit-zero", "--jobs", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert "SSOT001" in result.stdout


BAD_CONTRACT = '[[contract]]\nname = "c"\ncanonical = "a.new"\ndeprecatd = ["a.old"]\n'


def test_a_config_error_exits_2_naming_file_and_key_on_stderr_before_reading_files(project, monkeypatch) -> None:
    # the unreadable file would be an SSOT000 error if the run had got as far as reading files
    root = project({"app/broken.py": "def (:\n"}, contract=BAD_CONTRACT, sources={})
    result = cli(root, "check", "--exit-zero", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "pyproject.toml: tool.ssot-lint.contract[0].deprecatd: unknown key 'deprecatd'" in result.stderr
    assert "did you mean `deprecated`?" in result.stderr
    assert "broken.py" not in result.stderr


def test_a_config_error_in_a_config_file_names_that_file(project, monkeypatch) -> None:
    root = project({"app/consumer.py": CLEAN})
    (root / "ssot.toml").write_text(BAD_CONTRACT, encoding="utf-8")
    result = cli(root, "check", "--config", "ssot.toml", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "ssot.toml: contract[0].deprecatd: unknown key 'deprecatd'" in result.stderr


def test_no_configuration_at_all_exits_2(tmp_path, monkeypatch) -> None:
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    result = cli(tmp_path, "check", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "no `[tool.ssot-lint]` table found" in result.stderr


def test_an_unknown_option_exits_2(project, monkeypatch) -> None:
    result = cli(project(), "check", "--bogus", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "No such option: --bogus" in result.stderr


def test_jobs_0_exits_2(project, monkeypatch) -> None:
    result = cli(project(), "check", "--jobs", "0", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "--jobs must be 1 or more, got 0" in result.stderr


def test_an_unknown_output_format_exits_2(project, monkeypatch) -> None:
    result = cli(project(), "check", "--output-format", "xml", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    choices = ", ".join(sorted(REPORTERS))
    assert f"unknown --output-format 'xml'; choose one of: {choices}" in result.stderr


def test_version(monkeypatch, tmp_path) -> None:
    result = cli(tmp_path, "--version", monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert result.stdout == f"ssot-lint {__version__}\n"


# --- output ------------------------------------------------------------------------------------


def test_json_output_to_a_file(project, monkeypatch) -> None:
    root = project({"app/consumer.py": DEPRECATED_IMPORT})
    result = cli(root, "check", "--output-format", "json", "--output", "report.json", "--jobs", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert result.stdout == ""
    document = json.loads((root / "report.json").read_text(encoding="utf-8"))
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in document["findings"]] == [
        ("app/consumer.py", 1, 48, "SSOT001"),
    ]
    assert document["summary"]["findings"] == 1
    assert document["summary"]["fixable"] == 1


def test_select_and_ignore_accept_comma_separated_codes(project, monkeypatch) -> None:
    root = project({"app/consumer.py": f"{DEPRECATED_IMPORT}\n{UWM}()\n"})
    result = cli(root, "check", "--output-format", "json", "--select", "ssot001,SSOT003", "--ignore", "SSOT001",
                 "--jobs", "1", monkeypatch=monkeypatch)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["SSOT003"]


def test_a_bad_file_among_good_ones_is_reported_and_the_rest_still_checked(project, monkeypatch) -> None:
    root = project({
        "app/consumer.py": DEPRECATED_IMPORT,
        # the prefilter skips files that cannot hold a finding, so these mention a contract name
        "app/syntax.py": f"{DEPRECATED_IMPORT}def broken(:\n",
        "app/latin1.py": "# déjà vu\n".encode("latin-1") + DEPRECATED_IMPORT.encode(),
    })
    result = cli(root, "check", "--output-format", "json", "--jobs", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert [(f["path"], f["code"]) for f in document["findings"]] == [("app/consumer.py", "SSOT001")]
    errors = {e["path"]: e for e in document["errors"]}
    assert sorted(errors) == ["app/latin1.py", "app/syntax.py"]
    assert (errors["app/syntax.py"]["kind"], errors["app/syntax.py"]["line"]) == ("syntax", 2)
    assert errors["app/syntax.py"]["message"].startswith("syntax error")
    assert (errors["app/latin1.py"]["kind"], errors["app/latin1.py"]["line"]) == ("decode", 1)
    assert document["summary"]["errors"] == 2


def test_a_syntax_error_in_a_file_the_prefilter_skips_is_reported_without_the_prefilter(project, monkeypatch) -> None:
    root = project({"app/unrelated.py": "def broken(:\n"})
    with_prefilter = cli(root, "check", "--jobs", "1", monkeypatch=monkeypatch)
    assert with_prefilter.exit_code == 0
    monkeypatch.setenv("SSOT_LINT_NO_PREFILTER", "1")
    without = cli(root, "check", "--output-format", "json", "--jobs", "1", monkeypatch=monkeypatch)
    assert without.exit_code == 2
    assert [(e["path"], e["kind"], e["line"]) for e in json.loads(without.stdout)["errors"]] == [
        ("app/unrelated.py", "syntax", 1),
    ]


def test_a_nonexistent_path_is_an_error(project, monkeypatch) -> None:
    root = project({"app/consumer.py": CLEAN})
    result = cli(root, "check", "app/consumer.py", "app/nope.py", "--output-format", "json", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert [(e["path"], e["message"]) for e in document["errors"]] == [("app/nope.py", "path does not exist")]


# --- the real entry point ----------------------------------------------------------------------


def test_subprocess_exit_codes_and_streams(project) -> None:
    dirty = subprocess_cli(project({"app/consumer.py": DEPRECATED_IMPORT}), "check", "--jobs", "1")
    assert dirty.returncode == 1
    assert "app/consumer.py:1:48 SSOT001 " in dirty.stdout

    broken = subprocess_cli(project(contract=BAD_CONTRACT, sources={}), "check")
    assert (broken.returncode, broken.stdout) == (2, "")
    assert "tool.ssot-lint.contract[0].deprecatd" in broken.stderr


def test_subprocess_version() -> None:
    result = subprocess_cli(Path.cwd(), "--version")
    assert (result.returncode, result.stdout) == (0, f"ssot-lint {__version__}\n")


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["pipe", "NO_COLOR"])
def test_piped_output_has_no_ansi_escapes(project, env) -> None:
    root = project({"app/consumer.py": f"{DEPRECATED_IMPORT}\n{UWM}()\n", "app/bad.py": f"{DEPRECATED_IMPORT}def (:\n"})
    result = subprocess_cli(root, "check", "--jobs", "1", env=env)
    assert result.returncode == 2
    assert "SSOT001" in result.stdout and "SSOT000" in result.stdout
    assert not ANSI.search(result.stdout + result.stderr)
