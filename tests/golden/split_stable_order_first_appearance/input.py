from app.shared import OldEvent, Keep, OldName as Renamed  # [SSOT001, SSOT001]

ALL = (OldEvent, Keep, Renamed)
