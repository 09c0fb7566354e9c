using Hangfire;
using Marketplace.Domain.Audit;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Fairs.Imports;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Staff;

/// <summary>
/// Imports fair days from CSV for one municipality: every row or none. A small file is applied
/// in the request; a long one (more than <see cref="FairDayImport.InlineRowLimit"/> rows) is
/// queued as a job. The file and its progress are a database row, so the minutely sweep takes
/// over an import whose job was lost with the job storage; a lease keeps two nodes from
/// running one import at once.
/// </summary>
public sealed class FairDayImporter(
    MarketplaceDbContext db,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    ILogger<FairDayImporter> logger)
{
    /// <summary>How long a worker's claim lasts; each progress report renews it, so a dead worker's import is seen within this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const int ProgressEvery = 50;

    /// <summary>Stores the upload and applies it now, or queues it when it is long.</summary>
    public async Task<FairDayImport> StartAsync(int municipalityId, string userId, string fileName, string content,
        CancellationToken cancellationToken)
    {
        var file = FairDayCsv.Read(content);
        var import = new FairDayImport
        {
            MunicipalityId = municipalityId,
            UserId = userId,
            FileName = fileName.Length > 200 ? fileName[..200] : fileName,
            Content = content,
            TotalRows = file.Rows.Count,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Status = FairDayImportStatus.Queued,
        };
        db.FairDayImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        if (import.TotalRows <= FairDayImport.InlineRowLimit)
        {
            await RunAsync(import.Id, cancellationToken);
        }
        else
        {
            Queue(import.Id);
        }
        return import;
    }

    /// <summary>Takes the import if nobody holds it, checks every row, and applies them all or none.</summary>
    public async Task RunAsync(int importId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now.Add(Lease);
        var claimed = await db.FairDayImports
            .Where(i => i.Id == importId && (i.Status == FairDayImportStatus.Queued
                || (i.Status == FairDayImportStatus.Running && i.LeaseUntilUtc < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, FairDayImportStatus.Running)
                .SetProperty(i => i.LeaseUntilUtc, leaseUntil)
                .SetProperty(i => i.CheckedRows, 0), cancellationToken);
        if (claimed == 0)
        {
            return;
        }
        var import = await db.FairDayImports.SingleAsync(i => i.Id == importId, cancellationToken);
        var file = FairDayCsv.Read(import.Content);
        var check = await NewCheckAsync(import.MunicipalityId, cancellationToken);
        foreach (var row in file.Rows)
        {
            check.Add(row);
            if (check.RowCount % ProgressEvery == 0)
            {
                await ReportAsync(importId, check.RowCount, cancellationToken);
            }
        }
        // Renewed once more for the apply, which writes every row in one transaction.
        await ReportAsync(importId, check.RowCount, cancellationToken);
        var problems = file.Problems.Concat(check.Problems).ToList();
        if (problems.Count > 0)
        {
            import.Finish(problems, 0, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var applied = await ApplyAsync(check.Planned, cancellationToken);
            import.Finish([], applied, clock.GetUtcNow().UtcDateTime);
            db.AuditEntries.Add(await AuditAsync(import, applied, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Fair-day import {ImportId} applied {Rows} rows", importId, applied);
        }
        catch (DbUpdateException e)
        {
            // A day changed or was planned meanwhile (the transaction rolled back): check again later.
            logger.LogWarning(e, "Fair-day import {ImportId} met a concurrent change; queued again", importId);
            db.ChangeTracker.Clear();
            await db.FairDayImports.Where(i => i.Id == importId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, FairDayImportStatus.Queued)
                    .SetProperty(i => i.LeaseUntilUtc, (DateTime?)null), cancellationToken);
        }
    }

    /// <summary>The imports waiting or abandoned (lease over), for the sweep.</summary>
    public Task<List<int>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.FairDayImports
            .Where(i => i.Status == FairDayImportStatus.Queued
                || (i.Status == FairDayImportStatus.Running && i.LeaseUntilUtc < now))
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
    }

    private void Queue(int importId)
    {
        // Best effort: the row is saved as queued, and the sweep takes it if this job is lost.
        try
        {
            jobs.Enqueue<ApplyFairDayImport>(job => job.RunAsync(importId, CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not queue fair-day import {ImportId}; the sweep will run it", importId);
        }
    }

    /// <summary>Writes the progress and renews the worker's lease with it.</summary>
    private Task ReportAsync(int importId, int checkedRows, CancellationToken cancellationToken)
    {
        var leaseUntil = clock.GetUtcNow().UtcDateTime.Add(Lease);
        return db.FairDayImports.Where(i => i.Id == importId && i.Status == FairDayImportStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.CheckedRows, checkedRows)
                .SetProperty(i => i.LeaseUntilUtc, leaseUntil), cancellationToken);
    }

    private async Task<FairDayImportCheck> NewCheckAsync(int municipalityId, CancellationToken cancellationToken)
    {
        var series = await db.FairSeries.AsNoTracking()
            .Select(s => new { s.Id, s.Name, s.OrganizerMunicipalityId, Venues = s.Route.Select(r => r.VenueId).ToList() })
            .ToListAsync(cancellationToken);
        var venues = await db.Venues.AsNoTracking()
            .Select(v => new ImportVenue(v.Id, v.Name, v.MunicipalityId))
            .ToListAsync(cancellationToken);
        var seriesIds = series.Where(s => s.OrganizerMunicipalityId == municipalityId).Select(s => s.Id).ToList();
        var venueIds = venues.Where(v => v.MunicipalityId == municipalityId).Select(v => v.Id)
            .Concat(series.Where(s => s.OrganizerMunicipalityId == municipalityId).SelectMany(s => s.Venues))
            .Distinct().ToList();
        var active = Booking.HoldingStatuses.Append(BookingStatus.Requested).Append(BookingStatus.Waitlisted).ToList();
        var existing = await db.FairDays.AsNoTracking()
            .Where(d => seriesIds.Contains(d.FairSeriesId) || venueIds.Contains(d.VenueId))
            .Select(d => new ExistingFairDay(d.Id, d.FairSeriesId, d.OccurrenceDate, d.Date, d.VenueId, d.StartTime,
                d.EndTime, d.Status, db.Bookings.Any(b => b.FairDayId == d.Id && active.Contains(b.Status))))
            .ToListAsync(cancellationToken);
        return new FairDayImportCheck(municipalityId,
            series.Select(s => new ImportSeries(s.Id, s.Name, s.OrganizerMunicipalityId, s.Venues)), venues, existing);
    }

    private async Task<int> ApplyAsync(IReadOnlyList<PlannedFairDay> planned, CancellationToken cancellationToken)
    {
        var seriesIds = planned.Select(p => p.SeriesId).Distinct().ToList();
        var series = await db.FairSeries.Where(s => seriesIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var venueIds = planned.Select(p => p.VenueId).Distinct().ToList();
        var clocks = await db.Venues.AsNoTracking().Where(v => venueIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Municipality!.TimeZoneId })
            .ToDictionaryAsync(v => v.Id, v => new MunicipalClock(v.TimeZoneId), cancellationToken);
        var existingIds = planned.Where(p => p.ExistingId is not null).Select(p => p.ExistingId!.Value).ToList();
        var days = await db.FairDays.Where(d => existingIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var changed = 0;
        foreach (var row in planned)
        {
            var s = series[row.SeriesId];
            if (row.ExistingId is not { } id)
            {
                var day = FairDay.Add(s, row.Date, row.VenueId, row.Start, row.End, clocks[row.VenueId]);
                Conclude(day, row);
                db.FairDays.Add(day);
                changed++;
                continue;
            }
            var existing = days[id];
            if (existing.Date != row.Date || existing.VenueId != row.VenueId || existing.StartTime != row.Start
                || existing.EndTime != row.End)
            {
                existing.Move(s, row.Date, row.VenueId, row.Start, row.End, clocks[row.VenueId]);
                changed++;
            }
            if (existing.Status != row.Status)
            {
                Conclude(existing, row);
                changed++;
            }
        }
        return changed;
    }

    private static void Conclude(FairDay day, PlannedFairDay row)
    {
        if (row.Status == FairDayStatus.Cancelled)
        {
            day.Cancel(row.Reason!);
        }
        else if (row.Status == FairDayStatus.Skipped)
        {
            day.Skip(row.Reason);
        }
    }

    private async Task<AuditEntry> AuditAsync(FairDayImport import, int applied, CancellationToken cancellationToken)
    {
        var userName = await db.Users.Where(u => u.Id == import.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = import.UserId,
            UserName = userName ?? import.UserId,
            EntityType = nameof(FairDayImport),
            EntityId = import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = AuditAction.Modified,
            Changes = AuditChanges.Describe(AuditAction.Added, [
                new AuditedValue(nameof(import.FileName), null, import.FileName),
                new AuditedValue(nameof(import.TotalRows), null, import.TotalRows),
                new AuditedValue("ChangedDays", null, applied),
            ]),
        };
    }
}
