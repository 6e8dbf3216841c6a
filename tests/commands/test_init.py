"""`ssot-lint init`: the proposal on the reference app, and a byte-preserving write."""

from __future__ import annotations

import sys
from pathlib import Path

import tomlkit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORE = "app.websocket_core"


def _without_our_table(root: Path) -> str:
    """Delete the fixture's own [tool.ssot-lint] (keeping the rest) and return the new text."""
    path = root / "pyproject.toml"
    document = tomlkit.parse(path.read_text(encoding="utf-8"))
    del document["tool"]["ssot-lint"]
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def _fixture_contract(root: Path) -> dict:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ssot-lint"]["contract"][0]


def test_dry_run_proposes_the_fixtures_own_contract(reference_app: Path, run) -> None:
    own = _fixture_contract(reference_app)
    before = _without_our_table(reference_app)
    result = run(reference_app, "init", "--dry-run")
    assert result.exit_code == 0, result.output
    [proposed] = tomllib.loads(result.stdout)["tool"]["ssot-lint"]["contract"]
    assert proposed["canonical"] == own["canonical"] == f"{CORE}.websocket_manager"
    assert set(proposed["deprecated"]) == set(own["deprecated"])
    assert proposed["renames"] == own["renames"]
    assert proposed["deprecated-calls"] == own["deprecated-calls"]
    assert proposed["unique"] == own["unique"]
    assert proposed["name"] == own["name"]
    assert (reference_app / "pyproject.toml").read_text(encoding="utf-8") == before  # dry run


def test_prefer_most_used_makes_the_most_imported_path_canonical(tmp_path: Path, run) -> None:
    _write_shim_project(tmp_path, PYPROJECT)
    (tmp_path / "pkg/d.py").write_text("from pkg.impl import Engine\nEngine()\n", encoding="utf-8")
    (tmp_path / "pkg/api.py").write_text("from pkg.impl import Engine\n", encoding="utf-8")  # no `__all__`
    [default] = tomllib.loads(run(tmp_path, "init", "--dry-run").stdout)["tool"]["ssot-lint"]["contract"]
    assert (default["canonical"], default["deprecated"]) == ("pkg.impl", ["pkg.api", "pkg.old"])
    result = run(tmp_path, "init", "--dry-run", "--prefer-most-used")
    [most_used] = tomllib.loads(result.stdout)["tool"]["ssot-lint"]["contract"]
    assert most_used["canonical"] == "pkg.api"  # three files import it from there, one from pkg.impl
    assert most_used["deprecated"] == ["pkg.old"]


def test_written_contract_checks_like_the_fixtures(reference_app: Path, run) -> None:
    _without_our_table(reference_app)
    assert run(reference_app, "init").exit_code == 0
    result = run(reference_app, "check", "--select", "SSOT001,SSOT002,SSOT004,SSOT005", "--no-cache")
    assert result.exit_code == 1
    assert "25 findings" in result.stdout


PYPROJECT = '''# A project file full of other tools' settings and comments.
[build-system]
requires = ["hatchling"]  # keep this comment
build-backend = "hatchling.build"

[project]
name   =   "demo"     # odd spacing stays
dependencies = [
    "rich",   # trailing comma below
]

[tool.ruff]
line-length = 100
# a comment inside a tool table

[tool.mypy]
strict = true
'''


def _write_shim_project(root: Path, pyproject: str) -> None:
    files = {
        "pyproject.toml": pyproject,
        "pkg/__init__.py": "",
        "pkg/impl.py": "class Engine:\n    pass\n",
        "pkg/api.py": '"""Public API."""\nfrom pkg.impl import Engine\n\n__all__ = ["Engine"]\n',
        "pkg/old.py": "from pkg.api import Engine\nMotor = Engine\n",
        "pkg/a.py": "from pkg.api import Engine\nEngine()\n",
        "pkg/b.py": "from pkg.api import Engine\nEngine()\n",
        "pkg/c.py": "from pkg.old import Motor\nMotor()\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(text.encode())


def test_init_keeps_the_rest_of_pyproject_byte_for_byte(tmp_path: Path, run) -> None:
    _write_shim_project(tmp_path, PYPROJECT)
    result = run(tmp_path, "init")
    assert result.exit_code == 0, result.output
    after = (tmp_path / "pyproject.toml").read_bytes().decode()
    assert after.startswith(PYPROJECT)
    added = after[len(PYPROJECT):]
    assert added.lstrip("\n").startswith("[tool.ssot-lint]\n")
    config = tomllib.loads(after)
    assert config["tool"]["ruff"] == {"line-length": 100} and config["tool"]["mypy"] == {"strict": True}
    [contract] = config["tool"]["ssot-lint"]["contract"]
    assert contract["canonical"] == "pkg.api"  # the public facade (`__all__`) over pkg.impl
    assert contract["deprecated"] == ["pkg.old"]  # pkg.impl defines Engine: never deprecated whole
    assert contract["renames"] == {"pkg.old.Motor": "pkg.api.Engine"}


def test_crlf_file_stays_crlf(tmp_path: Path, run) -> None:
    crlf = PYPROJECT.replace("\n", "\r\n")
    _write_shim_project(tmp_path, crlf)
    assert run(tmp_path, "init").exit_code == 0
    after = (tmp_path / "pyproject.toml").read_bytes()
    assert after.startswith(crlf.encode()) and b"\n" not in after.replace(b"\r\n", b"")


def test_existing_table_needs_force(tmp_path: Path, run) -> None:
    _write_shim_project(tmp_path, PYPROJECT + '\n[tool.ssot-lint]\nsrc = ["."]  # mine\n')
    before = (tmp_path / "pyproject.toml").read_bytes()
    result = run(tmp_path, "init")
    assert result.exit_code == 2
    assert "already has a [tool.ssot-lint] table; pass --force" in result.stderr
    assert (tmp_path / "pyproject.toml").read_bytes() == before
    assert run(tmp_path, "init", "--force").exit_code == 0
    after = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert after.startswith(PYPROJECT) and "# mine" not in after
    assert tomllib.loads(after)["tool"]["ssot-lint"]["contract"][0]["canonical"] == "pkg.api"


def test_nothing_to_propose_writes_nothing(tmp_path: Path, run) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "solo.py").write_text("class Alone:\n    pass\n", encoding="utf-8")
    result = run(tmp_path, "init")
    assert result.exit_code == 0 and "Nothing to propose" in result.stdout
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT


def test_prefer_most_used_never_proposes_an_empty_contract(tmp_path: Path, run) -> None:
    """The only shim is the path most files use: it becomes canonical, the definition is never
    deprecated whole, so there is nothing to migrate (a contract declaring nothing is invalid)."""
    files = {"pyproject.toml": PYPROJECT, "pkg/__init__.py": "", "pkg/impl.py": "class Engine:\n    pass\n",
             "pkg/old.py": "from pkg.impl import Engine\n",
             **{f"pkg/user{i}.py": "from pkg.old import Engine\nEngine()\n" for i in range(3)}}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    [default] = tomllib.loads(run(tmp_path, "init", "--dry-run").stdout)["tool"]["ssot-lint"]["contract"]
    assert (default["canonical"], default["deprecated"]) == ("pkg.impl", ["pkg.old"])
    result = run(tmp_path, "init", "--prefer-most-used")
    assert result.exit_code == 0 and "Nothing to propose" in result.stdout
    assert (tmp_path / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
