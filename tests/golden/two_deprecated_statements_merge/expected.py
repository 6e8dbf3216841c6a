from app.websocket_core.websocket_manager import UserExecutionContext  # [SSOT001]
from app.websocket_core.websocket_manager import get_websocket_manager  # [SSOT001]

PAIR = (UserExecutionContext, get_websocket_manager)
