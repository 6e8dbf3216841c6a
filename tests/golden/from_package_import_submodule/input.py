from app.websocket_core import unified_manager  # [SSOT001]

CTX = unified_manager.UserExecutionContext
