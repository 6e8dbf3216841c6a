import a.b  # [SSOT001]


def total(c):
    return a.b.X + c
