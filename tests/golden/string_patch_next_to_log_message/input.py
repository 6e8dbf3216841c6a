import logging
from unittest import mock


def test_patch():
    logging.info("patching app.websocket_core.unified_manager.UnifiedWebSocketManager")
    with mock.patch("app.websocket_core.unified_manager.UnifiedWebSocketManager"):  # [SSOT002]
        pass
