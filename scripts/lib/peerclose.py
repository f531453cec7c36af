"""Closing a sending socket the way a careful client does, shared by the recording scripts."""
import socket


def wait_closed(s, timeout):
    """Reads (and discards) until the receiver closes, the connection breaks, or timeout."""
    s.settimeout(timeout)
    try:
        while s.recv(4096):
            pass
    except (socket.timeout, ConnectionError):
        pass


def close_after_peer(s, timeout):
    """Half-close, then read until the receiver closes too (or timeout), so every byte sent was read."""
    s.shutdown(socket.SHUT_WR)
    wait_closed(s, timeout)
    s.close()
