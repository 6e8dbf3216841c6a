from c.b import *
