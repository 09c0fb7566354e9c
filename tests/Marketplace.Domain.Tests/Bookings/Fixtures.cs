using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Venues;

namespace Marketplace.Domain.Tests.Bookings;

/// <summary>Small builders for the booking rules' inputs.</summary>
internal static class Fixtures
{
    public const int Organizer = 10;
    public const int Elsewhere = 20;

    public static readonly DateTime Now = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    public static FairSeries Series(AllocationMode allocation = AllocationMode.FirstCome, int womenPercent = 0,
        int localPercent = 0, bool requiresApproval = false, int maxStalls = 1) => new()
    {
        Id = 1,
        Name = "Feria",
        OrganizerMunicipalityId = Organizer,
        Allocation = allocation,
        WomenQuotaPercent = womenPercent,
        LocalQuotaPercent = localPercent,
        RequiresApproval = requiresApproval,
        MaxStallsPerProducer = maxStalls,
        OfferHoldHours = 24,
        CancellationDeadlineHours = 24,
        Fees =
        [
            new SeriesFee { StallKind = StallKind.Produce, Amount = 10m },
            new SeriesFee { StallKind = StallKind.PreparedFood, Amount = 25m },
        ],
    };

    /// <summary>A scheduled day starting in ten days, its window open from nine days ago until a day before.</summary>
    public static FairDay Day(FairDayStatus status = FairDayStatus.Scheduled) => new()
    {
        Id = 7,
        FairSeriesId = 1,
        VenueId = 3,
        Status = status,
        StartsAtUtc = Now.AddDays(10),
        EndsAtUtc = Now.AddDays(10).AddHours(6),
        BookingOpensAtUtc = Now.AddDays(-9),
        BookingClosesAtUtc = Now.AddDays(9),
    };

    public static Producer Producer(int id = 100, OrganizationType type = OrganizationType.Family,
        int municipalityId = Elsewhere, bool feeWaived = false) => new()
    {
        Id = id,
        DisplayName = $"Productor {id}",
        OrganizationType = type,
        MunicipalityId = municipalityId,
        IsFeeWaived = feeWaived,
    };

    public static Producer Woman(int id = 200) => Producer(id, OrganizationType.WomensOrganization);

    public static Producer Local(int id = 300) => Producer(id, municipalityId: Organizer);

    /// <summary>Stalls S-01 … S-n at venue 3, ids 1 … n.</summary>
    public static List<Stall> Stalls(int count, StallKind kind = StallKind.Produce) =>
        Enumerable.Range(1, count)
            .Select(i => new Stall { Id = i, VenueId = 3, Code = $"S-{i:00}", Kind = kind })
            .ToList();

    public static FairFloor Floor(List<Stall> stalls, params (int StallId, QuotaEligibility Holder)[] held) =>
        new(stalls, held.Select(h => new StallHolding(h.StallId, h.Holder)));

    public static readonly QuotaEligibility Nobody = new(false, false);
    public static readonly QuotaEligibility Women = new(true, false);
    public static readonly QuotaEligibility Locals = new(false, true);

    public static StallRequest Request(Producer producer, int? stallId = null, FairSeries? series = null,
        FairDay? day = null, bool approved = false, int activeBookings = 0, DateTime? now = null) =>
        new(day ?? Day(), series ?? Series(), producer, approved, activeBookings, stallId, now ?? Now);
}
