import contextlib, xml.etree.ElementTree as ET  # [SSOT001]
