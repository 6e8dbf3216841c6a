import a  # [SSOT001]
from a import b  # [SSOT001]
from a.c import d  # [SSOT001]


class Foo(d):
    pass


class Fooo(b.some_class):
    pass


class Foooo(a.some_class):
    pass
