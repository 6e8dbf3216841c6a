"""The verifier refuses a rewrite that binds a local name to anything but what it bound before,
whatever the rewrite code does (it once wrote `from x.y import c as foo` for
`from a.b.c.d import foo`, and everything else passed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssot_lint.app import RunOptions, fix
from ssot_lint.fix import imports
from ssot_lint.fix.rebinding import Rebinding, binding_changes, scope_bindings
from ssot_lint.project.modules import ModuleName

CONTRACT = '''
[[contract]]
name = "ab"
canonical = "x.y"
deprecated = ["a.b"]
'''
SOURCES = {
    "a/__init__.py": "", "a/b/__init__.py": "", "a/b/c/__init__.py": "",
    "a/b/c/d.py": "from x.y.c.d import foo\n",
    "x/__init__.py": "", "x/y/__init__.py": "", "x/y/c/__init__.py": "",
    "x/y/c/d.py": "def foo():\n    return 1\n",
}
USER = "from a.b.c.d import foo\n\nprint(foo())\n"


def _old_home(move, module, name):  # type: ignore[no-untyped-def]
    """The wrong answer the rewrite once gave: the first part below the moved package."""
    return move.target_module, move.target_name


def test_a_rewrite_binding_the_wrong_object_is_refused_and_the_file_left_intact(
    project, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project({"app/user.py": USER}, contract=CONTRACT, sources=SOURCES)
    monkeypatch.chdir(root)
    monkeypatch.setattr(imports, "from_import_home", _old_home)
    report = fix(RunOptions(paths=(Path("app/user.py"),), cwd=root, jobs=1), write=True)
    assert (root / "app/user.py").read_text() == USER
    assert report.changes == ()
    [error] = report.remaining.errors
    assert error.kind == "verify"
    assert "`foo` (x.y.c.d.foo -> x.y.c)" in error.message


def _bindings(code: str) -> tuple:
    def canonical(qualname: str) -> str:  # `old` moved to `new`
        return "new" + qualname[3:] if qualname == "old" or qualname.startswith("old.") else qualname

    found = scope_bindings(code.encode(), ModuleName("app.user", False), canonical)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("from old import X, Y\n", "from new import X, Y\n"),
        ("from old import X as A\n", "from new import X as A\n"),
        ("def f():\n    from old import X\n", "def f():\n    from new import X\n"),
        ("from old import *\n", "from new import *\n"),
        ("import old as m\n", "import new as m\n"),
    ],
)
def test_the_same_objects_under_the_same_names_pass(before: str, after: str) -> None:
    assert binding_changes(_bindings(before), _bindings(after), ()) is None


@pytest.mark.parametrize(
    ("before", "after", "named"),
    [
        ("from old import X as A, Y as B\n", "from new import Y as A, X as B\n", "`A` (new.X -> new.Y)"),
        ("from old import X\n", "from new import Y as X\n", "`X`"),
        ("def f():\n    from old import X\n", "def f():\n    from new import Y as X\n", "in a function"),
        ("from old import X\n", "from new import X as Z\n", "`X` (new.X -> unbound)"),
    ],
)
def test_another_object_or_another_name_is_named_in_the_refusal(before: str, after: str, named: str) -> None:
    assert named in (binding_changes(_bindings(before), _bindings(after), ()) or "")


def test_a_declared_rebinding_must_keep_its_target() -> None:
    before, after = _bindings("import old.sub\n"), _bindings("import new.sub\n")
    assert binding_changes(before, after, (Rebinding("old", "new", "new.sub"),)) is None
    assert binding_changes(before, after, ()) is not None
    wrong = _bindings("import new.other\n")
    assert binding_changes(before, wrong, (Rebinding("old", "new", "new.sub"),)) is not None
