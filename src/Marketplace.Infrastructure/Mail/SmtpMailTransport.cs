using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Infrastructure.Mail;

/// <summary>Sends over SMTP with MailKit, one connection per batch.</summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(settings.Host ?? throw new InvalidOperationException("Smtp:Host is not set."), settings.Port, ParseSecurity(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            }
            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static SecureSocketOptions ParseSecurity(string value) => value.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (IsConnectionLost(e))
            {
                throw new MailSessionLostException($"The SMTP connection was lost: {e.Message}", e);
            }
        }

        /// <summary>
        /// The connection, not the message, failed: it dropped or timed out, or the server said
        /// 421 (it is closing the connection: too many messages on it, shutting down). A 4xx or
        /// 5xx for the message or its recipient is the server refusing that message.
        /// </summary>
        private static bool IsConnectionLost(Exception e) => e switch
        {
            ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException or TimeoutException => true,
            SmtpCommandException command => command.StatusCode == SmtpStatusCode.ServiceNotAvailable,
            _ => false,
        };

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true);
                }
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
