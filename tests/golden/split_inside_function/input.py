def load():
    from app.shared import OldName, Keep  # [SSOT001]

    return OldName, Keep
