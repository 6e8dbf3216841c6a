import os
import a.b as alias
from a import b


def run():
    alias.c()  # [SSOT001]
    b.c()  # [SSOT001]
    return b.other()
