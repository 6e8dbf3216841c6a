from sqlalchemy.orm import declared_attr  # [SSOT001]

BASE = declared_attr

from sqlalchemy.orm import Session  # noqa: E402
