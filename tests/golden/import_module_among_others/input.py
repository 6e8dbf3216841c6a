import os, app.websocket_core.unified_manager as um  # [SSOT001]

CTX = (os.sep, um.UserExecutionContext)
