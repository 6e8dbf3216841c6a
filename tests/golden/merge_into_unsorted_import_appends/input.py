from sqlalchemy.ext.declarative import declared_attr  # [SSOT001]
from sqlalchemy.orm import synonym, Session

USED = (declared_attr, Session, synonym)
