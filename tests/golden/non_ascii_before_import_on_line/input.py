GREETING = "héllo ✓"; from app.websocket_core.unified_manager import UnifiedWebSocketManager  # [SSOT001]
