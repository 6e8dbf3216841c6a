from app.websocket_core import create_websocket_manager  # [SSOT001]
from app.websocket_core.websocket_manager import get_websocket_manager


def build(context):
    legacy = create_websocket_manager(context)  # [SSOT004]
    return get_websocket_manager()(context), legacy  # [SSOT004]
