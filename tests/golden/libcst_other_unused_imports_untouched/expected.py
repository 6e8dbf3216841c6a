import d  # [SSOT001]
import b


class Foo(d.obj):
    pass
