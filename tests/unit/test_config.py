"""config.load: good contracts load to exact values; each bad input yields exact problem keys."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ssot_lint.project.config import ConfigError, ConfigProblem, find_config, load
from ssot_lint.project.contract import Contract

GOOD = """
[tool.ssot-lint]
src = ["."]
exclude = ["build", "**/legacy_backup/**"]
per-file-ignores = { "tests/legacy/**" = ["SSOT001"] }

[[tool.ssot-lint.contract]]
name = "websocket-manager"
canonical = "app.websocket_core.websocket_manager"
deprecated = ["app.websocket_core.manager", "app.websocket_core.unified_manager", "app.websocket_core.websocket_manager_factory"]
renames = { "app.websocket_core.manager.WebSocketManager" = "app.websocket_core.websocket_manager.UnifiedWebSocketManager" }
factory-only = ["app.websocket_core.websocket_manager.UnifiedWebSocketManager"]
factory = "app.websocket_core.websocket_manager.get_websocket_manager"
allowed-in = ["app.websocket_core.*"]
deprecated-calls = { "app.websocket_core.websocket_manager_factory.get_websocket_manager_factory" = "app.websocket_core.websocket_manager.get_websocket_manager" }
unique = ["UnifiedWebSocketManager"]
"""

WS = "app.websocket_core"
GOOD_CONTRACT = Contract(
    name="websocket-manager",
    canonical=f"{WS}.websocket_manager",
    deprecated=(f"{WS}.manager", f"{WS}.unified_manager", f"{WS}.websocket_manager_factory"),
    renames=(
        (f"{WS}.manager.WebSocketManager", f"{WS}.websocket_manager.UnifiedWebSocketManager"),
    ),
    factory_only=(f"{WS}.websocket_manager.UnifiedWebSocketManager",),
    factory=f"{WS}.websocket_manager.get_websocket_manager",
    allowed_in=(f"{WS}.*",),
    deprecated_calls=(
        (
            f"{WS}.websocket_manager_factory.get_websocket_manager_factory",
            f"{WS}.websocket_manager.get_websocket_manager",
        ),
    ),
    unique=("UnifiedWebSocketManager",),
)

#: a minimal valid contract body, to which bad-input cases add one mistake.
MINIMAL = 'name = "c"\ncanonical = "a.new"\ndeprecated = ["a.old"]\n'
P = "tool.ssot-lint"
C0 = f"{P}.contract[0]"


def write(folder: Path, text: str, name: str = "pyproject.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> tuple[ConfigProblem, ...]:
    write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load([tmp_path], cwd=tmp_path)
    return caught.value.problems


def contract_toml(*bodies: str) -> str:
    tables = "".join(f"\n[[{P}.contract]]\n{body}\n" for body in bodies)
    return f"[{P}]\n{tables}"


# --- good configs ---------------------------------------------------------------------------


def test_good_config_loads_to_exact_values(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    project = load([tmp_path], cwd=tmp_path)
    assert project.root == tmp_path.resolve()
    assert project.config_file == path.resolve()
    assert project.src == (tmp_path.resolve(),)
    assert project.exclude == ("build", "**/legacy_backup/**")
    assert project.per_file_ignores == (("tests/legacy/**", ("SSOT001",)),)
    assert project.baseline is None
    assert project.contracts == (GOOD_CONTRACT,)


def test_pairs_are_sorted_lists_keep_file_order_and_drop_duplicates(tmp_path: Path) -> None:
    body = MINIMAL.replace('["a.old"]', '["a.z", "a.old", "a.z"]') + textwrap.dedent("""
        renames = { "a.z.B" = "a.new.B", "a.old.A" = "a.new.A" }
        deprecated-calls = { "a.z.f" = "", "a.old.e" = "a.new.e" }
        unique = ["B", "A", "B"]
    """)
    text = f'[{P}]\nper-file-ignores = {{ z = ["SSOT002"], a = ["SSOT001", "SSOT001"] }}\n'
    write(tmp_path, text + contract_toml(body).split("\n", 1)[1])
    project = load([], cwd=tmp_path)
    (contract,) = project.contracts
    assert contract.deprecated == ("a.z", "a.old")
    assert contract.renames == (("a.old.A", "a.new.A"), ("a.z.B", "a.new.B"))
    assert contract.deprecated_calls == (("a.old.e", "a.new.e"), ("a.z.f", ""))
    assert contract.unique == ("B", "A")
    assert project.per_file_ignores == (("a", ("SSOT001",)), ("z", ("SSOT002",)))


def test_discovery_walks_up_from_a_nested_subfolder(tmp_path: Path) -> None:
    config = write(tmp_path, GOOD)
    nested = tmp_path / "pkg" / "sub"
    write(nested, "[tool.black]\nline-length = 100\n")  # a pyproject without our table
    (nested / "mod.py").write_text("", encoding="utf-8")
    assert find_config(nested / "mod.py") == config.resolve()
    assert find_config(nested) == config.resolve()
    assert load([nested / "mod.py"], cwd=nested).root == tmp_path.resolve()


def test_relative_paths_resolve_against_the_discovered_config_folder(tmp_path: Path) -> None:
    text = GOOD.replace('src = ["."]', 'src = ["src", "lib"]\nbaseline = "base.json"')
    write(tmp_path, text)
    elsewhere = tmp_path / "src" / "pkg"
    elsewhere.mkdir(parents=True)
    project = load([Path(".")], cwd=elsewhere)
    root = tmp_path.resolve()
    assert project.src == (root / "src", root / "lib")
    assert project.baseline == root / "base.json"


def test_standalone_config_uses_top_level_keys_and_resolves_against_cwd(tmp_path: Path) -> None:
    standalone = GOOD.replace(f"[{P}]\n", "").replace(f"[[{P}.contract]]", "[[contract]]")
    write(tmp_path / "conf", standalone.replace('src = ["."]', 'src = ["src"]'), "ssot.toml")
    cwd = tmp_path / "work"
    cwd.mkdir()
    project = load([], config=Path("../conf/ssot.toml"), cwd=cwd)
    assert project.root == cwd.resolve()
    assert project.config_file == (tmp_path / "conf" / "ssot.toml").resolve()
    assert project.src == (cwd.resolve() / "src",)
    assert project.contracts == (GOOD_CONTRACT,)


def test_config_option_accepts_a_pyproject_shaped_file(tmp_path: Path) -> None:
    write(tmp_path / "other", GOOD)
    project = load([], config=tmp_path / "other" / "pyproject.toml", cwd=tmp_path)
    assert project.root == tmp_path.resolve()
    assert project.contracts == (GOOD_CONTRACT,)


# --- bad configs: (case id, contract bodies or full text, expected problem keys) -------------

BAD_CASES = [
    ("unknown-top-level-key", f"[{P}]\nsrcs = ['.']\n[[{P}.contract]]\n{MINIMAL}", [f"{P}.srcs"]),
    ("src-not-a-list", f"[{P}]\nsrc = 3\n[[{P}.contract]]\n{MINIMAL}", [f"{P}.src"]),
    (
        "src-item-not-a-string",
        f"[{P}]\nsrc = ['.', 3]\n[[{P}.contract]]\n{MINIMAL}",
        [f"{P}.src[1]"],
    ),
    ("src-empty", f"[{P}]\nsrc = []\n[[{P}.contract]]\n{MINIMAL}", [f"{P}.src"]),
    ("rename-style-unknown", f"[{P}]\nrename-style = 'keep'\n[[{P}.contract]]\n{MINIMAL}", [f"{P}.rename-style"]),
    ("rename-style-not-a-string", f"[{P}]\nrename-style = 1\n[[{P}.contract]]\n{MINIMAL}", [f"{P}.rename-style"]),
    (
        "exclude-not-a-list",
        f"[{P}]\nexclude = 'build'\n[[{P}.contract]]\n{MINIMAL}",
        [f"{P}.exclude"],
    ),
    (
        "baseline-not-a-string",
        f"[{P}]\nbaseline = 1\n[[{P}.contract]]\n{MINIMAL}",
        [f"{P}.baseline"],
    ),
    (
        "per-file-ignores-bad-code",
        f'[{P}]\nper-file-ignores = {{ "t/**" = ["SSOT9", "E501"] }}\n[[{P}.contract]]\n{MINIMAL}',
        [f'{P}.per-file-ignores."t/**"[0]', f'{P}.per-file-ignores."t/**"[1]'],
    ),
    (
        "per-file-ignores-not-a-table",
        f"[{P}]\nper-file-ignores = []\n[[{P}.contract]]\n{MINIMAL}",
        [f"{P}.per-file-ignores"],
    ),
    ("no-contract", f"[{P}]\nsrc = ['.']\n", [f"{P}.contract"]),
    ("contract-single-brackets", f"[{P}.contract]\n{MINIMAL}", [f"{P}.contract"]),
    ("contract-item-not-a-table", f"[{P}]\ncontract = [1]\n", [C0]),
    (
        "missing-name-and-canonical",
        contract_toml('deprecated = ["a.old"]'),
        [f"{C0}.name", f"{C0}.canonical"],
    ),
    ("name-not-a-string", contract_toml(MINIMAL.replace('"c"', "1")), [f"{C0}.name"]),
    (
        "canonical-not-dotted",
        contract_toml(MINIMAL.replace('"a.new"', '"a..b"')),
        [f"{C0}.canonical"],
    ),
    (
        "deprecated-item-not-dotted",
        contract_toml(MINIMAL.replace('"a.old"', '"a.old."')),
        [f"{C0}.deprecated[0]"],
    ),
    ("declares-nothing", contract_toml('name = "c"\ncanonical = "a.new"\ndeprecated = []'), [C0]),
    ("factory-not-dotted", contract_toml(MINIMAL + 'factory = "1x"'), [f"{C0}.factory"]),
    (
        "factory-only-not-a-list",
        contract_toml(MINIMAL + 'factory-only = "a.new.X"'),
        [f"{C0}.factory-only"],
    ),
    (
        "allowed-in-bad-glob",
        contract_toml(MINIMAL + 'allowed-in = ["a.*", "a/b"]'),
        [f"{C0}.allowed-in[1]"],
    ),
    ("unique-not-bare", contract_toml(MINIMAL + 'unique = ["a.B"]'), [f"{C0}.unique[0]"]),
    (
        "renames-bad-key",
        contract_toml(MINIMAL + 'renames = { "a..X" = "a.new.X" }'),
        [f'{C0}.renames."a..X"'],
    ),
    (
        "renames-bad-value",
        contract_toml(MINIMAL + 'renames = { "a.old.X" = 3 }'),
        [f'{C0}.renames."a.old.X"'],
    ),
    (
        "renames-unquoted-dotted-key",
        contract_toml(MINIMAL + 'renames = { a.X = "a.new.X" }'),
        [f"{C0}.renames.a"],
    ),
    ("renames-not-a-table", contract_toml(MINIMAL + 'renames = ["a"]'), [f"{C0}.renames"]),
    (
        "deprecated-calls-bad-value",
        contract_toml(MINIMAL + 'deprecated-calls = { "a.old.f" = "x y" }'),
        [f'{C0}.deprecated-calls."a.old.f"'],
    ),
    (
        "duplicate-contract-names",
        contract_toml(MINIMAL, MINIMAL.replace("a.", "b.")),
        [f"{P}.contract[1].name"],
    ),
    (
        "canonical-deprecated-in-same-contract",
        contract_toml('name = "c"\ncanonical = "a.new"\ndeprecated = ["a.new"]'),
        [f"{C0}.deprecated"],
    ),
    (
        "canonical-deprecated-across-contracts",
        contract_toml(MINIMAL, 'name = "d"\ncanonical = "b.new"\ndeprecated = ["a.new"]'),
        [f"{P}.contract[1].deprecated"],
    ),
    (
        "circular-rename",
        contract_toml(MINIMAL + 'renames = { "a.old.X" = "a.new.X", "a.new.X" = "a.old.X" }'),
        [f'{C0}.renames."a.new.X"'],
    ),
    (
        "circular-rename-across-contracts",
        contract_toml(
            MINIMAL + 'renames = { "a.old.X" = "b.old.X" }',
            'name = "d"\ncanonical = "b.new"\nrenames = { "b.old.X" = "b.mid.X", "b.mid.X" = "a.old.X" }',
        ),
        [f'{C0}.renames."a.old.X"'],
    ),
    (
        "self-rename",
        contract_toml(MINIMAL + 'renames = { "a.old.X" = "a.old.X" }'),
        [f'{C0}.renames."a.old.X"'],
    ),
    ("ssot-lint-not-a-table", "[tool]\nssot-lint = 1\n", [P]),
]


@pytest.mark.parametrize(
    ("text", "keys"), [case[1:] for case in BAD_CASES], ids=[c[0] for c in BAD_CASES]
)
def test_each_bad_input_reports_exactly_its_problem_keys(
    tmp_path: Path, text: str, keys: list[str]
) -> None:
    problems = problems_of(tmp_path, text)
    assert [problem.key for problem in problems] == keys
    assert all(problem.file == "pyproject.toml" for problem in problems)


@pytest.mark.parametrize(
    ("typo", "hint"),
    [("factory_only", "did you mean `factory-only`?"), ("deprecate", "did you mean `deprecated`?")],
)
def test_unknown_contract_key_suggests_the_close_match(
    tmp_path: Path, typo: str, hint: str
) -> None:
    (problem,) = problems_of(tmp_path, contract_toml(MINIMAL + f'{typo} = ["a.new.X"]'))
    assert (problem.key, problem.message, problem.hint) == (
        f"{C0}.{typo}",
        f"unknown key '{typo}'",
        hint,
    )


def test_wrong_type_says_expected_and_got(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, contract_toml(MINIMAL.replace('["a.old"]', "3")))
    assert problem.message == "expected a list of strings, got int"


def test_not_dotted_message_and_description(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, contract_toml(MINIMAL.replace('"a.new"', '"a..b"')))
    assert problem.message == "not a dotted name: 'a..b'"
    assert problem.describe() == (
        f"pyproject.toml: {C0}.canonical: not a dotted name: 'a..b' (write it like `package.module.Name`)"
    )


def test_circular_rename_message_shows_the_cycle(tmp_path: Path) -> None:
    text = contract_toml(MINIMAL + 'renames = { "a.old.X" = "a.new.X", "a.new.X" = "a.old.X" }')
    (problem,) = problems_of(tmp_path, text)
    assert problem.message == "circular move: a.new.X -> a.old.X -> a.new.X"


def test_canonical_listed_as_deprecated_names_the_owner(tmp_path: Path) -> None:
    text = contract_toml(MINIMAL, 'name = "d"\ncanonical = "b.new"\ndeprecated = ["a.new"]')
    (problem,) = problems_of(tmp_path, text)
    assert "`a.new` is the canonical module of contract 'c'" in problem.message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        f"[{P}]\nsrc = 1\nbogus = 2\n"
        + contract_toml(
            'name = "c"\ncanonical = "a..b"\nfactory_only = []',
            'name = "c"\ncanonical = "x.y"\nunique = ["a.B"]',
        ).split("\n", 1)[1]
    )
    problems = problems_of(tmp_path, text)
    assert [p.key for p in problems] == [
        f"{P}.bogus",
        f"{P}.src",
        f"{C0}.factory_only",
        C0,
        f"{C0}.canonical",
        f"{P}.contract[1].unique[0]",
    ]
    error = ConfigError(problems)
    assert str(error).count("\n") == len(problems) - 1


def test_duplicate_names_are_found_even_next_to_other_problems(tmp_path: Path) -> None:
    text = contract_toml(MINIMAL + "bogus = 1", MINIMAL.replace("a.", "b."))
    keys = [p.key for p in problems_of(tmp_path, text)]
    assert keys == [f"{C0}.bogus", f"{P}.contract[1].name"]


def test_malformed_toml_reports_line_and_column(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, f'[{P}]\nsrc = ["."\n\n[[{P}.contract]]\n')
    assert problem.file == "pyproject.toml"
    assert (problem.line, problem.column) == (4, 1)
    assert problem.message.startswith("invalid TOML: ")
    assert "(at line" not in problem.message
    assert problem.describe().startswith("pyproject.toml:4:1: invalid TOML: ")


def test_malformed_standalone_file_reports_the_given_path(tmp_path: Path) -> None:
    write(tmp_path, "x = = 1\n", "ssot.toml")
    with pytest.raises(ConfigError) as caught:
        load([], config=Path("ssot.toml"), cwd=tmp_path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("ssot.toml", 1, 5)


def test_missing_config_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load([], config=Path("nope.toml"), cwd=tmp_path)
    (problem,) = caught.value.problems
    assert problem.file == "nope.toml"
    assert "cannot read config file" in problem.message


def test_no_config_found(tmp_path: Path) -> None:
    write(tmp_path, "[tool.black]\n")
    assert find_config(tmp_path) is None
    with pytest.raises(ConfigError) as caught:
        load([tmp_path], cwd=tmp_path)
    (problem,) = caught.value.problems
    assert problem.file == "<none>"
    assert problem.key == P
    assert "no `[tool.ssot-lint]` table found" in problem.message
    assert str(tmp_path) in problem.message
    assert "--config" in problem.hint


def test_standalone_keys_have_no_section_prefix(tmp_path: Path) -> None:
    write(tmp_path, f"srcs = 1\n[[contract]]\n{MINIMAL}factory = 'a..b'\n", "ssot.toml")
    with pytest.raises(ConfigError) as caught:
        load([], config=Path("ssot.toml"), cwd=tmp_path)
    assert [p.key for p in caught.value.problems] == ["srcs", "contract[0].factory"]
    assert caught.value.problems[0].hint == "did you mean `src`?"


def test_the_readme_contract_example_loads(tmp_path: Path) -> None:
    """The TOML shown in README's contract section is a valid configuration, `python` included."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The contract"):]
    example = section[section.index("```toml\n") + len("```toml\n"):section.index("```\n", section.index("```toml"))]
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    project = load([tmp_path], cwd=tmp_path)
    assert project.python == ".venv/bin/python"
    [contract] = project.contracts
    assert contract.canonical == "app.websocket_core.websocket_manager" and len(contract.deprecated) == 3
