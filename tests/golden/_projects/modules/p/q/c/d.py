from x.y.c.d import *
