import x.y.c.d as m  # [SSOT001]

m.foo()
