from z.b import *
