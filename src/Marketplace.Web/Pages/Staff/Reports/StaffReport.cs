using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Reports;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Staff.Reports;

/// <summary>
/// The figures of one municipality's fairs over a period of local dates: occupancy per fair day
/// and per series, the producers who held a stall (by organization type, contact's gender and
/// corridor) and the stall fees. Skipped and cancelled days are listed but count no occupancy,
/// producers or fees.
/// </summary>
public sealed class StaffReport
{
    public sealed record DayRow(int Id, DateOnly Date, string Series, string Venue, FairDayStatus Status, Occupancy Occupancy);
    public sealed record SeriesRow(string Series, int Days, Occupancy Occupancy);
    public sealed record CountRow(string Key, int Producers);
    public sealed record FeeRow(string Series, FeeTotals Totals);

    public IReadOnlyList<DayRow> Days { get; private init; } = [];
    public IReadOnlyList<SeriesRow> Series { get; private init; } = [];
    public IReadOnlyList<CountRow> ByOrganizationType { get; private init; } = [];
    public IReadOnlyList<CountRow> ByGender { get; private init; } = [];
    public IReadOnlyList<CountRow> ByCorridor { get; private init; } = [];
    public IReadOnlyList<FeeRow> Fees { get; private init; } = [];
    public FeeTotals FeeTotal { get; private init; }

    /// <summary>The key of a producer whose contact gave no gender.</summary>
    public const string NotGiven = "NotGiven";

    public static async Task<StaffReport> BuildAsync(MarketplaceDbContext db, int municipalityId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var days = await db.FairDays.AsNoTracking()
            .Where(d => d.FairSeries!.OrganizerMunicipalityId == municipalityId && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date).ThenBy(d => d.StartTime).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Id, d.Date, Series = d.FairSeries!.Name, Venue = d.Venue!.Name, d.Status,
                Stalls = db.Stalls.Count(s => s.VenueId == d.VenueId && !s.IsRetired),
            })
            .ToListAsync(cancellationToken);
        var dayIds = days.Where(d => d.Status == FairDayStatus.Scheduled).Select(d => d.Id).ToList();
        var attending = Booking.HoldingStatuses.ToList();
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => dayIds.Contains(b.FairDayId) && attending.Contains(b.Status))
            .Select(b => new
            {
                b.FairDayId, b.ProducerId, b.Producer!.OrganizationType, b.Producer.ContactGender,
                Corridor = b.Producer.Municipality!.Corridor!.Name,
                Fee = new Booking
                {
                    FeeAmount = b.FeeAmount, IsFeeWaived = b.IsFeeWaived, FeeSettledAtUtc = b.FeeSettledAtUtc,
                    FeeReceiptNumber = b.FeeReceiptNumber, FeeCollectedAmount = b.FeeCollectedAmount,
                },
            })
            .ToListAsync(cancellationToken);
        var held = bookings.GroupBy(b => b.FairDayId).ToDictionary(g => g.Key, g => g.Count());
        var dayRows = days.Select(d => new DayRow(d.Id, d.Date, d.Series, d.Venue, d.Status,
                d.Status == FairDayStatus.Scheduled ? new Occupancy(held.GetValueOrDefault(d.Id), d.Stalls) : new Occupancy(0, 0)))
            .ToList();
        var seriesOfDay = days.ToDictionary(d => d.Id, d => d.Series);
        var producers = bookings.DistinctBy(b => b.ProducerId).ToList();
        var fees = bookings.Select(b => (Series: seriesOfDay[b.FairDayId], b.Fee)).ToList();
        return new StaffReport
        {
            Days = dayRows,
            Series = dayRows.GroupBy(d => d.Series).OrderBy(g => g.Key)
                .Select(g => new SeriesRow(g.Key, g.Count(), Occupancy.Sum(g.Select(d => d.Occupancy)))).ToList(),
            ByOrganizationType = Count(producers.Select(p => p.OrganizationType.ToString())),
            ByGender = Count(producers.Select(p => p.ContactGender?.ToString() ?? NotGiven)),
            ByCorridor = Count(producers.Select(p => p.Corridor ?? "—")),
            Fees = fees.GroupBy(f => f.Series).OrderBy(g => g.Key)
                .Select(g => new FeeRow(g.Key, FeeTotals.Of(g.Select(f => f.Fee)))).ToList(),
            FeeTotal = FeeTotals.Of(fees.Select(f => f.Fee)),
        };
    }

    private static List<CountRow> Count(IEnumerable<string> keys) =>
        keys.GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CountRow(g.Key, g.Count())).ToList();
}
