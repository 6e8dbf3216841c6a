from app.shared import Keep, OldName, OldEvent  # [SSOT001, SSOT001]

ALL = (Keep, OldName, OldEvent)
