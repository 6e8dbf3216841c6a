from app.websocket_core.unified_manager import UnifiedWebSocketManager  # [SSOT001]
from app.websocket_core.websocket_manager import UnifiedWebSocketManager

KIND = UnifiedWebSocketManager
