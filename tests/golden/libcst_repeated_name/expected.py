from qux import qux  # [SSOT001]


def bar():
    qux(5)
