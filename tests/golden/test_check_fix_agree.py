"""`check` and `fix` never disagree (issue 15, section 1), on generated files holding every
import form, in every layout and with every kind of trivia:

- every finding `check` marks fixable is fixed by `fix`, which reports no error;
- every other finding is still there afterwards, and nothing fixable is left;
- `fix --diff` shows exactly the bytes `fix` then writes, and the result compiles.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ssot_lint.app import RunOptions, check, fix
from ssot_lint.checks.base import DEFAULT_CONTRACT, DEFAULT_SOURCES
from ssot_lint.fix import worker
from ssot_lint.fix.write import unified_diff

FILE = "app/consumer.py"
WS = "app.websocket_core"
EXTRA_CONTRACTS = '''
[[tool.ssot-lint.contract]]
name = "jobs"
canonical = "jobs"
deprecated = ["legacy.moves.jobs"]

[[tool.ssot-lint.contract]]
name = "package"
canonical = "x.y"
deprecated = ["a.b"]

[[tool.ssot-lint.contract]]
name = "solo"
canonical = "pkgz.solo"
deprecated = ["solo"]
'''
EXTRA_SOURCES = {
    "jobs.py": "Job = 1\n",
    "legacy/__init__.py": "",
    "legacy/moves/__init__.py": "",
    "legacy/moves/jobs.py": "from jobs import *\n",
    "a/__init__.py": "", "a/b/__init__.py": "", "a/b/c/__init__.py": "",
    "a/b/c/d.py": "from x.y.c.d import foo\nbar = 2\n",
    "a/b/c/e.py": "baz = 3\n",
    "x/__init__.py": "", "x/y/__init__.py": "", "x/y/c/__init__.py": "",
    "x/y/c/d.py": "def foo():\n    return 1\n",
    "solo.py": "from pkgz.solo import *\n",
    "pkgz/__init__.py": "", "pkgz/solo.py": "thing = 4\n",
}
#: module -> names a `from` import may take from it (some the new home lacks: not fixable).
FROM_NAMES = {
    f"{WS}.unified_manager": ["UnifiedWebSocketManager", "UserExecutionContext", "Missing"],
    f"{WS}.manager": ["WebSocketManager", "UnifiedWebSocketManager", "get_websocket_manager"],
    f"{WS}.websocket_manager_factory": ["get_websocket_manager", "create_websocket_manager"],
    f"{WS}.websocket_manager": ["UnifiedWebSocketManager"],
    "app.websocket_core": ["manager", "unified_manager"],
    "legacy.moves": ["jobs"],
    "a.b.c.d": ["foo", "bar"],
    "a.b.c": ["d", "e"],
    "a.b": ["c"],
}
#: module -> an attribute read through a plain import of it.
PLAIN = {
    f"{WS}.unified_manager": "UnifiedWebSocketManager",
    f"{WS}.manager": "WebSocketManager",
    "legacy.moves.jobs": "Job",
    "a.b.c.d": "foo",
    "solo": "thing",
}

AGREE_SETTINGS = settings(max_examples=int(os.environ.get("AGREE_EXAMPLES", "200")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def agree_project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        body = DEFAULT_CONTRACT.replace("[[contract]]", "[[tool.ssot-lint.contract]]")
        (root / "pyproject.toml").write_text(f'[tool.ssot-lint]\nsrc = ["."]\n\n{body}{EXTRA_CONTRACTS}')
        for relative, text in {**DEFAULT_SOURCES, **EXTRA_SOURCES}.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text)
        previous = Path.cwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(previous)


# --- generated sources ---------------------------------------------------------------------------

@st.composite
def from_import(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """(lines, bound names) of a `from` import in one of its layouts, with trivia."""
    module = draw(st.sampled_from(sorted(FROM_NAMES)))
    names = draw(st.lists(st.sampled_from(FROM_NAMES[module]), min_size=1, max_size=3, unique=True))
    aliased = [f"{n} as {n}_alias" if draw(st.booleans()) and draw(st.booleans()) else n for n in names]
    bound = [a.split(" as ")[-1] for a in aliased]
    if module.startswith("app.") and draw(st.booleans()):
        module = "." + module.removeprefix("app.")  # relative, from app/consumer.py
    space = draw(st.sampled_from(["", " ", "  ", "\t"]))  # trailing whitespace after names
    layout = draw(st.sampled_from(["flat", "parens", "parens", "one-line-parens", "backslash"]))
    if layout == "flat":
        return [f"from {module} import {', '.join(aliased)}{space}"], bound
    if layout == "one-line-parens":
        return [f"from {module} import ({', '.join(aliased)}{space})"], bound
    if layout == "backslash":
        return [f"from {module} import {aliased[0]}" + "".join(f", \\\n    {a}" for a in aliased[1:])], bound
    trailing = draw(st.booleans())
    comment = draw(st.sampled_from(["", "", "  # why"]))
    lines = [f"from {module} import ("]
    for i, alias in enumerate(aliased):
        comma = "," if i < len(aliased) - 1 or trailing else ""
        lines.append(f"    {alias}{comma}{space}{comment if comma else ''}")
    return lines + [")"], bound


@st.composite
def plain_import(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    module = draw(st.sampled_from(sorted(PLAIN)))
    if draw(st.booleans()):
        return [f"import {module} as mod", f"USE_A = mod.{PLAIN[module]}"], ["mod", "USE_A"]
    return [f"import {module}", f"USE_B = {module}.{PLAIN[module]}"], [module.split(".")[0], "USE_B"]


@st.composite
def placed(draw: st.DrawFn) -> list[str]:
    """One import placed somewhere: a block, or a one-line compound statement."""
    lines, bound = draw(st.one_of(from_import(), from_import(), plain_import()))
    single = len(lines) == 1 or lines[0].endswith("(")  # a statement a one-liner can hold
    first, rest = lines[0], lines[1:]
    places = ["top", "top", "def", "try", "type-checking", "class"]
    if single:
        places += ["if-one-line", "semicolon-after", "semicolon-before", "def-one-line", "while-one-line"]
    place = draw(st.sampled_from(places))
    indented = ["    " + line for line in lines]
    uses = ", ".join(bound)
    one_line = {
        "if-one-line": [f"if True: {first}", *rest],
        "semicolon-after": [f"{first}; FLAG = 1", *rest] if not rest else None,
        "semicolon-before": [f"import os; {first}", *rest],
        "def-one-line": [f"def one(): {first}; return None", *rest] if not rest else None,
        "while-one-line": [f"while False: {first}", *rest],
    }
    if place in one_line and one_line[place] is not None:
        return one_line[place]  # type: ignore[return-value]
    if place == "def":
        return ["def load():", *indented, f"    return ({uses},)", ""]
    if place == "try":
        return ["try:", *indented, "except ImportError:", *[f"    {n} = None" for n in bound]]
    if place == "type-checking":
        return ["from typing import TYPE_CHECKING", "if TYPE_CHECKING:", *indented]
    if place == "class":
        return ["class Holder:", *indented, ""]
    return lines


@st.composite
def source(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(placed(), min_size=1, max_size=4))
    gaps = st.sampled_from(["", "", "\n", "# between\n", "x = 1  \n"])
    text = "".join("\n".join(block) + "\n" + draw(gaps) for block in blocks)
    if draw(st.booleans()):
        text = text.rstrip("\n")  # no last newline
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n")
    return text


# --- the property ------------------------------------------------------------------------------

def _options(root: Path) -> RunOptions:
    return RunOptions(paths=(Path(FILE),), cwd=root, jobs=1)


def _keys(findings: object) -> Counter[tuple[str, str]]:
    return Counter((f.code, f.symbol) for f in findings)  # type: ignore[attr-defined]


@AGREE_SETTINGS
@given(text=source(), skeleton=st.booleans())
# found by hypothesis: `from legacy.moves import jobs` binds the very module `import jobs` would
@example(text="from legacy.moves import jobs\r\nimport legacy.moves.jobs\r\nUSE_B = legacy.moves.jobs.Job\r\n", skeleton=False)
@example(text="from a.b import c\nfrom legacy.moves import jobs\n"
              "import legacy.moves.jobs\nUSE_B = legacy.moves.jobs.Job\n", skeleton=True)
def test_fix_does_exactly_what_check_predicts(agree_project: Path, text: str, skeleton: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    root = agree_project
    monkeypatch.setattr(worker, "SPARSE_FIX_BYTES", 0 if skeleton else 10**12)
    target = root / FILE
    target.write_bytes(text.encode())
    before = check(_options(root))
    assert before.errors == ()
    fixable = [f for f in before.findings if f.fixable and not f.unsafe]
    unfixable = [f for f in before.findings if not (f.fixable and not f.unsafe)]

    preview = fix(_options(root), write=False)
    assert [e.describe() for e in preview.remaining.errors] == []
    assert target.read_bytes() == text.encode()
    assert preview.fixed_count == len(fixable)

    written = fix(_options(root), write=True)
    assert [e.describe() for e in written.remaining.errors] == []
    new = target.read_bytes()
    shown = "".join(c.diff for c in preview.changes)
    assert shown == (unified_diff(text, new.decode(), FILE) if new != text.encode() else "")
    compile(new, FILE, "exec", dont_inherit=True)
    after = check(_options(root))
    assert [f for f in after.findings if f.fixable and not f.unsafe] == []
    assert _keys(after.findings) == _keys(unfixable)
