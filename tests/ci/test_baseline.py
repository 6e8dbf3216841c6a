"""The baseline ratchet: adopt the contract today, block new findings, shrink the baseline.

Documented choice (see ssot_lint/gate/baseline.py and docs/ci.md): renames are not followed, so a
renamed file's findings are new and must be fixed or re-baselined.
"""

from __future__ import annotations

import json

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
VIOLATION = f"from {OLD} import {UWM}\n"
OTHER = "from app.websocket_core.manager import WebSocketManager\n"
FIXED = f"from app.websocket_core.websocket_manager import {UWM}\n"
DEFAULT = ".ssot-lint-baseline.json"

LEGACY = {
    "app/services/legacy.py": VIOLATION + "\n\ndef make():\n    return UnifiedWebSocketManager\n",
    "app/routes/chat.py": OTHER + "x = WebSocketManager\n",
    "app/agents/runner.py": "import os\n" + VIOLATION,
}


def adopt(make_repo, *extra: str):  # type: ignore[no-untyped-def]
    """A repository with three legacy findings, baselined and committed."""
    repo = make_repo(LEGACY)
    result = repo.check("--update-baseline", *extra)
    assert result.exit_code == 0, result.output
    repo.commit("adopt ssot-lint with a baseline")
    return repo


def test_update_baseline_writes_a_sorted_diff_friendly_file(make_repo) -> None:
    repo = make_repo(LEGACY)
    assert repo.check().exit_code == 1

    result = repo.check("--update-baseline")

    assert result.exit_code == 0, result.output
    assert "Baseline written with 3 findings" in result.output
    # one line, not the report it baselines (issue 17: --update-baseline printed every finding)
    [line] = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith("Baseline written with 3 findings")
    text = repo.read(DEFAULT)
    document = json.loads(text)
    entries = document["findings"]
    assert len(entries) == 3
    keys = [(e["path"], e["code"], e["symbol"], e["fingerprint"]) for e in entries]
    assert keys == sorted(keys)
    assert {e["path"] for e in entries} == set(LEGACY)
    for entry in entries:
        assert "line" not in entry and "column" not in entry  # keyed by content, not position
        assert entry["count"] == 1
        assert entry["fingerprint"]
    # one key per line, so a review diff shows exactly which findings came or went
    assert text.endswith("}\n")
    assert len(text.splitlines()) > 3 * 5
    # deterministic: a second run rewrites the same bytes
    assert repo.check("--update-baseline").exit_code == 0
    assert repo.read(DEFAULT) == text


def test_baselined_findings_pass_and_are_counted(make_repo) -> None:
    repo = adopt(make_repo)
    result = repo.check()
    assert result.exit_code == 0, result.output
    assert "3 baselined findings remain" in result.output

    code, document = repo.check_json()
    assert code == 0
    assert document["findings"] == []
    assert document["summary"]["baselined"] == 3
    assert document["summary"]["baseline_gone"] == 0


def test_configured_baseline_path(make_repo) -> None:
    repo = make_repo(LEGACY)
    repo.write("ci/.keep", "")
    repo.settings('baseline = "ci/ssot-baseline.json"')
    assert repo.check("--update-baseline").exit_code == 0
    assert (repo.root / "ci" / "ssot-baseline.json").exists()
    assert not (repo.root / DEFAULT).exists()
    result = repo.check()
    assert result.exit_code == 0, result.output
    assert "3 baselined findings remain" in result.output


def test_baseline_option_overrides(make_repo) -> None:
    repo = make_repo(LEGACY)
    assert repo.check("--baseline", "custom.json", "--update-baseline").exit_code == 0
    assert (repo.root / "custom.json").exists()
    assert not (repo.root / DEFAULT).exists()
    # without the option the findings are not tolerated
    assert repo.check().exit_code == 1
    result = repo.check("--baseline", "custom.json")
    assert result.exit_code == 0, result.output
    assert "3 baselined findings remain" in result.output


def test_update_baseline_into_a_missing_folder(make_repo) -> None:
    """The configured baseline's folder does not exist yet: create it, or fail cleanly (exit 2)."""
    repo = make_repo(LEGACY)
    repo.settings('baseline = "ci/ssot-baseline.json"')
    result = repo.check("--update-baseline")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        assert (repo.root / "ci" / "ssot-baseline.json").exists()
    else:
        assert "ssot-baseline.json" in result.output


def test_new_violation_fails_and_only_it_is_reported(make_repo) -> None:
    repo = adopt(make_repo)
    repo.write("app/services/new.py", OTHER)
    code, document = repo.check_json()
    assert code == 1
    assert repo.found(document) == [("app/services/new.py", 1, "SSOT001")]
    assert document["summary"]["baselined"] == 3

    result = repo.check()
    assert result.exit_code == 1
    assert "app/services/new.py:1:" in result.output
    assert "legacy.py" not in result.output
    assert "3 baselined findings remain" in result.output


def test_lines_inserted_above_keep_the_finding_baselined(make_repo) -> None:
    repo = adopt(make_repo)
    repo.write("app/services/legacy.py", '"""Docs."""\n\nimport os\nimport sys\n\n' + LEGACY["app/services/legacy.py"])
    result = repo.check()
    assert result.exit_code == 0, result.output
    assert "3 baselined findings remain" in result.output


def test_import_reformatted_across_lines_stays_baselined(make_repo) -> None:
    repo = adopt(make_repo)
    repo.write(
        "app/services/legacy.py",
        f"from {OLD} import (\n    {UWM},\n)\n\n\ndef make():\n    return {UWM}\n",
    )
    result = repo.check()
    assert result.exit_code == 0, result.output
    assert "3 baselined findings remain" in result.output


