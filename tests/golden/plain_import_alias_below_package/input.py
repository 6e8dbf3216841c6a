import p.q.c.d as m  # [SSOT001]

m.foo()
