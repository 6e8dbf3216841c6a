import p.q.c.d  # [SSOT001]

RESULT = p.q.c.d.foo()
