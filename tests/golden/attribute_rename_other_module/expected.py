import os
from a import b
import x.y


def run():
    x.y.z()  # [SSOT001]
    x.y.z()  # [SSOT001]
    return b.other()
