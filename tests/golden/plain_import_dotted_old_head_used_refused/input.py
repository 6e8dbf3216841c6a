import a.b  # [SSOT001]

PAIR = (a.b.X, a)
