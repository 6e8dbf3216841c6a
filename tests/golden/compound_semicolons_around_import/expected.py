import os; from collections.abc import Mapping; import sys  # [SSOT001]
from collections.abc import Sequence; FLAG = 1  # [SSOT001]
import contextlib; import xml.etree.ElementTree as ET; import sys  # [SSOT001]
print(os, Mapping, sys, Sequence, FLAG, contextlib, ET)
