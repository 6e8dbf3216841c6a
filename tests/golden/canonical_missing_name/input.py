from app.websocket_core.unified_manager import UserExecutionContext  # [SSOT001]

CTX = UserExecutionContext
