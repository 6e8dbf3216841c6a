from foo import foo  # [SSOT001]


def bar():
    foo(5)
