import c.b  # [SSOT001]
import a.other

PAIR = (c.b.X, a.other.Y)
