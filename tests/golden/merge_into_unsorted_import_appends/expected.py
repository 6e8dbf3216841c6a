from sqlalchemy.orm import synonym, Session, declared_attr  # [SSOT001]

USED = (declared_attr, Session, synonym)
