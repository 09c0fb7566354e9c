using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Writes the outcomes of one send run's messages under its lease. Accepted messages are marked
/// sent in groups, one conditional update per group, while the next messages are sent; at most
/// one group is in flight, and it is the only user of the DbContext until it is awaited, so the
/// context is never used by two threads at once. A group starts once the previous one landed and
/// it holds <see cref="GroupSize"/> messages or its oldest waited <see cref="GroupWait"/>.
/// </summary>
internal sealed class OutboxMarks(MarketplaceDbContext db, Guid leaseId, TimeProvider clock)
{
    public const int GroupSize = 100;
    public static readonly TimeSpan GroupWait = TimeSpan.FromMilliseconds(100);
    // Past this many unmarked messages sending waits for the group in flight (and keeps an
    // IN list well below SQL Server's 2,100 parameters).
    private const int MostUnmarked = 500;

    private readonly List<OutboxMessage> _accepted = [];
    private DateTime _oldestAcceptedAtUtc;
    private Task<bool>? _inFlight;

    /// <summary>True once an update matched fewer messages than it wrote: another run holds them now.</summary>
    public bool LeaseLost { get; private set; }

    /// <summary>Takes a message the server accepted; it is marked sent in the next group.</summary>
    public async Task AcceptedAsync(OutboxMessage message)
    {
        if (_accepted.Count == 0)
        {
            _oldestAcceptedAtUtc = clock.GetUtcNow().UtcDateTime;
        }
        _accepted.Add(message);
        if (_inFlight is { IsCompleted: true } || _accepted.Count >= MostUnmarked)
        {
            await LandAsync();
        }
        if (_inFlight is null && (_accepted.Count >= GroupSize
            || clock.GetUtcNow().UtcDateTime - _oldestAcceptedAtUtc >= GroupWait))
        {
            StartGroup();
        }
    }

    /// <summary>Writes outcomes the domain already gave the messages (failures), after the group in flight.</summary>
    public async Task RecordAsync(IReadOnlyCollection<OutboxMessage> messages)
    {
        await LandAsync();
        if (!await WriteAsync(messages))
        {
            LeaseLost = true;
        }
    }

    /// <summary>Marks every accepted message and waits until the marks are written.</summary>
    public async Task FlushAsync()
    {
        await LandAsync();
        if (_accepted.Count > 0)
        {
            StartGroup();
            await LandAsync();
        }
    }

    /// <summary>
    /// Gives never-attempted messages back at once (the run stops early), instead of letting
    /// them wait for the lease to run out.
    /// </summary>
    public async Task ReleaseAsync(IReadOnlyCollection<OutboxMessage> untried)
    {
        await LandAsync();
        if (untried.Count == 0)
        {
            return;
        }
        var ids = untried.Select(m => m.Id).ToList();
        await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.LeaseId == leaseId && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseId, (Guid?)null)
                .SetProperty(m => m.LeasedUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    private void StartGroup()
    {
        // One instant for the group, so the whole group is one update; it is at most
        // GroupWait (or one group in flight) after each message's acceptance.
        var sentAtUtc = clock.GetUtcNow().UtcDateTime;
        var group = _accepted.ToList();
        _accepted.Clear();
        foreach (var message in group)
        {
            message.MarkSent(sentAtUtc);
        }
        // Microsoft.Data.Sqlite runs "async" commands synchronously: without Task.Run the
        // write would not overlap the next SMTP exchanges.
        _inFlight = Task.Run(() => WriteAsync(group));
    }

    private async Task LandAsync()
    {
        if (_inFlight is null)
        {
            return;
        }
        var inFlight = _inFlight;
        _inFlight = null;
        if (!await inFlight)
        {
            LeaseLost = true;
        }
    }

    /// <summary>
    /// Writes the outcome fields the domain set (MarkSent, MarkAttemptFailed), one autocommitted
    /// update per distinct outcome, matching only while this run holds the lease. A sent message
    /// keeps its due time, so a group of sent messages differs only by attempts (usually one update).
    /// Returns false when some message was no longer under this run's lease.
    /// </summary>
    private async Task<bool> WriteAsync(IReadOnlyCollection<OutboxMessage> messages)
    {
        var written = 0;
        foreach (var outcome in messages.GroupBy(m => (m.Status, m.Attempts, m.SentAtUtc, m.LastError, m.LeaseId,
            m.LeasedUntilUtc, NextAttemptAtUtc: m.Status == OutboxStatus.Sent ? (DateTime?)null : m.NextAttemptAtUtc)))
        {
            var ids = outcome.Select(m => m.Id).ToList();
            var o = outcome.Key;
            written += await db.OutboxMessages
                .Where(m => ids.Contains(m.Id) && m.LeaseId == leaseId)
                .ExecuteUpdateAsync(s =>
                {
                    s.SetProperty(m => m.Status, o.Status)
                        .SetProperty(m => m.Attempts, o.Attempts)
                        .SetProperty(m => m.SentAtUtc, o.SentAtUtc)
                        .SetProperty(m => m.LastError, o.LastError)
                        .SetProperty(m => m.LeaseId, o.LeaseId)
                        .SetProperty(m => m.LeasedUntilUtc, o.LeasedUntilUtc);
                    if (o.NextAttemptAtUtc is { } nextAttemptAtUtc)
                    {
                        s.SetProperty(m => m.NextAttemptAtUtc, nextAttemptAtUtc);
                    }
                }, CancellationToken.None);
        }
        return written == messages.Count;
    }
}
