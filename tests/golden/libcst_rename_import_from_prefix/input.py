from p.q.c.d import foo  # [SSOT001]
