"""Each way of reaching a deprecated name, and each near miss, with the exact findings a user sees.

A finding is shown as (code, line, column, symbol, replacement, fixable); columns are 1-based and
count characters.
"""

from __future__ import annotations

from typing import Any

import pytest

from ssot_lint.checks.base import DEFAULT_SOURCES

WS = "app.websocket_core"
OLD = f"{WS}.unified_manager"
SHIM = f"{WS}.manager"
NEW = f"{WS}.websocket_manager"
UWM = "UnifiedWebSocketManager"
FACTORY = f"{NEW}.get_websocket_manager"
CONSUMER = "app/consumer.py"


@pytest.fixture
def check_file(project, run_check):
    """Write `code` at `path` in the example project, check that file; return (tuples, raw findings)."""

    def run(code: str, path: str = CONSUMER, extra: dict[str, str] | None = None) -> list[tuple[Any, ...]]:
        root = project({path: code, **(extra or {})})
        _, document = run_check(root, path)
        assert document["errors"] == []
        run.last = document["findings"]  # type: ignore[attr-defined]
        return [
            (f["code"], f["line"], f["column"], f["symbol"], f["replacement"], f["fixable"])
            for f in document["findings"]
        ]

    return run


def reason(check_file, index: int = 0) -> str:
    return check_file.last[index]["unfixable_reason"]


# --- the import forms ------------------------------------------------------------------------


def test_from_deprecated_module_import_name(check_file) -> None:
    assert check_file(f"from {OLD} import {UWM}\n") == [
        ("SSOT001", 1, 48, f"{OLD}.{UWM}", f"{NEW}.{UWM}", True),
    ]
    assert check_file.last[0]["message"] == f"`{OLD}` is deprecated; import `{UWM}` from `{NEW}`"


def test_from_deprecated_module_import_name_as_alias(check_file) -> None:
    assert check_file(f"from {OLD} import {UWM} as Manager\n") == [
        ("SSOT001", 1, 48, f"{OLD}.{UWM}", f"{NEW}.{UWM}", True),
    ]


def test_a_renamed_name_is_replaced_by_its_new_name_which_its_uses_adopt(check_file) -> None:
    assert check_file(f"from {SHIM} import WebSocketManager\n") == [
        ("SSOT001", 1, 40, f"{SHIM}.WebSocketManager", f"{NEW}.{UWM}", True),
    ]
    assert check_file.last[0]["fix_title"] == f"Import `{UWM}` from `{NEW}` and rename `WebSocketManager` to it"
    assert check_file.last[0]["message"] == f"`{SHIM}.WebSocketManager` is deprecated; use `{NEW}.{UWM}`"


def test_a_renamed_name_whose_new_name_is_taken_keeps_its_local_name_and_says_why(check_file) -> None:
    check_file(f"from {SHIM} import WebSocketManager\n{UWM} = 1\n")
    assert check_file.last[0]["fix_title"] == (
        f"Import `{UWM}` from `{NEW}` as `WebSocketManager` (`{UWM}` is bound on line 2)"
    )
    assert check_file.last[0]["message"] == f"`{SHIM}.WebSocketManager` is deprecated; use `{NEW}.{UWM}`"


def test_relative_import_from_the_package_is_resolved(check_file) -> None:
    assert check_file("from .websocket_core.manager import UserExecutionContext\n") == [
        ("SSOT001", 1, 37, f"{SHIM}.UserExecutionContext", f"{NEW}.UserExecutionContext", True),
    ]


def test_relative_import_two_levels_up_from_a_subpackage_is_resolved(check_file) -> None:
    found = check_file(
        "from ..websocket_core.manager import UserExecutionContext\n",
        path="app/services/consumer.py",
        extra={"app/services/__init__.py": ""},
    )
    assert found == [("SSOT001", 1, 38, f"{SHIM}.UserExecutionContext", f"{NEW}.UserExecutionContext", True)]


