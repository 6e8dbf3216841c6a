class some_class:
    pass
