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
            if (batch.Count == 0)
            {
                break;
            }
            sent += await SendBatchAsync(batch, cancellationToken);
            if (batch.Count < mailOptions.Value.BatchSize)
            {
                break;
            }
        }
        return sent;
    }

    private async Task<List<OutboxMessage>> ClaimBatchAsync(CancellationToken cancellationToken)
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
            return [];
        }
        // The conditional update is the claim: another node's concurrent claim matches no rows.
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending
                && (m.LeasedUntilUtc == null || m.LeasedUntilUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseId, leaseId)
                .SetProperty(m => m.LeasedUntilUtc, now + mailOptions.Value.Lease), cancellationToken);
        return await db.OutboxMessages.Where(m => m.LeaseId == leaseId).ToListAsync(cancellationToken);
    }

    private async Task<int> SendBatchAsync(List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var sent = 0;
        IMailSession? session = null;
        try
        {
            session = await transport.OpenAsync(cancellationToken);
            foreach (var message in batch)
            {
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
                // Mark each message as soon as the server accepted it: a crash later in the
                // batch must not cause this one to be sent again.
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not open a mail session; {Count} messages wait for a retry", batch.Count);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var message in batch.Where(m => m.Status == OutboxStatus.Pending && m.LeaseId is not null))
            {
                message.MarkAttemptFailed(e.Message, now);
            }
            await db.SaveChangesAsync(CancellationToken.None);
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
}
