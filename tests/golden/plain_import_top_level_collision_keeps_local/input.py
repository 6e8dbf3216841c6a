import a  # [SSOT001]


def f(d):
    return a.z + d
