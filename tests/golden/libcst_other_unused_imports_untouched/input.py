import a  # [SSOT001]
import b


class Foo(a.obj):
    pass
