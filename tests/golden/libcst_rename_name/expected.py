from baz import qux  # [SSOT001]


def test() -> None:
    qux(5)
