using Marketplace.Domain.Fairs;

namespace Marketplace.Domain.Bookings;

/// <summary>
/// The stalls of a fair day reserved for women's organizations and for local producers: the
/// series' percentages of the day's stalls, rounded up. A reserved stall counts as used while a
/// producer eligible for its quota holds a stall (a local women's organization uses one of each).
/// A producer may take a free stall only if the free stalls left afterwards still cover the
/// unused reserved stalls of the quotas it is not eligible for.
/// </summary>
public sealed record StallQuotas(int WomenReserved, int LocalReserved)
{
    public static StallQuotas None { get; } = new(0, 0);

    public static StallQuotas For(FairSeries series, int stallCount) =>
        new(Reserved(series.WomenQuotaPercent, stallCount), Reserved(series.LocalQuotaPercent, stallCount));

    /// <summary>Reserved women's stalls no women's organization holds yet.</summary>
    public int WomenOpen(IEnumerable<QuotaEligibility> holders) =>
        Math.Max(0, WomenReserved - holders.Count(h => h.WomensOrganization));

    /// <summary>Reserved local stalls no local producer holds yet.</summary>
    public int LocalOpen(IEnumerable<QuotaEligibility> holders) =>
        Math.Max(0, LocalReserved - holders.Count(h => h.Local));

    /// <summary>How many free stalls must stay free for others when this producer takes one.</summary>
    public int StallsToKeepFree(QuotaEligibility producer, IReadOnlyCollection<QuotaEligibility> holders) =>
        (producer.WomensOrganization ? 0 : WomenOpen(holders)) + (producer.Local ? 0 : LocalOpen(holders));

    /// <summary>Whether the producer may take one of <paramref name="freeStalls"/> free stalls.</summary>
    public bool Allow(QuotaEligibility producer, int freeStalls, IReadOnlyCollection<QuotaEligibility> holders) =>
        freeStalls > 0 && freeStalls - 1 >= StallsToKeepFree(producer, holders);

    private static int Reserved(int percent, int stallCount) =>
        percent <= 0 || stallCount <= 0 ? 0 : (Math.Min(percent, 100) * stallCount + 99) / 100;
}
