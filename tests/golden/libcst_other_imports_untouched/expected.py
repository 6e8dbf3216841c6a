import d, b, c  # [SSOT001]


class Foo(d.z):
    bar: b.bar
    baz: c.baz
