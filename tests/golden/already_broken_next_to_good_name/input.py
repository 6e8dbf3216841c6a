from app.websocket_core.unified_manager import UnifiedWebSocketManager, Missing  # [SSOT001, SSOT001]
