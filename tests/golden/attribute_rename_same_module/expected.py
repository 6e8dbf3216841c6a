import logging
import a.b
from a import b
import a.b as alias

logging.warning(1)  # [SSOT001]
a.b.d()  # [SSOT001]
callback = b.d  # [SSOT001]


def run():
    return alias.d()  # [SSOT001]


def shadowed(logging):
    return logging.warn(2)
