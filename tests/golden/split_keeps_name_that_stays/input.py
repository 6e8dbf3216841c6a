from app.shared import Keep, OldName  # [SSOT001]

PAIR = (Keep, OldName)
