"""A relay for the tests that ends each connection after a number of messages, as relays that
limit messages per connection do. The Maildir handler of aiosmtpd, plus:

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c closing_relay.ClosingMailbox MAILDIR N 421|drop

"421" answers the next MAIL FROM with 421 and closes the connection; "drop" cuts it without a word.
"""
import asyncio

from aiosmtpd.handlers import Mailbox


class ClosingMailbox(Mailbox):
    def __init__(self, mail_dir, per_connection, how):
        super().__init__(mail_dir)
        self.per_connection = per_connection
        self.how = how

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 3 or args[2] not in ("421", "drop"):
            parser.error("MAILDIR, messages per connection and 421 or drop are required")
        return cls(args[0], int(args[1]), args[2])

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if getattr(session, "delivered", 0) < self.per_connection:
            envelope.mail_from = address
            envelope.mail_options.extend(mail_options)
            return "250 OK"
        if self.how == "drop":
            server.transport.abort()
            return "250 OK"
        # Closed once the reply is written.
        asyncio.get_running_loop().call_soon(server.transport.close)
        return "421 4.7.0 Too many messages on this connection, try again"

    async def handle_DATA(self, server, session, envelope):
        status = await super().handle_DATA(server, session, envelope)
        session.delivered = getattr(session, "delivered", 0) + 1
        return status
