class Keep:
    pass


class OldName:
    pass


class OldEvent:
    pass
