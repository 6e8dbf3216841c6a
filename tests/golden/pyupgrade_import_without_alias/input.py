import xml.etree.cElementTree  # [SSOT001]

xml.etree.cElementTree.XML
