from app.websocket_core.websocket_manager_factory import create_websocket_manager, get_websocket_manager_factory  # noqa: SSOT001
