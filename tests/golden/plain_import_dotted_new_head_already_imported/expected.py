import c.other
import c.b  # [SSOT001]

PAIR = (c.other.Y, c.b.X)
