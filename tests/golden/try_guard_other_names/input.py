try:
    from app.websocket_core.websocket_manager import UnifiedWebSocketManager
except ImportError:
    from app.websocket_core.manager import WebSocketManager as UnifiedWebSocketManager
    from app.websocket_core.manager import UserExecutionContext  # [SSOT001]

try:
    from app.websocket_core.unified_manager import UserExecutionContext as Context  # [SSOT001]
except (ModuleNotFoundError, AttributeError):
    from app.websocket_core.websocket_manager import UserExecutionContext as Context
