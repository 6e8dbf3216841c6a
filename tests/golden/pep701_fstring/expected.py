from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]

names = ["a", "b"]
MESSAGE = f"{", ".join(f"{n!r}" for n in names)} and {f"{"nested"}"}"
