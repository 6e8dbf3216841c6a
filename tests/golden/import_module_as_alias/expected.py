import app.websocket_core.websocket_manager as um  # [SSOT001]

CTX = um.UserExecutionContext
