using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Bookings;

/// <summary>
/// What the booking steps share: the transaction that retries a step that lost a race, and the
/// reads of a fair day and its floor that the rules decide on. Used by <see cref="BookingDesk"/>,
/// <see cref="LotteryDrawer"/> and <see cref="BookingReminder"/>.
/// </summary>
public sealed class BookingStore(MarketplaceDbContext db, SqliteWriteGate writeGate, ILogger<BookingStore> logger)
{
    /// <summary>How often one step is tried against conflicting writers before the error is let through.</summary>
    public const int MaxAttempts = 200;

    private static readonly BookingStatus[] Holding = [.. Booking.HoldingStatuses];

    /// <summary>
    /// Runs one step in a transaction, again on fresh data while it loses a race (see
    /// <see cref="DatabaseConflicts.IsRetryable"/>), at most <see cref="MaxAttempts"/> times.
    /// On SQLite the steps of this process take turns (<see cref="SqliteWriteGate"/>).
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                using var turn = await writeGate.EnterAsync(db, cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var result = await step();
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && DatabaseConflicts.IsRetryable(e))
            {
                logger.LogDebug(e, "A booking step lost a race (attempt {Attempt}); trying again", attempt);
                // A little jitter so that writers who collided do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 20)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Saves a step that only added rows (a group's bookings and their e-mails): nothing loaded
    /// was changed, so EF's scan of every tracked entity for changes is skipped (a tenth of a large
    /// group's save).
    /// </summary>
    public async Task SaveAddedAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>The day with what the rules and the e-mails read of it; untracked, as no step changes it through EF.</summary>
    public Task<FairDay?> LoadDayAsync(int fairDayId, CancellationToken cancellationToken) =>
        db.FairDays.AsNoTracking()
            .Include(d => d.FairSeries!).ThenInclude(s => s.Fees)
            .Include(d => d.FairSeries!).ThenInclude(s => s.OrganizerMunicipality)
            .Include(d => d.Venue!).ThenInclude(v => v.Municipality)
            .SingleOrDefaultAsync(d => d.Id == fairDayId, cancellationToken);

    /// <summary>The day's venue stalls and who holds them now, for the allocation rules.</summary>
    public async Task<FairFloor> LoadFloorAsync(FairDay day, CancellationToken cancellationToken)
    {
        var stalls = await db.Stalls.AsNoTracking()
            .Where(s => s.VenueId == day.VenueId)
            .ToListAsync(cancellationToken);
        var holdings = await db.Bookings.AsNoTracking()
            .Where(b => b.FairDayId == day.Id && b.StallId != null && Holding.Contains(b.Status))
            .Select(b => new { StallId = b.StallId!.Value, b.Producer!.OrganizationType, b.Producer.MunicipalityId })
            .ToListAsync(cancellationToken);
        return new FairFloor(stalls, holdings.Select(h =>
            new StallHolding(h.StallId, QuotaEligibility.Of(h.OrganizationType, h.MunicipalityId, day.FairSeries!))));
    }

    /// <summary>The highest waitlist position given on the day, if any.</summary>
    public async Task<int?> HighestPositionAsync(int fairDayId, CancellationToken cancellationToken) =>
        await db.Bookings.Where(b => b.FairDayId == fairDayId).MaxAsync(b => b.WaitlistPosition, cancellationToken);
}
