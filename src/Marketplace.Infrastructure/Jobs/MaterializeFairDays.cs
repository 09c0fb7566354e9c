using Hangfire;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Expands every active series into fair days for the coming <see cref="HorizonDays"/> days.
/// Idempotent: existing days (whatever their status) are left alone, and the unique
/// (series, occurrence date) index stops a second node that runs at the same time.
/// </summary>
public sealed class MaterializeFairDays(MarketplaceDbContext db, TimeProvider clock, ILogger<MaterializeFairDays> logger)
{
    public const int HorizonDays = 120;

    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var seriesIds = await db.FairSeries.AsNoTracking()
            .Where(s => s.IsActive)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        var created = 0;
        foreach (var id in seriesIds)
        {
            created += await MaterializeSeriesAsync(id, cancellationToken);
        }
        logger.LogInformation("Materialized {Created} fair days for {Series} series", created, seriesIds.Count);
        return created;
    }

    /// <summary>
    /// Creates the missing coming fair days of one series, right after staff saved it, so they show
    /// at once. Clears the DbContext's change tracker: call it after saving.
    /// </summary>
    public async Task<int> MaterializeSeriesAsync(int seriesId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var series = await db.FairSeries
            .Include(s => s.OrganizerMunicipality)
            .Include(s => s.Route).ThenInclude(r => r.Venue).ThenInclude(v => v!.Municipality)
            .AsSplitQuery()
            .SingleAsync(s => s.Id == seriesId, cancellationToken);
        if (series.Route.Count == 0)
        {
            logger.LogWarning("Series {Series} has no venue in its route", series.Id);
            return 0;
        }
        var today = series.OrganizerMunicipality!.Clock().TodayAt(clock.GetUtcNow().UtcDateTime);
        var until = today.AddDays(HorizonDays);
        var existing = (await db.FairDays
            .Where(d => d.FairSeriesId == series.Id && d.OccurrenceDate >= today && d.OccurrenceDate <= until)
            .Select(d => d.OccurrenceDate)
            .ToListAsync(cancellationToken)).ToHashSet();

        var missing = FairDayPlanner.MissingOccurrences(series.Schedule(), existing, today, until);
        if (missing.Count == 0)
        {
            return 0;
        }
        var clocks = series.Route
            .Select(r => r.Venue!)
            .DistinctBy(v => v.Id)
            .ToDictionary(v => v.Id, v => new MunicipalClock(v.Municipality!.TimeZoneId));
        foreach (var occurrence in missing)
        {
            db.FairDays.Add(FairDay.Plan(series, occurrence, clocks[occurrence.VenueId]));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return missing.Count;
        }
        catch (DbUpdateException e)
        {
            // Another node materialized the same days first; its days stand.
            logger.LogInformation(e, "Fair days of series {Series} were created concurrently", series.Id);
            db.ChangeTracker.Clear();
            return 0;
        }
    }
}
