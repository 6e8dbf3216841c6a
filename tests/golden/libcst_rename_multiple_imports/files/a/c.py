from z.c import *
