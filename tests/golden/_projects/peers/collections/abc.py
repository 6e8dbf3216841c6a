class Mapping:
    pass


class Sequence:
    pass
