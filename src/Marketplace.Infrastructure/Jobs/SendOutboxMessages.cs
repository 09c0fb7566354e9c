using Hangfire;
using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Sends due outbox messages. A run claims a batch with a lease (so two nodes never send the
/// same message at once), sends it over one connection and marks each message sent only after
/// the server accepted it. A message is resent only if the process dies between the server's
/// acceptance and that mark, and then with the same Message-Id.
/// The batch is loaded untracked and each outcome written with one conditional update on the
/// message and this run's lease: a tracked SaveChanges per message over the whole batch cost
/// ten times the SMTP exchange (infra/bench/RESULTS.md).
/// </summary>
public sealed class SendOutboxMessages(
    MarketplaceDbContext db,
    IMailTransport transport,
    IOptions<MailOptions> mailOptions,
    IOptions<SmtpOptions> smtpOptions,
    TimeProvider clock,
    ILogger<SendOutboxMessages> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await ClaimBatchAsync(cancellationToken);
            if (batch.Messages.Count == 0)
            {
                break;
            }
            sent += await SendBatchAsync(batch, cancellationToken);
            if (batch.Messages.Count < mailOptions.Value.BatchSize)
            {
                break;
            }
        }
        return sent;
    }

    private async Task<Batch> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseId = Guid.NewGuid();
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now
                && (m.LeasedUntilUtc == null || m.LeasedUntilUtc < now))
            .OrderBy(m => m.NextAttemptAtUtc)
            .Select(m => m.Id)
            .Take(mailOptions.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return new Batch(leaseId, now, []);
        }
        // The conditional update is the claim: another node's concurrent claim matches no rows.
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending
                && (m.LeasedUntilUtc == null || m.LeasedUntilUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseId, leaseId)
                .SetProperty(m => m.LeasedUntilUtc, now + mailOptions.Value.Lease), cancellationToken);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.LeaseId == leaseId)
            .OrderBy(m => m.NextAttemptAtUtc).ToListAsync(cancellationToken);
        return new Batch(leaseId, now + mailOptions.Value.Lease, messages);
    }

    private async Task<int> SendBatchAsync(Batch batch, CancellationToken cancellationToken)
    {
        var sent = 0;
        var done = 0;
        IMailSession? session = null;
        try
        {
            session = await transport.OpenAsync(cancellationToken);
            foreach (var message in batch.Messages)
            {
                // Past its lease another node may have taken the message over: leave the rest to it.
                if (clock.GetUtcNow().UtcDateTime >= batch.LeasedUntilUtc)
                {
                    break;
                }
                try
                {
                    await session.SendAsync(ToMime(message), cancellationToken);
                    message.MarkSent(clock.GetUtcNow().UtcDateTime);
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Sending outbox message {MessageId} failed", message.MessageId);
                    message.MarkAttemptFailed(e.Message, clock.GetUtcNow().UtcDateTime);
                }
                done++;
                // Mark each message as soon as the server accepted it: a crash later in the
                // batch must not cause this one to be sent again.
                await RecordAsync(message, batch.LeaseId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not open a mail session; {Count} messages wait for a retry",
                batch.Messages.Count - done);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var message in batch.Messages.Skip(done))
            {
                message.MarkAttemptFailed(e.Message, now);
                await RecordAsync(message, batch.LeaseId);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
        return sent;
    }

    /// <summary>
    /// Writes the outcome the domain gave the message, in one autocommitted update that only
    /// matches while this run still holds the lease.
    /// </summary>
    private Task<int> RecordAsync(OutboxMessage message, Guid leaseId) =>
        db.OutboxMessages
            .Where(m => m.Id == message.Id && m.LeaseId == leaseId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, message.Status)
                .SetProperty(m => m.Attempts, message.Attempts)
                .SetProperty(m => m.SentAtUtc, message.SentAtUtc)
                .SetProperty(m => m.NextAttemptAtUtc, message.NextAttemptAtUtc)
                .SetProperty(m => m.LastError, message.LastError)
                .SetProperty(m => m.LeaseId, message.LeaseId)
                .SetProperty(m => m.LeasedUntilUtc, message.LeasedUntilUtc), CancellationToken.None);

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject };
        mime.From.Add(MailboxAddress.Parse(smtpOptions.Value.From));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        mime.Headers.Add(HeaderId.ContentLanguage, message.Culture);
        mime.Date = message.CreatedAtUtc;
        if (message.ListUnsubscribe is { } unsubscribe)
        {
            mime.Headers.Add(HeaderId.ListUnsubscribe, unsubscribe);
            // RFC 8058: the https link takes a POST with this body and needs no other step.
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>Messages claimed under one lease, valid until <paramref name="LeasedUntilUtc"/>.</summary>
    private sealed record Batch(Guid LeaseId, DateTime LeasedUntilUtc, List<OutboxMessage> Messages);
}
