import xml.etree.ElementTree  # [SSOT001]

xml.etree.ElementTree.XML
