"""A broken configuration, through the CLI: exit 2 with every problem on its own line (file,
key or line:column, what is wrong, what to do), before any Python file is read (the tree holds a
file with a syntax error, which must not be reported)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability_helpers import IMPORT, cli, make_project, no_traceback

CONTRACT = 'name = "c"\ncanonical = "a.new"\ndeprecated = ["a.old"]\n'

CASES = {
    "malformed_toml": ('[tool.ssot-lint\nsrc = ["."]\n', ["pyproject.toml:1:16: invalid TOML"]),
    "wrong_types": (
        '[tool.ssot-lint]\nsrc = 1\nexclude = "build"\n[[tool.ssot-lint.contract]]\nname = 3\n'
        'canonical = ["a"]\ndeprecated = "a.old"\n',
        ["src: expected a list of strings", "exclude:", "contract[0].name:", "contract[0].canonical:",
         "contract[0].deprecated:"],
    ),
    "unknown_keys": (
        f'[tool.ssot-lint]\nbogus = 1\n[[tool.ssot-lint.contract]]\n{CONTRACT}colour = "red"\n',
        ["bogus: unknown key 'bogus'", "contract[0].colour:"],
    ),
    "empty_contract": ("[tool.ssot-lint]\n[[tool.ssot-lint.contract]]\n", ["contract[0]"]),
    "no_contract": ('[tool.ssot-lint]\nsrc = ["."]\n', ["at least one contract is required"]),
    "circular_renames": (
        '[tool.ssot-lint]\n[[tool.ssot-lint.contract]]\nname = "c"\ncanonical = "a.new"\n'
        'deprecated = ["a.old", "b.old"]\nrenames = { "a.old.X" = "b.old.X", "b.old.X" = "a.old.X" }\n',
        ["circular move: a.old.X -> b.old.X -> a.old.X"],
    ),
    "canonical_deprecated": (
        '[tool.ssot-lint]\n[[tool.ssot-lint.contract]]\nname = "c"\ncanonical = "a.new"\n'
        'deprecated = ["a.old", "a.new"]\n',
        ["contract[0].deprecated: `a.new` is the canonical module"],
    ),
}


@pytest.mark.parametrize(
    ("case", "command"),
    [(case, "check") for case in sorted(CASES)] + [("malformed_toml", "fix"), ("canonical_deprecated", "fix")],
)
def test_bad_configuration_exits_2_before_reading_files(tmp_path: Path, case: str, command: str) -> None:
    text, expected = CASES[case]
    root = make_project(tmp_path / "p", {"app/broken.py": IMPORT + "def f(:\n", "app/a.py": IMPORT},
                        pyproject=text)
    before = (root / "app/a.py").read_bytes()
    done = cli(root, command)
    no_traceback(done)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("ssot-lint: error: invalid configuration")
    for text_part in expected:
        assert text_part in done.stderr, done.stderr
    for line in done.stderr.splitlines()[1:]:
        assert line.startswith("  pyproject.toml"), line  # every problem names the file
    assert "SSOT000" not in done.stdout + done.stderr  # the broken file was never read
    assert "broken.py" not in done.stdout + done.stderr
    assert (root / "app/a.py").read_bytes() == before


def test_config_file_given_with_config_option(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    (root / "bad.toml").write_text("src = [\n")
    done = cli(root, "check", "--config", "bad.toml")
    no_traceback(done)
    assert done.returncode == 2
    assert "bad.toml:" in done.stderr and "invalid TOML" in done.stderr


def test_missing_config_file(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    done = cli(root, "check", "--config", "nope.toml")
    no_traceback(done)
    assert done.returncode == 2
    assert "nope.toml" in done.stderr
