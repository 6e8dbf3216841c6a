GREETING = "héllo ✓"; from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]
