from baz import qux as bla  # [SSOT001]


def test() -> None:
    bla(5)