def test_import_of_a_dotted_deprecated_module(check_file) -> None:
    assert check_file(f"import {OLD}\n") == [("SSOT001", 1, 8, OLD, NEW, True)]
    assert check_file.last[0]["message"] == f"`{OLD}` is deprecated; use `{NEW}`"


def test_import_module_as_alias_then_instantiate_through_the_alias(check_file) -> None:
    assert check_file(f"import {OLD} as m\n\nm.{UWM}()\n") == [
        ("SSOT001", 1, 8, OLD, NEW, True),
        ("SSOT003", 3, 1, f"{OLD}.{UWM}", FACTORY, False),
    ]


def test_from_package_import_a_deprecated_submodule(check_file) -> None:
    assert check_file(f"from {WS} import unified_manager\n") == [("SSOT001", 1, 32, OLD, NEW, True)]


def test_star_import_that_can_move(check_file) -> None:
    assert check_file(f"from {OLD} import *\n") == [("SSOT001", 1, 48, f"{OLD}.*", f"{NEW}.*", True)]


def test_star_import_is_not_fixable_when_the_canonical_module_lacks_names(check_file) -> None:
    assert check_file(f"from {SHIM} import *\n") == [("SSOT001", 1, 40, f"{SHIM}.*", f"{NEW}.*", False)]
    assert reason(check_file) == f"canonical module `{NEW}` lacks `WebSocketManager`"


def test_import_inside_a_function(check_file) -> None:
    code = f"def build():\n    from {OLD} import {UWM}\n    return {UWM}()\n"
    assert check_file(code) == [
        ("SSOT001", 2, 52, f"{OLD}.{UWM}", f"{NEW}.{UWM}", True),
        ("SSOT003", 3, 12, f"{OLD}.{UWM}", FACTORY, False),
    ]


def test_import_inside_a_class_body(check_file) -> None:
    assert check_file(f"class Holder:\n    from {OLD} import {UWM}\n") == [
        ("SSOT001", 2, 52, f"{OLD}.{UWM}", f"{NEW}.{UWM}", True),
    ]


def test_import_in_try_except_import_error_with_none_fallback_still_counts_as_instantiation(check_file) -> None:
    code = f"try:\n    from {OLD} import {UWM}\nexcept ImportError:\n    {UWM} = None\n\n{UWM}()\n"
    assert check_file(code) == [
        ("SSOT001", 2, 52, f"{OLD}.{UWM}", f"{NEW}.{UWM}", True),
        ("SSOT003", 6, 1, f"{OLD}.{UWM}", FACTORY, False),
    ]


def test_import_under_type_checking(check_file) -> None:
    code = f"from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from {OLD} import {UWM}\n"
    assert check_file(code) == [("SSOT001", 4, 52, f"{OLD}.{UWM}", f"{NEW}.{UWM}", True)]


# --- instantiation through names -------------------------------------------------------------


def test_a_module_level_alias_of_the_class_is_still_the_class(check_file) -> None:
    assert check_file(f"from {NEW} import {UWM}\n\nMgr = {UWM}\nMgr()\n") == [
        ("SSOT003", 4, 1, f"{NEW}.{UWM}", FACTORY, False),
    ]
    assert check_file.last[0]["message"] == (
        f"`{UWM}` created directly bypasses the per-user factory; use `{FACTORY}(...)`"
    )


def test_a_local_class_of_the_same_name_shadows_the_import(check_file) -> None:
    code = f"from {NEW} import {UWM}\n\n\ndef build():\n    class {UWM}:\n        pass\n\n    return {UWM}()\n"
    found = check_file(code)
    assert [f for f in found if f[0] == "SSOT003"] == []
    assert found == [("SSOT005", 5, 11, f"app.consumer.{UWM}", f"{NEW}.{UWM}", False)]


def test_a_parameter_of_the_same_name_shadows_the_import(check_file) -> None:
    code = f"from {NEW} import {UWM}\n\n\ndef build({UWM}):\n    return {UWM}()\n"
    assert check_file(code) == []


