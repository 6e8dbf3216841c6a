try:
    from app.websocket_core.websocket_manager import UnifiedWebSocketManager
except ImportError:
    from app.websocket_core.manager import WebSocketManager as UnifiedWebSocketManager
