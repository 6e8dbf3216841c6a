from quux.foo import *
