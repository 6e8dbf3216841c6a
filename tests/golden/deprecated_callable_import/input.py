from app.websocket_core import create_websocket_manager  # [SSOT001]
from app.websocket_core import get_websocket_manager_factory as factory  # [SSOT001]


def build(context):
    legacy = create_websocket_manager(context)  # [SSOT004]
    return factory()(context), legacy  # [SSOT004]
