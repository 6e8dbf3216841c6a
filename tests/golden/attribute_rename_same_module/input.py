import logging
import a.b
from a import b
import a.b as alias

logging.warn(1)  # [SSOT001]
a.b.c()  # [SSOT001]
callback = b.c  # [SSOT001]


def run():
    return alias.c()  # [SSOT001]


def shadowed(logging):
    return logging.warn(2)
