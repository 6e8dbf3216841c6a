from sqlalchemy.ext.declarative import declared_attr  # [SSOT001]
from sqlalchemy.orm import Session, reconstructor, synonym

USED = (declared_attr, Session, reconstructor, synonym)
