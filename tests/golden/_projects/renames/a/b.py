class Class_2:
    pass


class Class_3:
    pass


Class_1 = Class_3
