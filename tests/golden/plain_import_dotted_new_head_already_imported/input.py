import c.other
import a.b  # [SSOT001]

PAIR = (c.other.Y, a.b.X)
