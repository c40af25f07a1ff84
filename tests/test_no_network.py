"""Tests never reach the network: an attempt fails the test."""

from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketBlockedError


def test_opening_an_internet_socket_is_blocked() -> None:
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
