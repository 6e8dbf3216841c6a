"""Silencing findings: `# noqa: CODE` comments, --select/--ignore, and per-file-ignores."""

from __future__ import annotations

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
IMPORT = f"from {OLD} import {UWM}"
#: one SSOT001 (line 1) and one SSOT003 (line 3).
BOTH = f"{IMPORT}\n\nmanager = {UWM}()\n"


def found(run_check, root, *paths, **kwargs) -> list[tuple[str, int]]:
    _, document = run_check(root, *paths, **kwargs)
    return [(f["code"], f["line"]) for f in document["findings"]]


def test_without_noqa_both_findings_are_reported(project, run_check) -> None:
    assert found(run_check, project({"app/consumer.py": BOTH})) == [("SSOT001", 1), ("SSOT003", 3)]


def test_noqa_with_the_code_silences_that_line(project, run_check) -> None:
    root = project({"app/consumer.py": f"{IMPORT}  # noqa: SSOT001\n\nmanager = {UWM}()\n"})
    assert found(run_check, root) == [("SSOT003", 3)]


def test_noqa_accepts_several_codes_and_lowercase(project, run_check) -> None:
    root = project({"app/consumer.py": f"{IMPORT}\n\nmanager = {UWM}()  # NOQA: ssot003, SSOT001\n"})
    assert found(run_check, root) == [("SSOT001", 1)]


def test_noqa_on_the_first_line_of_a_multiline_import_silences_its_later_lines(project, run_check) -> None:
    code = f"from {OLD} import (  # noqa: SSOT001\n    {UWM},\n    UserExecutionContext,\n)\n"
    assert found(run_check, project({"app/consumer.py": code})) == []


def test_noqa_on_a_later_line_of_a_multiline_import_silences_only_that_name(project, run_check) -> None:
    code = f"from {OLD} import (\n    {UWM},  # noqa: SSOT001\n    UserExecutionContext,\n)\n"
    assert found(run_check, project({"app/consumer.py": code})) == [("SSOT001", 3)]


def test_bare_noqa_does_not_silence_the_contract(project, run_check) -> None:
    root = project({"app/consumer.py": f"{IMPORT}  # noqa\n"})
    assert found(run_check, root) == [("SSOT001", 1)]


def test_noqa_for_another_code_does_not_silence(project, run_check) -> None:
    root = project({"app/consumer.py": f"{IMPORT}  # noqa: SSOT003\n"})
    assert found(run_check, root) == [("SSOT001", 1)]


def test_select_keeps_only_the_selected_codes(project, run_check) -> None:
    root = project({"app/consumer.py": BOTH})
    assert found(run_check, root, select=("SSOT003",)) == [("SSOT003", 3)]


def test_select_accepts_a_prefix(project, run_check) -> None:
    root = project({"app/consumer.py": BOTH})
    assert found(run_check, root, select=("SSOT00",)) == [("SSOT001", 1), ("SSOT003", 3)]


def test_ignore_drops_a_code(project, run_check) -> None:
    root = project({"app/consumer.py": BOTH})
    assert found(run_check, root, ignore=("SSOT001",)) == [("SSOT003", 3)]


def test_ignoring_everything_exits_clean(project, run_check) -> None:
    root = project({"app/consumer.py": BOTH})
    code, document = run_check(root, ignore=("SSOT",))
    assert (code, document["findings"]) == (0, [])


def test_per_file_ignores_in_config(project, run_check) -> None:
    settings = 'per-file-ignores = { "tests/**" = ["SSOT001"], "app/legacy.py" = ["SSOT003"] }'
    root = project(
        {"tests/test_x.py": BOTH, "app/legacy.py": BOTH, "app/consumer.py": BOTH},
        settings=settings,
    )
    _, document = run_check(root)
    assert [(f["path"], f["code"]) for f in document["findings"]] == [
        ("app/consumer.py", "SSOT001"),
        ("app/consumer.py", "SSOT003"),
        ("app/legacy.py", "SSOT001"),
        ("tests/test_x.py", "SSOT003"),
    ]
