from os import *
import a.b  # [SSOT001]

X = a.b.X
