import os, app.websocket_core.websocket_manager as um  # [SSOT001]

CTX = (os.sep, um.UserExecutionContext)
