"""`init` on generated trees shaped like Airflow 2.1 (issue 11, item 5), whose history the generator
knows, so it knows the contract a maintainer would write:

- each provider defines an operator in `proj/providers/pN/opsN.py`, maybe re-exported by its
  package (`__all__`) and by `proj/__init__.py` (`__all__`): the canonical path is the shortest
  public re-export, else the definition -- not the path most files use;
- old paths are shim chains (`proj.operators.pN_operator` -> `proj.contrib.operators.pN_operator`),
  warning or silent, with an old alias, imported through or by nobody: each is deprecated;
- a live module (`proj.utils.helpersN`) imports the operator and defines functions and classes of
  its own; one function warns `DeprecationWarning` (a deprecated call only when the warning or
  docstring names a replacement that exists), so does one class's constructor (then a rename),
  another class has one deprecated method (nothing); the module itself is never deprecated;
- `--prefer-most-used` makes the path most files import from canonical instead;
- each entry carries its evidence (the shim's line, the warning's text) in the comment above it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: what the deprecated helper's warning says: names a replacement that exists, one that does not,
#: none at all, or (in the docstring) one that exists.
WARNINGS = ("replacement", "missing", "warning-only", "docstring")


@dataclass(frozen=True)
class Provider:
    i: int
    facade: bool  # proj/providers/pN/__init__.py re-exports OpN in `__all__`
    top: bool  # proj/__init__.py re-exports OpN in `__all__`
    links: int  # 0, 1 or 2 shims on the chain of old paths
    warns: bool  # the first shim calls itself deprecated
    alias: bool  # the second shim also binds OldOpN = OpN
    helper: str  # one of WARNINGS
    users: tuple[int, ...]  # files importing OpN from: definition, facade, top, link 1, link 2

    @property
    def definition(self) -> str:
        return f"proj.providers.p{self.i}.ops{self.i}"

    @property
    def chain(self) -> list[str]:
        return [f"proj.operators.p{self.i}_operator", f"proj.contrib.operators.p{self.i}_operator"][: self.links]

    def paths(self) -> list[tuple[str, int, int]]:
        """(module, user files, depth) of every path to OpN that exists."""
        modules = [self.definition, f"proj.providers.p{self.i}" if self.facade else None,
                   "proj" if self.top else None, *self.chain]
        depths = [0, 1, 1, 1, 2]
        return [(m, n, d) for m, n, d in zip(modules, self.users, depths) if m is not None]

    def importers(self, module: str, users: int) -> int:
        """Files importing OpN from `module`: the DAGs, and the modules of the tree itself (the
        helper, the facades and the first shim import it from its definition, the second shim
        from the first)."""
        if module == self.definition:
            return users + 1 + self.facade + self.top + (self.links > 0)
        return users + (self.links == 2 and module == self.chain[0])

    def canonical(self, most_used: bool) -> str:
        if most_used:
            return min(self.paths(), key=lambda p: (-self.importers(p[0], p[1]), p[0] != self.definition, p[2],
                                                    p[0]))[0]
        return "proj" if self.top else f"proj.providers.p{self.i}" if self.facade else self.definition


providers = st.lists(
    st.builds(
        Provider, st.just(0), st.booleans(), st.booleans(), st.integers(0, 2), st.booleans(), st.booleans(),
        st.sampled_from(WARNINGS), st.tuples(*[st.integers(0, 3)] * 5),
    ),
    min_size=1, max_size=3,
).map(lambda found: [Provider(i, *list(vars(p).values())[1:]) for i, p in enumerate(found)])


def _file(module: str, package: bool = False) -> str:
    return module.replace(".", "/") + ("/__init__.py" if package else ".py")


def _helper_text(p: Provider) -> str:
    says = {
        "replacement": f"This function is deprecated. Please use `proj.models.base{p.i}.run`.",
        "missing": f"This function is deprecated. Please use `proj.models.base{p.i}.gone`.",
        "warning-only": "old_run is deprecated and will be removed.",
        "docstring": "old_run is deprecated.",
    }[p.helper]
    doc = f"This function is deprecated: use :func:`proj.models.base{p.i}.run`." if p.helper == "docstring" else "Run."
    old_class = says.replace("function", "class").replace(".run`", ".Runner`").replace(".gone`", ".Gone`").replace(
        "old_run", "OldRunner")
    class_doc = doc.replace("function", "class").replace(":func:", ":class:").replace(".run`", ".Runner`")
    return (f"import warnings\n\nfrom {p.definition} import Op{p.i}\n\n\n"
            f'def old_run(*tasks):\n    """{doc}"""\n'
            f'    warnings.warn("{says}", DeprecationWarning, stacklevel=2)\n    return tasks\n\n\n'
            "def parse(text):\n    return text.strip()\n\n\n"
            f'class OldRunner:\n    """{class_doc}"""\n\n    def __init__(self):\n'
            f'        warnings.warn("{old_class}", DeprecationWarning, stacklevel=2)\n\n\n'
            "class Worker:\n    def legacy(self):\n"
            f'        warnings.warn("This method is deprecated. Please use `proj.models.base{p.i}.Runner`.", '
            "DeprecationWarning)\n")


def tree(generated: list[Provider]) -> dict[str, str]:
    files = {"pyproject.toml": '[project]\nname = "proj"\n', "proj/providers/__init__.py": "",
             "proj/operators/__init__.py": "", "proj/contrib/__init__.py": "",
             "proj/contrib/operators/__init__.py": "", "proj/utils/__init__.py": "", "proj/models/__init__.py": ""}
    top = [p for p in generated if p.top]
    files["proj/__init__.py"] = "".join(f"from {p.definition} import Op{p.i}\n" for p in top) + (
        f"\n__all__ = {[f'Op{p.i}' for p in top]!r}\n" if top else "")
    for p in generated:
        op = f"Op{p.i}"
        files[_file(p.definition)] = f"class {op}:\n    pass\n"
        files[_file(f"proj.providers.p{p.i}", True)] = (
            f"from .ops{p.i} import {op}\n\n__all__ = ['{op}']\n" if p.facade else "")
        for n, module in enumerate(p.chain):
            source = p.definition if n == 0 else p.chain[0]
            text = f"from {source} import {op}  # noqa\n"
            if n == 0 and p.warns:
                text = (f'"""This module is deprecated. Please use `{p.canonical(False)}`."""\nimport warnings\n\n'
                        f'{text}\nwarnings.warn("This module is deprecated.", DeprecationWarning, stacklevel=2)\n')
            if n == 1 and p.alias:
                text += f"\nOld{op} = {op}\n"
            files[_file(module)] = text
        files[_file(f"proj.models.base{p.i}")] = "def run(*tasks):\n    return tasks\n\n\nclass Runner:\n    pass\n"
        files[_file(f"proj.utils.helpers{p.i}")] = _helper_text(p)
        for module, users, _ in p.paths():
            for k in range(users):
                files[f"dags/p{p.i}_{module.replace('.', '_')}_{k}.py"] = f"from {module} import {op}\n\n{op}()\n"
    return files


def _name(canonical: str, taken: set[str]) -> str:
    parts = canonical.split(".")
    name = next(("-".join(parts[-n:]).replace("_", "-") for n in range(1, len(parts) + 1)
                 if "-".join(parts[-n:]).replace("_", "-") not in taken), canonical)
    taken.add(name)
    return name


def by_hand(generated: list[Provider], most_used: bool) -> list[dict]:
    """The contracts a maintainer writes for this history."""
    groups: dict[str, dict] = {}
    for p in generated:
        if not p.chain:
            continue
        home = p.canonical(most_used)
        group = groups.setdefault(home, {"canonical": home, "deprecated": [], "renames": {}})
        group["deprecated"] += [m for m in p.chain if m != home]
        if p.alias and p.links == 2:
            group["renames"][f"{p.chain[1]}.OldOp{p.i}"] = f"{home}.Op{p.i}"
    calls = {p.i: {"canonical": f"proj.models.base{p.i}",
                   "deprecated-calls": {f"proj.utils.helpers{p.i}.old_run": f"proj.models.base{p.i}.run"},
                   "renames": {f"proj.utils.helpers{p.i}.OldRunner": f"proj.models.base{p.i}.Runner"}}
             for p in generated if p.helper in ("replacement", "docstring")}
    groups = {home: g for home, g in groups.items() if g["deprecated"] or g["renames"]}
    contracts = sorted(groups.values(), key=lambda c: (-len(c["deprecated"]), c["canonical"]))
    contracts += sorted(calls.values(), key=lambda c: c["canonical"])
    taken: set[str] = set()
    result = []
    for contract in contracts:
        named = {"name": _name(contract["canonical"], taken), "canonical": contract["canonical"]}
        named.update({k: (sorted(v) if isinstance(v, list) else dict(sorted(v.items())))
                      for k, v in contract.items() if k != "canonical" and v})
        result.append(named)
    return result


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _comment_above(text: str, entry: str) -> str:
    lines = text.splitlines()
    return lines[next(i for i, line in enumerate(lines) if line.strip().startswith(f'"{entry}"')) - 1].strip()


def _evidence(text: str, generated: list[Provider]) -> None:
    """The comment above each entry: the shim's file, line and source; the warning's text."""
    for p in generated:
        for n, module in enumerate(p.chain):
            if f'"{module}",' not in text:
                continue  # canonical itself (--prefer-most-used)
            line = 4 if n == 0 and p.warns else 1
            source = p.definition if n == 0 else p.chain[0]
            said = '; says "This module is deprecated."' if n == 0 and p.warns else ""
            assert _comment_above(text, module) == f"# {_file(module)}:{line}: only re-exports from {source}{said}"
        if p.helper in ("replacement", "docstring"):
            said = {"replacement": f'"This function is deprecated. Please use `proj.models.base{p.i}.run`."',
                    "docstring": '"old_run is deprecated."; its docstring says "This function is deprecated: '
                                 f'use :func:`proj.models.base{p.i}.run`."'}[p.helper]
            assert _comment_above(text, f"proj.utils.helpers{p.i}.old_run") == (
                f"# proj/utils/helpers{p.i}.py:6: warns {said}")
            said = said.replace("function", "class").replace(":func:", ":class:").replace(".run`", ".Runner`").replace(
                "old_run", "OldRunner")
            assert _comment_above(text, f"proj.utils.helpers{p.i}.OldRunner") == (
                f"# proj/utils/helpers{p.i}.py:16: warns {said}")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(providers, st.booleans())
def test_init_proposes_what_the_history_says(tmp_path_factory, run, generated: list[Provider], most_used: bool) -> None:
    root = _write(tmp_path_factory.mktemp("airflowish"), tree(generated))
    result = run(root, "init", "--dry-run", *(["--prefer-most-used"] if most_used else []))
    assert result.exit_code == 0, result.output
    expected = by_hand(generated, most_used)
    if not expected:
        assert "Nothing to propose" in result.stdout
        return
    assert tomllib.loads(result.stdout)["tool"]["ssot-lint"]["contract"] == expected
    _evidence(result.stdout, generated)
