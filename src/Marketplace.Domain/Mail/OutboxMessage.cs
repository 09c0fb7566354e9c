namespace Marketplace.Domain.Mail;

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change that caused it.
/// It keeps one Message-Id across retries so that a resend after a crash is recognisable.
/// </summary>
public class OutboxMessage
{
    /// <summary>Delays before attempts 2, 3, …; after the last one the message is failed.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(8),
    ];

    public Guid Id { get; set; }
    public required string MessageId { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public required string Culture { get; set; }
    /// <summary>What caused the message (confirm-email, booking-confirmed, …), for reports.</summary>
    public required string Kind { get; set; }
    public OutboxStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>A sender's claim on the message until this instant (lease).</summary>
    public DateTime? LeasedUntilUtc { get; set; }
    public Guid? LeaseId { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>
    /// The List-Unsubscribe header value (RFC 2369) of a message a resident may stop, e.g.
    /// <c>&lt;https://…/Subscribe/Unsubscribe?token=…&gt;</c>; its https link also takes the
    /// RFC 8058 one-click POST.
    /// </summary>
    public string? ListUnsubscribe { get; set; }

    public static OutboxMessage Create(string to, string? toName, string subject, string text, string? html,
        string culture, string kind, string messageIdDomain, DateTime utcNow)
    {
        var id = Guid.NewGuid();
        return new OutboxMessage
        {
            Id = id,
            MessageId = $"{id:N}@{messageIdDomain}",
            ToAddress = to,
            ToName = toName,
            Subject = subject,
            TextBody = text,
            HtmlBody = html,
            Culture = culture,
            Kind = kind,
            Status = OutboxStatus.Pending,
            CreatedAtUtc = utcNow,
            NextAttemptAtUtc = utcNow,
        };
    }

    public void MarkSent(DateTime utcNow)
    {
        Status = OutboxStatus.Sent;
        SentAtUtc = utcNow;
        Attempts++;
        LeasedUntilUtc = null;
        LeaseId = null;
        LastError = null;
    }

    /// <summary>Records a failed attempt: retry later with a growing delay, or give up.</summary>
    public void MarkAttemptFailed(string error, DateTime utcNow)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        LeasedUntilUtc = null;
        LeaseId = null;
        if (Attempts > RetryDelays.Count)
        {
            Status = OutboxStatus.Failed;
            return;
        }
        NextAttemptAtUtc = utcNow + RetryDelays[Attempts - 1];
    }
}
