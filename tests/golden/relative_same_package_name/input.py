from .unified_manager import UserExecutionContext  # [SSOT001]
from .manager import WebSocketManager as WSM  # [SSOT001]

PAIR = (UserExecutionContext, WSM)
