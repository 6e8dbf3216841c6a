import a.b  # [SSOT001]
import a.other

PAIR = (a.b.X, a.other.Y)