def test_function_moved_within_the_file_stays_baselined(make_repo) -> None:
    repo = adopt(make_repo)
    repo.write("app/agents/runner.py", "import os\n\n\ndef helper():\n    return os.sep\n\n\n" + VIOLATION)
    assert repo.check().exit_code == 0


def test_same_finding_twice_with_one_entry_reports_one(make_repo) -> None:
    repo = adopt(make_repo)
    repo.write("app/agents/runner.py", "import os\n" + VIOLATION + "\n\ndef later():\n    " + VIOLATION)
    code, document = repo.check_json()
    assert code == 1
    assert len(document["findings"]) == 1
    assert document["findings"][0]["path"] == "app/agents/runner.py"
    assert document["summary"]["baselined"] == 3


def test_a_copy_in_another_file_is_new(make_repo) -> None:
    repo = adopt(make_repo)
    repo.write("app/agents/notifier.py", VIOLATION)
    code, document = repo.check_json()
    assert code == 1
    assert repo.found_paths(document) == {"app/agents/notifier.py"}


def test_fixed_finding_is_reported_gone_and_strict_fails(make_repo) -> None:
    repo = adopt(make_repo)
    repo.write("app/agents/runner.py", "import os\n" + FIXED)

    result = repo.check()
    assert result.exit_code == 0, result.output
    assert "1 baselined findings are gone: run --update-baseline to lock in the progress" in result.output
    assert "2 baselined findings remain" in result.output

    strict = repo.check("--strict-baseline")
    assert strict.exit_code == 1, strict.output
    assert "1 baselined findings are gone" in strict.output

    code, document = repo.check_json("--strict-baseline")
    assert code == 1
    assert document["summary"]["baseline_gone"] == 1

    # locking in the progress makes the strict gate pass again, and the baseline shrinks
    assert repo.check("--update-baseline").exit_code == 0
    assert len(json.loads(repo.read(DEFAULT))["findings"]) == 2
    assert repo.check("--strict-baseline").exit_code == 0


def test_strict_baseline_passes_when_nothing_is_gone(make_repo) -> None:
    repo = adopt(make_repo)
    result = repo.check("--strict-baseline")
    assert result.exit_code == 0, result.output


def test_checking_part_of_the_tree_reports_nothing_gone(make_repo) -> None:
    """A run over one folder says nothing about the baseline entries of other folders."""
    repo = adopt(make_repo)
    result = repo.check("--strict-baseline", "app/routes")
    assert result.exit_code == 0, result.output
    assert "gone" not in result.output


def test_renamed_file_findings_are_new(make_repo) -> None:
    """Documented choice: the baseline does not follow renames."""
    repo = adopt(make_repo)
    repo.git("mv", "app/agents/runner.py", "app/agents/worker.py")
    repo.commit("rename")

    code, document = repo.check_json()

    assert code == 1
    assert repo.found(document) == [("app/agents/worker.py", 2, "SSOT001")]
    assert document["summary"]["baseline_gone"] == 0  # the old path is no longer scanned
    assert document["summary"]["baselined"] == 2


def test_baseline_combines_with_diff_base(make_repo) -> None:
    repo = adopt(make_repo)
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/agents/runner.py", "import os\n" + VIOLATION + OTHER)
    repo.commit("one more")
    code, document = repo.check_json("--diff-base", "main", "--all-lines")
    assert code == 1
    assert repo.found(document) == [("app/agents/runner.py", 3, "SSOT001")]
    assert document["summary"]["baselined"] == 1


def test_corrupt_baseline_is_a_clear_error(make_repo) -> None:
    repo = adopt(make_repo)
    (repo.root / DEFAULT).write_text("{ this is not json", encoding="utf-8")
    result = repo.check()
    assert result.exit_code == 2
    assert DEFAULT in result.output
    assert "--update-baseline" in result.output
    assert "Traceback" not in result.output


def test_baseline_of_the_wrong_shape_is_a_clear_error(make_repo) -> None:
    repo = adopt(make_repo)
    (repo.root / DEFAULT).write_text('{"findings": [{"path": "x.py"}]}\n', encoding="utf-8")
    result = repo.check()
    assert result.exit_code == 2
    assert "baseline" in result.output
    assert "Traceback" not in result.output


def test_real_subprocess_gate(make_repo, subprocess_cli) -> None:
    repo = adopt(make_repo)
    done = subprocess_cli(repo.root, "check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 baselined findings remain" in done.stdout
    repo.write("app/new.py", VIOLATION)
    done = subprocess_cli(repo.root, "check", "--no-cache")
    assert done.returncode == 1
    assert "app/new.py" in done.stdout


# --- a baseline survives `fix` -------------------------------------------------------------------

RENAMED = (
    "from app.websocket_core.manager import WebSocketManager\n\n\n"
    "def make():\n    return WebSocketManager()\n"
)


def test_a_fix_elsewhere_never_makes_a_baselined_finding_new(make_repo) -> None:
    repo = make_repo({"app/services/legacy.py": RENAMED})
    code, before = repo.check_json()
    assert sorted(f["code"] for f in before["findings"]) == ["SSOT001", "SSOT003"]
    assert repo.check("--update-baseline").exit_code == 0

    fixed = repo.cli("fix")
    assert fixed.exit_code in (0, 1), fixed.output
    assert "app.websocket_core.manager" not in repo.read("app/services/legacy.py")

    code, after = repo.check_json()
    assert code == 0, after["findings"]
    assert after["findings"] == []
    assert after["summary"]["baselined"] == 1  # the untouched SSOT003
    assert after["summary"]["baseline_gone"] == 1  # the fixed SSOT001


def test_update_baseline_prints_one_line_not_the_report(make_repo) -> None:
    repo = make_repo(LEGACY)
    result = repo.check("--update-baseline")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "Baseline written with 3 findings."
