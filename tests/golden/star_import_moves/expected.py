from app.websocket_core.websocket_manager import *  # [SSOT001]

CTX = UserExecutionContext
