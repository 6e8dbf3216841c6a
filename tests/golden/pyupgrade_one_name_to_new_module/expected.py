from collections import Counter  # [SSOT001]
from collections.abc import Mapping
print(Counter, Mapping)
