from sqlalchemy.orm import declared_attr
