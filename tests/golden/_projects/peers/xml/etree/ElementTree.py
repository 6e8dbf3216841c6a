class XML:
    pass


class Element:
    pass
