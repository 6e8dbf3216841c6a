from collections import Counter  # [SSOT001, SSOT001]
from collections.abc import Mapping, Sequence
print(Counter, Mapping, Sequence)
