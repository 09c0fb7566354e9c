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
    /// <summary>Returns once the server has accepted the message.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
