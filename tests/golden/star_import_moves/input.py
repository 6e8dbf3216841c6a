from app.websocket_core.unified_manager import *  # [SSOT001]

CTX = UserExecutionContext
