from e import b, c, d  # [SSOT001]


class Foo(b):
    bar: c.bar
    baz: d.baz
