from . import websocket_manager as unified_manager  # [SSOT001]

CTX = unified_manager.UserExecutionContext
