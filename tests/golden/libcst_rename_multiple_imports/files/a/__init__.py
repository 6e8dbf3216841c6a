from z import *
