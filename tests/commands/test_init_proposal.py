"""`init` on a project whose history we know, shaped like Airflow 2.1: a shim chain, unreferenced
shims, a public package facade, a live module with one deprecated function naming its
replacement, a function that only warns. It must propose exactly the contract written by hand."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WARN = "import warnings\n"
TREE = {
    "pyproject.toml": '[project]\nname = "flowish"\n',
    "flowish/__init__.py": '"""Flowish."""\nfrom flowish.models.dag import DAG\n\n__all__ = ["DAG"]\n',
    "flowish/models/__init__.py": (
        "from flowish.models.base import Base\nfrom flowish.models.dag import DAG\n__all__ = ['Base', 'DAG']\n"),
    "flowish/models/base.py": "class Base:\n    pass\n",
    "flowish/models/dag.py": "class DAG:\n    pass\n",
    "flowish/models/baseoperator.py": "class BaseOperator:\n    pass\n\n\ndef chain(*tasks):\n    return tasks\n",
    "flowish/hooks/__init__.py": "",
    "flowish/hooks/base.py": "class BaseHook:\n    pass\n",
    # an unreferenced shim: nothing in the tree imports through it
    "flowish/hooks/base_hook.py": (
        '"""This module is deprecated. Please use :mod:`flowish.hooks.base`."""\n' + WARN
        + "from flowish.hooks.base import BaseHook  # noqa\n\n"
        + 'warnings.warn("This module is deprecated. Please use `flowish.hooks.base`.", DeprecationWarning)\n'),
    "flowish/operators/__init__.py": "",
    "flowish/operators/bash.py": "from flowish.models.baseoperator import BaseOperator\n\n\nclass BashOperator(BaseOperator):\n    pass\n",
    "flowish/operators/bash_operator.py": (
        '"""This module is deprecated. Please use :mod:`flowish.operators.bash`."""\n' + WARN
        + "from flowish.operators.bash import BashOperator  # noqa\n\n"
        + 'warnings.warn("This module is deprecated.", DeprecationWarning, stacklevel=2)\n'),
    # the second link of a shim chain, and an alias under an old name
    "flowish/contrib/__init__.py": "",
    "flowish/contrib/bash_operator.py": (
        '"""Deprecated: use flowish.operators.bash."""\n'
        "from flowish.operators.bash_operator import BashOperator\n\nOldBashOperator = BashOperator\n"),
    # a live module with one deprecated function naming its replacement
    "flowish/utils/__init__.py": "",
    "flowish/utils/helpers.py": WARN + textwrap.dedent('''
        def chain(*tasks):
            """Chain tasks."""
            warnings.warn("This function is deprecated. Please use `flowish.models.baseoperator.chain`.",
                          DeprecationWarning, stacklevel=2)
            return tasks


        def parse_template(text):
            return text.strip()
        '''),
    # a live module whose function only warns: no replacement named, nothing proposed
    "flowish/configuration.py": WARN + textwrap.dedent('''
        def get(section, key):
            warnings.warn("Accessing configuration with get() is deprecated", DeprecationWarning)
            return None


        class Config:
            pass
        '''),
    "dags/example.py": "from flowish.contrib.bash_operator import BashOperator\n\nBashOperator()\n",
    "dags/modern.py": "from flowish.operators.bash import BashOperator\nfrom flowish import DAG\n\nBashOperator()\nDAG()\n",
}

#: What the maintainer writes, knowing the history: both links of the bash_operator chain and the
#: unreferenced base_hook shim go; the old alias becomes a rename; helpers.chain names its
#: replacement and is a deprecated call; configuration.get only warns (no replacement), and neither
#: live module, nor the `flowish` and `flowish.models` facades, is deprecated. Every entry says why.
BY_HAND = """\
[tool.ssot-lint]
# Proposed by `ssot-lint init`: each entry says why it is there. Review it, then run `ssot-lint check`.
src = ["."]

[[tool.ssot-lint.contract]]
# covers: flowish.operators.bash.BashOperator
name = "bash"
canonical = "flowish.operators.bash"
deprecated = [
    # flowish/contrib/bash_operator.py:2: only re-exports from flowish.operators.bash_operator; says "Deprecated: use flowish.operators.bash."
    "flowish.contrib.bash_operator",
    # flowish/operators/bash_operator.py:3: only re-exports from flowish.operators.bash; says "This module is deprecated."
    "flowish.operators.bash_operator",
]

[tool.ssot-lint.contract.renames]
# flowish/contrib/bash_operator.py:4: `OldBashOperator` is `flowish.operators.bash.BashOperator`
"flowish.contrib.bash_operator.OldBashOperator" = "flowish.operators.bash.BashOperator"

[[tool.ssot-lint.contract]]
# covers: flowish.hooks.base.BaseHook
name = "base"
canonical = "flowish.hooks.base"
deprecated = [
    # flowish/hooks/base_hook.py:3: only re-exports from flowish.hooks.base; says "This module is deprecated. Please use `flowish.hooks.base`."
    "flowish.hooks.base_hook",
]

[[tool.ssot-lint.contract]]
name = "baseoperator"
canonical = "flowish.models.baseoperator"

