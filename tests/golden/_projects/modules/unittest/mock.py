def patch(target):
    return target


class Mock:
    pass
