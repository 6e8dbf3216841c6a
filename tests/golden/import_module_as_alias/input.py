import app.websocket_core.unified_manager as um  # [SSOT001]

CTX = um.UserExecutionContext
