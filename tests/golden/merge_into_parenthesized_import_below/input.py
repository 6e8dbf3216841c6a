from sqlalchemy.ext.declarative import declared_attr  # [SSOT001]
import os
from sqlalchemy.orm import (
    Session,
    synonym,
)

USED = (declared_attr, Session, synonym, os)
