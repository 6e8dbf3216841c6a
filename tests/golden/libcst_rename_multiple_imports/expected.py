import z  # [SSOT001]
from z import b  # [SSOT001]
from z.c import d  # [SSOT001]


class Foo(d):
    pass


class Fooo(b.some_class):
    pass


class Foooo(z.some_class):
    pass
