from sqlalchemy.orm import Session, declared_attr, reconstructor, synonym  # [SSOT001]

USED = (declared_attr, Session, reconstructor, synonym)
