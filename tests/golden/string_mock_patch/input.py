from unittest import mock
from unittest.mock import patch


@mock.patch("app.websocket_core.manager.WebSocketManager")  # [SSOT002]
def test_one(fake):
    with patch("app.websocket_core.unified_manager.UnifiedWebSocketManager.connect"):  # [SSOT002]
        pass
