"""Where a contract sends a name: a package deprecated in favour of its own submodule, cycles
as config errors naming every entry, and (hypothesis) every lookup and every check terminating."""

from __future__ import annotations

import itertools
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssot_lint.project.config import ConfigError, load
from ssot_lint.project.contract import Contract, ContractIndex, route_table



@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Turn a hang into a failure (the bug this file guards against never returned)."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


SUBMODULE_CANONICAL = '''
[[contract]]
name = "x"
canonical = "pkg.sub.inner"
deprecated = ["pkg.sub"]
factory-only = ["pkg.sub.inner.A"]
'''
SUBMODULE_SOURCES = {
    "pkg/__init__.py": "",
    "pkg/sub/__init__.py": "from .inner import A\n",
    "pkg/sub/inner.py": "class A:\n    pass\n",
    "pkg/sub/other.py": "B = 1\n",
}


def test_a_package_deprecated_for_its_own_submodule(project, run_check) -> None:
    root = project(
        {"user.py": "from pkg.sub import A\nA()\n", "good.py": "from pkg.sub.inner import A\n",
         "sibling.py": "from pkg.sub.other import B\n"},
        contract=SUBMODULE_CANONICAL, sources=SUBMODULE_SOURCES,
    )
    with _deadline(30):
        code, document = run_check(root)
    assert code == 1
    found = sorted((f["path"], f["code"], f["message"]) for f in document["findings"])
    assert found == [
        ("sibling.py", "SSOT001", "`pkg.sub` is deprecated; import `B` from `pkg.sub.inner.other`"),
        ("user.py", "SSOT001", "`pkg.sub` is deprecated; import `A` from `pkg.sub.inner`"),
        ("user.py", "SSOT003", "`A` created directly bypasses the per-user factory"),
    ]


def test_lookups_inside_the_canonical_submodule_stay() -> None:
    index = ContractIndex.build((Contract("x", "pkg.sub.inner", ("pkg.sub",)),))
    assert index.canonicalize("pkg.sub.A") == "pkg.sub.inner.A"
    assert index.canonicalize("pkg.sub.inner.A") == "pkg.sub.inner.A"
    assert index.move("pkg.sub.inner.A") is None
    assert index.move("pkg.sub.inner") is None
    assert index.factory_only("pkg.sub.A") is None and index.cycles == []


def test_moves_chain_through_a_rename_under_the_canonical_module() -> None:
    index = ContractIndex.build((Contract("one", "b", ("a",)), Contract("two", "c", (), (("b.X", "c.Y"),))))
    assert index.canonicalize("a.X") == "c.Y"
    assert index.canonicalize("a.X.attr") == "c.Y.attr"
    assert index.canonicalize("a.Other") == "b.Other"


CYCLE = '''
[tool.ssot-lint]
[[tool.ssot-lint.contract]]
name = "one"
canonical = "b"
deprecated = ["a"]

[[tool.ssot-lint.contract]]
name = "two"
canonical = "c"
renames = { "b.X" = "a.X" }
'''


def test_a_cycle_across_contracts_is_a_config_error_naming_both_entries(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(CYCLE, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load([tmp_path], cwd=tmp_path)
    (problem,) = raised.value.problems
    assert problem.key == "tool.ssot-lint.contract[0].deprecated"
    assert problem.message == "circular move: a -> b.X -> a"
    assert '`b.X` (tool.ssot-lint.contract[1].renames."b.X")' in problem.hint


# -- generated contracts ------------------------------------------------------------------

PARTS = ("a", "b", "c")
NAMES = [".".join(p) for n in (1, 2, 3) for p in itertools.product(PARTS, repeat=n)]
names = st.sampled_from(NAMES)
qualified = st.sampled_from([n for n in NAMES if "." in n])
contracts = st.lists(
    st.builds(
        lambda i, canonical, deprecated, renames: Contract(
            f"c{i}", canonical, tuple(dict.fromkeys(deprecated)), tuple(sorted(dict(renames).items()))
        ),
        st.integers(0, 99), names, st.lists(names, max_size=3), st.lists(st.tuples(qualified, qualified), max_size=3),
    ),
    min_size=1, max_size=3,
)


def _naive(index: ContractIndex, name: str, cap: int = 200) -> str | None:
    """Follow one move at a time, as the contract reads; None if still moving after `cap`."""
    for _ in range(cap):
        move = index.move(name)
        if move is None:
            return name
        name = move.new
    return None


@settings(max_examples=200, deadline=None)
@given(contracts)
def test_every_lookup_terminates_and_lands_where_the_moves_lead(generated: list[Contract]) -> None:
    with _deadline(20):
        index = ContractIndex.build(tuple(generated))
        cyclic = bool(route_table(tuple(generated)).cycles)
        for name in [*NAMES, *(f"{n}.Z" for n in NAMES)]:
            landed = index.canonicalize(name)
            if not cyclic:
                assert landed == _naive(index, name)
                assert index.move(landed) is None
    if cyclic:  # no false alarm: some configured entry really moves forever
        keys = {old for c in generated for old, _ in c.renames} | {m for c in generated for m in c.deprecated}
        assert any(_naive(index, key) is None for key in keys)


def _toml(contract: Contract) -> str:
    renames = ", ".join(f'"{old}" = "{new}"' for old, new in contract.renames)
    return (f'[[contract]]\nname = "{contract.name}"\ncanonical = "{contract.canonical}"\n'
            f'deprecated = {list(contract.deprecated)!r}\nrenames = {{ {renames} }}\n'
            f'factory-only = ["{contract.canonical}.K"]\n').replace("'", '"')


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contracts)
def test_a_check_over_a_generated_tree_finishes(project, run_check,
                                                generated: list[Contract]) -> None:
    named = [Contract(f"c{i}", c.canonical, c.deprecated, c.renames) for i, c in enumerate(generated)]
    modules = {n for n in NAMES if n.count(".") < 2}
    sources = {f"{m.replace('.', '/')}/__init__.py": "class K:\n    pass\n" for m in modules}
    users = {f"use_{i}.py": f"from {m} import K\nK()\nimport {m}\n{m}.K()\n" for i, m in enumerate(sorted(modules))}
    root = project(users, contract="\n".join(map(_toml, named)), sources=sources)
    with _deadline(60):
        try:
            code, document = run_check(root)
        except ConfigError:
            return  # a cyclic or otherwise invalid contract: refused up front, which is the point
    assert code in (0, 1)
    assert all(f["code"] != "SSOT000" for f in document["findings"])
