from app.websocket_core.websocket_manager import get_websocket_manager
from app.websocket_core.unified_manager import UserExecutionContext


def get_websocket_manager_factory():
    return get_websocket_manager


def create_websocket_manager(context):
    return get_websocket_manager(context)
