class Session:
    pass


def reconstructor(f):
    return f


def synonym(name):
    return name


def declared_attr(f):
    return f
