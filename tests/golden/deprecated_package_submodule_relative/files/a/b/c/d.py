from x.y.c.d import foo
bar = 2
