import os
from collections import Counter, Mapping  # [SSOT001]
import sys
print(os, Counter, Mapping, sys)
