if True:
    if True:
        pass
    from collections import Counter  # [SSOT001]
    from collections.abc import Mapping
print(Mapping, Counter)
