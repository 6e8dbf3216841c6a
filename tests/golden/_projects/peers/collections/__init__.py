from collections.abc import Mapping, Sequence


class Counter:
    pass
