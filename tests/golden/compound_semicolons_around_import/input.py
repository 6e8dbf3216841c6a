import os; from collections import Mapping; import sys  # [SSOT001]
from collections import Sequence; FLAG = 1  # [SSOT001]
import contextlib; import xml.etree.cElementTree as ET; import sys  # [SSOT001]
print(os, Mapping, sys, Sequence, FLAG, contextlib, ET)
