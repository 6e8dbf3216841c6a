import os
from sqlalchemy.orm import (
    Session,
    declared_attr,
    synonym,
)  # [SSOT001]

USED = (declared_attr, Session, synonym, os)
