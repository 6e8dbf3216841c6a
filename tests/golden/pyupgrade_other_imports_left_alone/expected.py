import os
from collections import Counter  # [SSOT001]
from collections.abc import Mapping
import sys
print(os, Counter, Mapping, sys)
