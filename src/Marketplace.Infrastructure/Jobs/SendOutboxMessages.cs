using Hangfire;
using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Sends due outbox messages. A run claims a batch with a lease (so two nodes never send the
/// same message at once), sends it over one connection and marks each message sent only after
/// the server accepted it, with the same Message-Id on every attempt.
/// The marks of accepted messages are written in groups (<see cref="OutboxMarks"/>) while the
/// next messages are sent: one autocommitted update per message cost more than its SMTP exchange
/// (infra/bench/RESULTS.md). That keeps the at-least-once rule: a message accepted but not yet
/// marked when the process dies is exactly one that died between acceptance and its mark, and it
/// is resent with its Message-Id once the lease runs out. A run stops sending a fifth of the lease
/// before it ends, so its marks land while it still holds the lease, and on cancellation or
/// shutdown it still writes the marks of what was accepted. While a full batch is sent, the next
/// one is claimed beside it, so a run of many batches does not stop between them for its claims
/// (the sender 12–14 % faster, measured: infra/bench/RESULTS.md).
/// </summary>
public sealed class SendOutboxMessages(
    MarketplaceDbContext db,
    IServiceScopeFactory scopes,
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
        if (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        var sent = 0;
        var batch = await ClaimBatchAsync(db, cancellationToken);
        while (batch.Messages.Count > 0)
        {
            // A full batch means more may wait: the next one is claimed while this one is sent,
            // on a context of its own (the marks use this one), so sending never waits for a claim.
            var next = batch.Messages.Count >= mailOptions.Value.BatchSize && !cancellationToken.IsCancellationRequested
                ? Task.Run(ClaimAheadAsync, CancellationToken.None)
                : null;
            BatchOutcome outcome;
            try
            {
                outcome = await SendBatchAsync(batch, cancellationToken);
            }
            catch
            {
                await GiveBackAsync(next);
                throw;
            }
            sent += outcome.Sent;
            if (next is null)
            {
                break;
            }
            if (outcome.LeaseLost || cancellationToken.IsCancellationRequested)
            {
                await GiveBackAsync(next);
                break;
            }
            batch = await next;
        }
        return sent;
    }

    /// <summary>
    /// Claims the next batch in a scope of its own. Not cancellable: a claim cut between its
    /// update and its read would hold messages nobody sends until the lease runs out; a claim
    /// that is not wanted any more is given back instead (<see cref="GiveBackAsync"/>).
    /// </summary>
    private async Task<Batch> ClaimAheadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ClaimBatchAsync(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>(), CancellationToken.None);
    }

    /// <summary>Releases a batch claimed ahead that will not be sent by this run.</summary>
    private async Task GiveBackAsync(Task<Batch>? claiming)
    {
        if (claiming is null)
        {
            return;
        }
        try
        {
            var batch = await claiming;
            await new OutboxMarks(db, batch.LeaseId, clock).ReleaseAsync(batch.Messages);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Its lease runs out on its own; the messages are sent then.
            logger.LogWarning(e, "A batch claimed ahead could not be given back; it waits for its lease to run out");
        }
    }

    private async Task<Batch> ClaimBatchAsync(MarketplaceDbContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseId = Guid.NewGuid();
        var candidates = await context.OutboxMessages.AsNoTracking()
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
        await context.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending
                && (m.LeasedUntilUtc == null || m.LeasedUntilUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseId, leaseId)
                .SetProperty(m => m.LeasedUntilUtc, now + mailOptions.Value.Lease), cancellationToken);
        // By key, not by lease alone: LeaseId has no index, and a scan reads every body in the table.
        var messages = await context.OutboxMessages.AsNoTracking().Where(m => candidates.Contains(m.Id) && m.LeaseId == leaseId)
            .OrderBy(m => m.NextAttemptAtUtc).ToListAsync(cancellationToken);
        return new Batch(leaseId, now + mailOptions.Value.Lease, messages);
    }

    private async Task<BatchOutcome> SendBatchAsync(Batch batch, CancellationToken cancellationToken)
    {
        var marks = new OutboxMarks(db, batch.LeaseId, clock);
        IMailSession session;
        try
        {
            session = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not open a mail session; {Count} messages wait for a retry", batch.Messages.Count);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var message in batch.Messages)
            {
                message.MarkAttemptFailed(e.Message, now);
            }
            await marks.RecordAsync(batch.Messages);
            return new BatchOutcome(0, marks.LeaseLost);
        }
        await using var connection = session;
        // Marks must land before another node may take the messages over.
        var sendUntilUtc = batch.LeasedUntilUtc - mailOptions.Value.Lease / 5;
        var sent = 0;
        var tried = 0;
        MimeMessage? upcoming = null;
        try
        {
            foreach (var message in batch.Messages)
            {
                if (marks.LeaseLost || cancellationToken.IsCancellationRequested
                    || clock.GetUtcNow().UtcDateTime >= sendUntilUtc)
                {
                    break;
                }
                tried++;
                try
                {
                    var sending = connection.SendAsync(upcoming ?? ToMime(message), cancellationToken);
                    // Build the next message while the server answers this one.
                    upcoming = tried < batch.Messages.Count ? TryToMime(batch.Messages[tried]) : null;
                    await sending;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Sending outbox message {MessageId} failed", message.MessageId);
                    message.MarkAttemptFailed(e.Message, clock.GetUtcNow().UtcDateTime);
                    await marks.RecordAsync([message]);
                    continue;
                }
                sent++;
                await marks.AcceptedAsync(message);
            }
        }
        finally
        {
            // Also on cancellation: what the server accepted is marked before the run ends. The
            // message whose send was interrupted keeps its lease (it may have been accepted).
            await marks.FlushAsync();
            await marks.ReleaseAsync(batch.Messages.Skip(tried).ToList());
        }
        return new BatchOutcome(sent, marks.LeaseLost);
    }

    /// <summary>
    /// The message ahead of its turn, or null when it cannot be built: it is built again in its
    /// turn, so that the error is recorded on that message.
    /// </summary>
    private MimeMessage? TryToMime(OutboxMessage message)
    {
        try
        {
            return ToMime(message);
        }
        catch (Exception)
        {
            return null;
        }
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

    /// <summary>Messages claimed under one lease, valid until <paramref name="LeasedUntilUtc"/>.</summary>
    private sealed record Batch(Guid LeaseId, DateTime LeasedUntilUtc, List<OutboxMessage> Messages);

    /// <summary>How many messages the server accepted, and whether another run took the batch over.</summary>
    private readonly record struct BatchOutcome(int Sent, bool LeaseLost);
}
