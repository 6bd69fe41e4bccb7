"""A real SMTP server on 127.0.0.1, started by the test, and the moment the reminders run at."""

import email
import socket
from datetime import UTC, datetime
from email import policy

import pytest
from aiosmtpd.controller import Controller

# 07:00 WIB on Tuesday 23 June 2026, when the worker's daily run starts.
RUN_AT = datetime(2026, 6, 23, 0, 0, tzinfo=UTC)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """The SMTP server's handler: keeps every message it accepts, with its envelope."""

    def __init__(self, port):
        self.port = port
        self.messages = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()

    @property
    def recipients(self):
        return sorted(address for rcpt_tos, _message in self.messages for address in rcpt_tos)


@pytest.fixture
def smtp_down(settings):
    """Django sends through SMTP to a port of 127.0.0.1 where no server listens, until started."""
    inbox = Inbox(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = inbox.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Tera Kota Satu <tera@kota-satu.go.id>"
    settings.TERA_BASE_URL = "https://tera.kota-satu.go.id"
    yield inbox
    inbox.stop()


@pytest.fixture
def smtp(smtp_down):
    smtp_down.start()
    return smtp_down


def give_email(*users):
    for user in users:
        user.email = f"{user.username}@kota-satu.go.id"
        user.save(update_fields=["email"])
