from collections import Counter  # [SSOT001]
from collections.abc import Mapping as mapping
print(mapping, Counter)
