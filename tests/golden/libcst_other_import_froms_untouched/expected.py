from e import c, d  # [SSOT001]
from f import b


class Foo(b):
    bar: c.bar
    baz: d.baz
