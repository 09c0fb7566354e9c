using MimeKit;

namespace Marketplace.Infrastructure.Mail;

/// <summary>Where mail goes: an SMTP server or a pickup folder.</summary>
public interface IMailTransport
{
    /// <summary>Opens one session (one SMTP connection) for a batch of messages.</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>
    /// Returns once the server has accepted the message. Throws <see cref="MailSessionLostException"/>
    /// when the connection went away under it; any other error is the server refusing the message.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The session's connection dropped or the server closed it (a 421, an idle timeout, a restart):
/// not the message's fault, so the sender opens a new session and sends it again.
/// </summary>
public sealed class MailSessionLostException(string message, Exception innerException) : Exception(message, innerException);
