"""The re-export map: what one module's top level binds (read from as little as can matter), which
bindings are kept, and that the scan reads only what can matter."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ssot_lint.project import reexport_scan, toplevel
from ssot_lint.project.contract import Contract, ContractIndex
from ssot_lint.project.modules import ModuleName
from ssot_lint.project.reexports import ModuleLinks, build
from ssot_lint.project.toplevel import links_of

NEEDLES = re.compile(rb"(?<![A-Za-z0-9_])(?:Manager|M2)(?![A-Za-z0-9_])")
HERE = ModuleName("pkg.mod", False)


def test_imports_aliases_and_all_are_read_and_the_first_binding_wins() -> None:
    source = (
        b'"""Doc.\n\nfrom elsewhere import Manager as Fake\n"""\n'
        b"import pkg.canon as canon\n"
        b"try:\n    from pkg.canon import Manager\nexcept ImportError:\n    Manager = None\n"
        b"M2 = canon.Manager\n"
        b"from . import sibling\n"
        b"from .other import *\n"
        b"__all__ = ['Manager']\n__all__ += ['M2']\n"
        b"class Test:\n    def test(self):\n        from pkg.legacy import Manager as Inner\n"
    )
    links = links_of(source, HERE, NEEDLES)
    assert links == ModuleLinks(
        "pkg.mod",
        (("M2", "pkg.canon.Manager"), ("Manager", "pkg.canon.Manager"), ("canon", "pkg.canon"), ("sibling", "pkg.sibling")),
        ("Test",),  # the docstring's column-0 import made the cut untrustworthy: the whole file was read
        ("pkg.other",),
        ("Manager", "M2"),
    )


def test_a_definition_whose_header_spells_a_needle_is_a_definition_without_parsing_its_body() -> None:
    source = b"import os\n\n\n@decorate\nclass Manager(Base):\n    x = (\n" + b"1,\n" * 3 + b")\n"
    assert links_of(source, HERE, NEEDLES) == ModuleLinks("pkg.mod", (("os", "os"),), ("Manager",), (), None)


def test_statements_cut_wrongly_fall_back_to_the_whole_file() -> None:
    source = b'x = """\nM2 = (\n"""\nfrom pkg.canon import Manager\n'
    assert links_of(source, HERE, NEEDLES) == ModuleLinks("pkg.mod", (("Manager", "pkg.canon.Manager"),), ("x",), (), None)


def test_a_file_that_does_not_parse_gives_nothing() -> None:
    assert links_of(b"from pkg.canon import (Manager\n", HERE, NEEDLES) is None


def known(path: str) -> int:
    return 2 if path == "pkg.canon.Manager" or path.startswith("pkg.canon.Manager.") else int(path == "pkg.canon")


def test_stars_of_stars_cycles_and_unreached_bindings() -> None:
    modules = [
        ModuleLinks("pkg.a", (("M2", "pkg.canon.Manager"),)),
        ModuleLinks("pkg.b", stars=("pkg.a",)),
        ModuleLinks("pkg.c", stars=("pkg.b",), all_names=("M2",)),
        ModuleLinks("pkg.x", (("Ghost", "pkg.y.Ghost"),)),
        ModuleLinks("pkg.y", (("Ghost", "pkg.x.Ghost"),)),
        ModuleLinks("pkg.user", (("Manager", "pkg.canon.Manager"),)),
    ]
    reached = {"pkg.a.M2", "pkg.b.M2", "pkg.c.M2", "pkg.x.Ghost"}.__contains__
    reexports, leading = build(modules, known, reached)
    assert reexports.links == {"pkg.a.M2": "pkg.canon.Manager", "pkg.b.M2": "pkg.a.M2", "pkg.c.M2": "pkg.b.M2"}
    assert reexports.names == ("M2",)
    assert leading == {"M2", "Manager"}


def test_identity_follows_links_and_path_moves_stop_at_canonical_modules() -> None:
    contract = Contract("c", canonical="pkg.canon", deprecated=("pkg.old",), factory_only=("pkg.canon.Manager",))
    modules = [
        ModuleLinks("pkg.canon", (("Manager", "pkg.impl.Manager"),)),
        ModuleLinks("pkg.impl", defined=("Manager",)),
        ModuleLinks("pkg.shim", (("Legacy", "pkg.old.Manager"), ("Manager", "pkg.canon.Manager"))),
    ]
    known = reexport_scan.known_from([contract])
    index = ContractIndex.build((contract,), build(modules, known)[0])
    assert index.identity("pkg.shim.Manager") == "pkg.impl.Manager"
    assert index.factory_only("pkg.impl.Manager") is contract
    assert index.move("pkg.shim.Manager") is None  # reaches the canonical module: nothing moves
    move = index.move("pkg.shim.Legacy.attr")
    assert move is not None and (move.old, move.new, move.via, move.denotes) == (
        "pkg.shim.Legacy", "pkg.canon.Manager.attr", ("pkg.shim",), "pkg.old.Manager",
    )
    assert (move.target_module, move.target_name, move.whole_module) == ("pkg.canon", "Manager", False)
    assert index.move("pkg.shim.Legacy", follow=False) is None


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files = {
        "pkg/__init__.py": "",
        "pkg/canon.py": "class Manager:\n    pass\n",
        "pkg/reexp.py": "from pkg.canon import Manager as M2\n",
        "pkg/deep.py": "from pkg.reexp import M2 as M3\n",
        "pkg/user.py": "from pkg.deep import M3\n\n\ndef use():\n    return M3()\n",
        **{f"pkg/unrelated{i}.py": f"import os\n\n\ndef f{i}():\n    return os.sep\n" for i in range(20)},
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
        os.utime(tmp_path / name, ns=(10**18, 10**18))  # long ago: a stamp the cache may trust
    return tmp_path


def test_the_scan_parses_only_files_that_can_matter_and_a_warm_scan_reads_none(tree: Path, monkeypatch) -> None:
    contract = Contract("c", canonical="pkg.canon", factory_only=("pkg.canon.Manager",))
    parsed: list[str] = []
    real = reexport_scan.links_of

    def spy(source: bytes, module: ModuleName, pattern: re.Pattern[bytes] | None):  # type: ignore[no-untyped-def]
        parsed.append(module.name)
        return real(source, module, pattern)

    monkeypatch.setattr(reexport_scan, "links_of", spy)
    files = sorted(tree.rglob("*.py"))
    cold = reexport_scan.scan(files, (tree,), (contract,), tree / ".cache")
    assert sorted(set(parsed)) == ["pkg.canon", "pkg.deep", "pkg.reexp", "pkg.user"]
    assert cold.links == {"pkg.deep.M3": "pkg.reexp.M2", "pkg.reexp.M2": "pkg.canon.Manager"}
    assert cold.names == ("M2", "M3")
    reads: list[str] = []
    monkeypatch.setattr(reexport_scan, "read_regular", lambda path, limit=None: reads.append(path))  # type: ignore[func-returns-value]
    assert reexport_scan.scan(files, (tree,), (contract,), tree / ".cache") == cold
    assert reads == []


def test_a_damaged_scan_cache_is_a_miss(tree: Path) -> None:
    contract = Contract("c", canonical="pkg.canon", factory_only=("pkg.canon.Manager",))
    files = sorted(tree.rglob("*.py"))
    cold = reexport_scan.scan(files, (tree,), (contract,), tree / ".cache")
    (cache,) = (tree / ".cache").glob("reexports-*.json")
    for garbage in ('{"format": 1, "files": {"x": 1}}', "[]", "{", '{"format": 1, "files": []}'):
        cache.write_text(garbage)
        assert reexport_scan.scan(files, (tree,), (contract,), tree / ".cache") == cold
    text = cache.read_text().replace('"pkg.reexp.M2"', "7")
    cache.write_text(text)
    assert reexport_scan.scan(files, (tree,), (contract,), tree / ".cache") == cold


def test_toplevel_module_has_no_io() -> None:
    assert "open(" not in Path(toplevel.__file__).read_text()


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_a_module_reads_the_same_whatever_its_line_endings(newline: bytes) -> None:
    """Python ends a line at a lone `\\r` too: a CR-only module's statements start there."""
    lines = [b"def helper():", b"    return 1", b"from pkg.canon import Manager as M2", b"import os"]
    source = newline.join(lines) + newline
    assert links_of(source, HERE, NEEDLES) == ModuleLinks("pkg.mod", (("M2", "pkg.canon.Manager"), ("os", "os")), (), (), None)
