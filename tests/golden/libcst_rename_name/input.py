from foo import bar  # [SSOT001]


def test() -> None:
    bar(5)
