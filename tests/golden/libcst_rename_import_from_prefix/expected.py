from x.y.c.d import foo  # [SSOT001]
