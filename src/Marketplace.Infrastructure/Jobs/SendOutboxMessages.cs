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
/// is resent with its Message-Id once the lease runs out. The lease is short and renewed while the
/// run lives (<see cref="OutboxLeaseHeartbeat"/>), so a run that died leaves its messages to the
/// next run within one lease. A run stops sending a fifth of the lease before its last renewal
/// ends, so its marks land while it still holds the lease, and on cancellation or
/// shutdown it still writes the marks of what was accepted. While a full batch is sent, the next
/// one is claimed beside it, so a run of many batches does not stop between them for its claims
/// (the sender 12–14 % faster, measured: infra/bench/RESULTS.md). A lost connection (a 421, a
/// drop, a relay restart) is reopened and the run goes on, charging nothing; a relay that stays
/// down leaves the messages uncharged to the next run.
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
    // Tries to open a session after the first one failed: a relay restarting or briefly away is
    // waited for within the run; one that stays down leaves the messages, uncharged, to the next run.
    private static readonly TimeSpan[] ReopenDelays =
        [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    // A message that breaks this many freshly opened sessions is charged an attempt: the relay
    // answers, so it is the message, and it must not hold back the ones after it forever.
    private const int MostDropsPerMessage = 3;

    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        var batch = await ClaimBatchAsync(db, cancellationToken);
        if (batch.Messages.Count == 0)
        {
            return 0;
        }
        await using var heartbeat = new OutboxLeaseHeartbeat(scopes, mailOptions.Value.Lease, clock, logger);
        var sent = 0;
        while (batch.Messages.Count > 0)
        {
            var lease = heartbeat.Hold(batch.LeaseId, batch.Messages.Select(m => m.Id).ToList(), batch.LeasedUntilUtc);
            // A full batch means more may wait: the next one is claimed while this one is sent,
            // on a context of its own (the marks use this one), so sending never waits for a claim.
            var next = batch.Messages.Count >= mailOptions.Value.BatchSize && !cancellationToken.IsCancellationRequested
                ? Task.Run(() => ClaimAheadAsync(heartbeat), CancellationToken.None)
                : null;
            BatchOutcome outcome;
            try
            {
                outcome = await SendBatchAsync(batch, lease, cancellationToken);
            }
            catch
            {
                await GiveBackAsync(next, heartbeat);
                throw;
            }
            finally
            {
                heartbeat.Drop(batch.LeaseId);
            }
            sent += outcome.Sent;
            if (next is null)
            {
                break;
            }
            if (outcome.LeaseLost || outcome.RelayDown || cancellationToken.IsCancellationRequested)
            {
                await GiveBackAsync(next, heartbeat);
                break;
            }
            batch = await next;
        }
        return sent;
    }

    /// <summary>
    /// Claims the next batch in a scope of its own, and renews its lease from then on (it may
    /// wait longer than one lease for its turn). Not cancellable: a claim cut between its update
    /// and its read would hold messages nobody sends until the lease runs out; a claim that is
    /// not wanted any more is given back instead (<see cref="GiveBackAsync"/>).
    /// </summary>
    private async Task<Batch> ClaimAheadAsync(OutboxLeaseHeartbeat heartbeat)
    {
        await using var scope = scopes.CreateAsyncScope();
        var batch = await ClaimBatchAsync(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>(), CancellationToken.None);
        if (batch.Messages.Count > 0)
        {
            heartbeat.Hold(batch.LeaseId, batch.Messages.Select(m => m.Id).ToList(), batch.LeasedUntilUtc);
        }
        return batch;
    }

    /// <summary>Releases a batch claimed ahead that will not be sent by this run.</summary>
    private async Task GiveBackAsync(Task<Batch>? claiming, OutboxLeaseHeartbeat heartbeat)
    {
        if (claiming is null)
        {
            return;
        }
        try
        {
            var batch = await claiming;
            heartbeat.Drop(batch.LeaseId);
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

    /// <summary>
    /// Sends a batch over one session, opening a new one when the connection is lost: the
    /// message in flight is sent again with its Message-Id (it may have been accepted, which
    /// at-least-once allows) and is charged nothing. Only a message the server refused on a live
    /// connection is charged an attempt.
    /// </summary>
    private async Task<BatchOutcome> SendBatchAsync(Batch batch, HeldLease lease, CancellationToken cancellationToken)
    {
        var marks = new OutboxMarks(db, batch.LeaseId, clock);
        var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            logger.LogWarning("No mail session could be opened; {Count} messages wait for the next run", batch.Messages.Count);
            await marks.ReleaseAsync(batch.Messages);
            return new BatchOutcome(0, marks.LeaseLost, RelayDown: true);
        }
        var sent = 0;
        // Messages before this one are done: accepted, or charged an attempt.
        var next = 0;
        var drops = 0;
        var interrupted = false;
        var relayDown = false;
        MimeMessage? upcoming = null;
        try
        {
            while (next < batch.Messages.Count)
            {
                // Marks must land before another node may take the messages over; the end
                // follows the heartbeat's renewals.
                if (marks.LeaseLost || cancellationToken.IsCancellationRequested
                    || clock.GetUtcNow().UtcDateTime >= lease.LeasedUntilUtc - mailOptions.Value.Lease / 5)
                {
                    break;
                }
                var message = batch.Messages[next];
                MimeMessage? mime = null;
                MailSessionLostException? lost = null;
                try
                {
                    mime = upcoming ?? ToMime(message);
                    upcoming = null;
                    interrupted = true;
                    var sending = connection.SendAsync(mime, cancellationToken);
                    // Build the next message while the server answers this one.
                    upcoming = next + 1 < batch.Messages.Count ? TryToMime(batch.Messages[next + 1]) : null;
                    await sending;
                }
                catch (MailSessionLostException e)
                {
                    lost = e;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    interrupted = false;
                    logger.LogWarning(e, "Sending outbox message {MessageId} failed", message.MessageId);
                    await ChargeAsync(marks, message, e);
                    drops = 0;
                    next++;
                    continue;
                }
                if (lost is not null)
                {
                    interrupted = false;
                    await CloseLostAsync(connection);
                    connection = null;
                    if (++drops < MostDropsPerMessage)
                    {
                        logger.LogInformation(lost, "The mail session was lost after {Sent} messages; opening a new one", sent);
                        // Sent again first on the new session, with its Message-Id.
                        upcoming = mime;
                    }
                    else
                    {
                        logger.LogWarning(lost, "Outbox message {MessageId} broke {Drops} sessions", message.MessageId, drops);
                        await ChargeAsync(marks, message, lost);
                        upcoming = null;
                        drops = 0;
                        next++;
                    }
                    connection = await OpenAsync(cancellationToken);
                    if (connection is null)
                    {
                        relayDown = true;
                        logger.LogWarning("No new mail session could be opened; {Count} messages wait for the next run",
                            batch.Messages.Count - next);
                        break;
                    }
                    continue;
                }
                interrupted = false;
                drops = 0;
                next++;
                sent++;
                await marks.AcceptedAsync(message);
            }
        }
        finally
        {
            // Also on cancellation: what the server accepted is marked before the run ends. The
            // message whose send was interrupted keeps its lease (it may have been accepted).
            await marks.FlushAsync();
            await marks.ReleaseAsync(batch.Messages.Skip(interrupted ? next + 1 : next).ToList());
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        return new BatchOutcome(sent, marks.LeaseLost, relayDown);
    }

    /// <summary>Opens a session, trying again after short pauses; null when the relay stays away.</summary>
    private async Task<IMailSession?> OpenAsync(CancellationToken cancellationToken)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                return await transport.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (tries == ReopenDelays.Length)
                {
                    logger.LogWarning(e, "Could not open a mail session ({Tries} tries)", tries + 1);
                    return null;
                }
            }
            await Task.Delay(ReopenDelays[tries], clock, cancellationToken);
        }
    }

    private static async Task CloseLostAsync(IMailSession connection)
    {
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception)
        {
            // The connection is gone already; there is nothing left to close cleanly.
        }
    }

    private async Task ChargeAsync(OutboxMarks marks, OutboxMessage message, Exception error)
    {
        message.MarkAttemptFailed(error.Message, clock.GetUtcNow().UtcDateTime);
        await marks.RecordAsync([message]);
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

    /// <summary>
    /// How many messages the server accepted, whether another run took the batch over, and
    /// whether the relay stayed away (the rest of the run waits for the next one).
    /// </summary>
    private readonly record struct BatchOutcome(int Sent, bool LeaseLost, bool RelayDown = false);
}
