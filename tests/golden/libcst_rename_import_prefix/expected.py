import x.y.c.d  # [SSOT001]

RESULT = x.y.c.d.foo()