def test_attribute_chain_after_importing_the_dotted_module(check_file) -> None:
    code = f"import {SHIM}\n\n{SHIM}.WebSocketManager(context=None)\n"
    assert check_file(code) == [
        ("SSOT001", 1, 8, SHIM, NEW, True),
        ("SSOT003", 3, 1, f"{SHIM}.WebSocketManager", FACTORY, False),
    ]


# --- fixability -------------------------------------------------------------------------------


def test_a_name_the_canonical_module_lacks_is_not_fixable(check_file) -> None:
    sources = {"app/websocket_core/unified_manager.py": DEFAULT_SOURCES["app/websocket_core/unified_manager.py"] + "\n\nclass Extra:\n    pass\n"}
    assert check_file(f"from {OLD} import Extra\n", extra=sources) == [
        ("SSOT001", 1, 48, f"{OLD}.Extra", f"{NEW}.Extra", False),
    ]
    assert "has no" in reason(check_file)
    assert reason(check_file) == (
        f"canonical module `{NEW}` has no `Extra` (`fix --extend-canonical` re-exports it there from `{OLD}`)"
    )


def test_an_import_that_was_already_broken_is_not_fixable(check_file) -> None:
    assert check_file(f"from {OLD} import Missing\n") == [
        ("SSOT001", 1, 48, f"{OLD}.Missing", f"{NEW}.Missing", False),
    ]
    assert reason(check_file) == f"already broken: `{OLD}` has no `Missing`"


# --- what is not a finding --------------------------------------------------------------------


def test_the_contracts_own_modules_are_exempt(project, run_check) -> None:
    code, document = run_check(project())
    assert (code, document["findings"], document["errors"]) == (0, [], [])
    assert document["summary"]["files_scanned"] == len(DEFAULT_SOURCES)


def test_a_module_matching_allowed_in_may_instantiate(check_file) -> None:
    code = f"from {NEW} import {UWM}\n\nmanager = {UWM}()\n"
    assert check_file(code, path="app/websocket_core/handlers.py") == []
    assert check_file(code, path="app/handlers.py") == [("SSOT003", 3, 11, f"{NEW}.{UWM}", FACTORY, False)]


def test_names_in_comments_docstrings_strings_and_other_modules_are_not_findings(check_file) -> None:
    code = (
        f'"""Moved from {SHIM}: from {SHIM} import WebSocketManager."""\n'
        f"# from {SHIM} import WebSocketManager\n"
        f'LOG = "{SHIM}.WebSocketManager is gone"\n'
        f'print("{OLD} is gone")\n'
        f"from app.other.manager import {UWM}\n"
        f"{UWM}()\n"
    )
    extra = {"app/other/__init__.py": "", "app/other/manager.py": f"class {UWM}:\n    pass\n"}
    assert check_file(code, extra=extra) == []


def test_a_file_with_pep_701_f_strings_still_parses_and_reports(check_file) -> None:
    code = f'from {OLD} import {UWM}\n\nrow = {{"k": 1}}\ntext = f"{{row["k"]}}"\n'
    assert check_file(code) == [("SSOT001", 1, 48, f"{OLD}.{UWM}", f"{NEW}.{UWM}", True)]


def test_columns_count_characters_not_bytes(check_file) -> None:
    code = f'x = "é漢字"; from {OLD} import {UWM}\n'
    prefix = f'x = "é漢字"; from {OLD} import '
    assert check_file(code) == [("SSOT001", 1, len(prefix) + 1, f"{OLD}.{UWM}", f"{NEW}.{UWM}", True)]
    assert check_file.last[0]["end_column"] == len(prefix) + len(UWM) + 1


def test_a_relative_import_beyond_the_top_level_package_is_not_resolved(check_file) -> None:
    # Python raises "attempted relative import beyond top-level package" for this line
    assert check_file(f"from ..app.websocket_core.unified_manager import {UWM}\n") == []
