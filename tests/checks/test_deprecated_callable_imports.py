"""Importing a deprecated callable (issue 14, section 5): a finding through any path, naming the
replacement; with --unsafe-fixes the import moves together with every call, or neither moves."""

from __future__ import annotations

from pathlib import Path

from ssot_lint import app
from ssot_lint.reporters.json import to_document

FACTORY = "app.websocket_core.websocket_manager_factory"


def _check(root: Path, unsafe: bool) -> list[tuple[str, int, bool, str | None]]:
    options = app.RunOptions(cwd=root, paths=(root / "app/consumer.py",), jobs=1, unsafe_fixes=unsafe)
    document = to_document(app.check(options))
    return [(f["code"], f["line"], f["fixable"], f["unfixable_reason"]) for f in document["findings"]]


def test_a_deprecated_callable_imported_through_a_package_names_its_replacement(project) -> None:
    root = project({
        "app/websocket_core/__init__.py": f"from {FACTORY} import get_websocket_manager_factory  # noqa: SSOT001\n",
        "app/consumer.py": "from app.websocket_core import get_websocket_manager_factory\n",
    })
    document = to_document(app.check(app.RunOptions(cwd=root, paths=(root / "app/consumer.py",), jobs=1)))
    [finding] = document["findings"]
    assert (finding["code"], finding["symbol"]) == ("SSOT001", "app.websocket_core.get_websocket_manager_factory")
    assert finding["message"] == (
        "`get_websocket_manager_factory` is `" + FACTORY + ".get_websocket_manager_factory` (re-exported by "
        "`app.websocket_core`), which is a deprecated callable; call `app.websocket_core.websocket_manager."
        "get_websocket_manager` instead (another function, not a path move: review each call)"
    )


def test_an_import_also_used_other_than_by_calls_moves_with_none_of_them(project) -> None:
    source = f"from {FACTORY} import get_websocket_manager_factory as gf\n\nKEEP = gf\n\n\ndef f():\n    return gf()\n"
    root = project({"app/consumer.py": source})
    reason = "`gf` is also used other than by a call"
    assert [(c, line, fixable) for c, line, fixable, _ in _check(root, unsafe=True)] == [
        ("SSOT001", 1, False), ("SSOT004", 7, False),
    ]
    assert all(why.startswith(reason) for *_, why in _check(root, unsafe=True))
    report = app.fix(app.RunOptions(cwd=root, paths=(root / "app/consumer.py",), jobs=1, unsafe_fixes=True))
    assert report.changes == () or not report.changes
    assert (root / "app/consumer.py").read_text() == source
    only_calls = source.replace("KEEP = gf\n", "KEEP = None\n")
    (root / "app/consumer.py").write_text(only_calls)
    app.fix(app.RunOptions(cwd=root, paths=(root / "app/consumer.py",), jobs=1, unsafe_fixes=True))
    assert (root / "app/consumer.py").read_text() == (
        "from app.websocket_core.websocket_manager import get_websocket_manager\n\n"
        "KEEP = None\n\n\ndef f():\n    return get_websocket_manager()\n"
    )
