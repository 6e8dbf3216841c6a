from app.websocket_core.unified_manager import UnifiedWebSocketManager  # [SSOT001]
from app.websocket_core.manager import UnifiedWebSocketManager  # [SSOT001]

KIND = UnifiedWebSocketManager