[tool.ssot-lint.contract.deprecated-calls]
# flowish/utils/helpers.py:3: warns "This function is deprecated. Please use `flowish.models.baseoperator.chain`."
"flowish.utils.helpers.chain" = "flowish.models.baseoperator.chain"
"""


def _tree(root: Path) -> Path:
    for name, text in TREE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_init_proposes_the_contract_written_by_hand(tmp_path: Path, run) -> None:
    result = run(_tree(tmp_path), "init", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout == BY_HAND
    tomllib.loads(result.stdout)  # and it is TOML


def test_the_proposal_checks_and_fixes(tmp_path: Path, run) -> None:
    root = _tree(tmp_path)
    assert run(root, "init").exit_code == 0
    result = run(root, "check", "--no-cache", "--output-format", "json")
    assert result.exit_code == 1
    assert '"path": "dags/example.py"' in result.stdout and "dags/modern.py" not in result.stdout
    assert run(root, "fix").exit_code == 0
    assert (root / "dags/example.py").read_text(encoding="utf-8").startswith("from flowish.operators.bash import BashOperator")


def test_graph_lists_a_shim_nothing_imports_through(tmp_path: Path, run) -> None:
    import json

    result = run(_tree(tmp_path), "graph", "BaseHook", "--output-format", "json")
    assert result.exit_code == 0, result.output
    paths = {p["dotted"]: p for p in json.loads(result.stdout)["paths"]}
    assert set(paths) == {"flowish.hooks.base.BaseHook", "flowish.hooks.base_hook.BaseHook"}
    assert paths["flowish.hooks.base_hook.BaseHook"]["files"] == 0


def test_graph_of_a_symbol_in_an_installed_package(tmp_path: Path, run, monkeypatch) -> None:
    import json

    site = tmp_path / "site-packages"
    for name, text in {
        "fakesql/__init__.py": "",
        "fakesql/orm/__init__.py": "from .decl_api import declarative_base\n__all__ = ['declarative_base']\n",
        "fakesql/orm/decl_api.py": "def declarative_base():\n    return object\n",
        "fakesql/ext/declarative.py": "from fakesql.orm import declarative_base\n",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    project = tmp_path / "project"
    project.mkdir()
    (project / "models.py").write_text("from fakesql.ext.declarative import declarative_base\n", encoding="utf-8")
    result = run(project, "graph", "fakesql.orm.declarative_base", "--output-format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["definition"]["module"] == "fakesql.orm.decl_api"
    paths = {p["dotted"]: p for p in document["paths"]}
    assert {"fakesql.orm.declarative_base", "fakesql.ext.declarative.declarative_base"} <= set(paths)
    assert paths["fakesql.ext.declarative.declarative_base"]["files"] == 1  # models.py
    assert "fakesql" not in sys.modules


CLASSES = {
    "pyproject.toml": '[project]\nname = "shop"\n',
    "shop/__init__.py": "",
    "shop/legacy/__init__.py": "",
    "shop/cart.py": WARN + textwrap.dedent('''
        class Cart:
            def total_old(self):
                warnings.warn("This method is deprecated. Use `shop.cart.Cart.total`.", DeprecationWarning)

            def total(self):
                return 0
        '''),
    "shop/checkout.py": WARN + textwrap.dedent('''
        class Checkout:
            def __init__(self):
                warnings.warn("Checkout is deprecated and will be removed.", DeprecationWarning)
        '''),
    # a module deprecated whole, defining deprecated subclasses that name their replacements,
    # one of them in a library outside the tree (which the module imports, so it exists)
    "shop/legacy/cart_operator.py": (
        '"""This module is deprecated. Please use `shop.cart`."""\n' + WARN
        + "from shop.cart import Cart\nfrom vendorlib.orders import OrderQueue\n\n"
        + 'warnings.warn("This module is deprecated. Please use `shop.cart`.", DeprecationWarning)\n'
        + textwrap.dedent('''

        class OldCart(Cart):
            def __init__(self):
                warnings.warn("This class is deprecated. Please use `shop.cart.Cart`.", DeprecationWarning)
                super().__init__()


        class Queue(OrderQueue):
            """This class is deprecated. Please use `vendorlib.orders.OrderQueue`."""

            def __init__(self):
                warnings.warn("Queue is deprecated.", DeprecationWarning)
        ''')),
}


def test_a_deprecated_class_naming_its_replacement_is_a_rename(tmp_path: Path, run) -> None:
    """A class whose constructor warns and names a replacement that exists moves like a renamed
    name; a class with one deprecated method, or whose warning names nothing, stays."""
    for name, text in CLASSES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run(tmp_path, "init", "--dry-run")
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.stdout)["tool"]["ssot-lint"]["contract"] == [{
        "name": "cart",
        "canonical": "shop.cart",
        "deprecated": ["shop.legacy.cart_operator"],
        "renames": {"shop.legacy.cart_operator.OldCart": "shop.cart.Cart",
                    "shop.legacy.cart_operator.Queue": "vendorlib.orders.OrderQueue"},
    }]
    assert ('# shop/legacy/cart_operator.py:9: warns "This class is deprecated. Please use `shop.cart.Cart`."\n'
            '"shop.legacy.cart_operator.OldCart" = "shop.cart.Cart"\n') in result.stdout
    assert ('# shop/legacy/cart_operator.py:15: warns "Queue is deprecated."; its docstring says "This class is '
            'deprecated. Please use `vendorlib.orders.OrderQueue`."\n') in result.stdout
