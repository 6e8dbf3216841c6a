from foo import bar as bla  # [SSOT001]


def test() -> None:
    bla(5)
