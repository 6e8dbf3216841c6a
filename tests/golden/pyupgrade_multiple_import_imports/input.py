import contextlib, xml.etree.cElementTree as ET  # [SSOT001]
