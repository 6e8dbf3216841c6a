from app.websocket_core.unified_manager import Missing  # [SSOT001, SSOT001]
from app.websocket_core.websocket_manager import UnifiedWebSocketManager
