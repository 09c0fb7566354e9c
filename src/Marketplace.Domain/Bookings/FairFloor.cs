using Marketplace.Domain.Venues;

namespace Marketplace.Domain.Bookings;

/// <summary>A stall held on a fair day, and whom it counts for in the quotas.</summary>
public sealed record StallHolding(int StallId, QuotaEligibility Holder);

/// <summary>
/// The stalls of a fair day's venue and which of them are held. Retired stalls are never free
/// and do not count in the day's stalls. "First free" means the lowest code (ordinal), then id.
/// </summary>
public sealed class FairFloor
{
    private readonly HashSet<int> _held;

    public FairFloor(IEnumerable<Stall> stalls, IEnumerable<StallHolding> holdings)
    {
        var all = stalls.ToList();
        Holdings = holdings.ToList();
        _held = Holdings.Select(h => h.StallId).ToHashSet();
        AllStalls = all;
        Stalls = all.Where(s => !s.IsRetired).OrderBy(s => s.Code, StringComparer.Ordinal).ThenBy(s => s.Id).ToList();
        FreeStalls = Stalls.Where(s => !_held.Contains(s.Id)).ToList();
        Holders = Holdings.Select(h => h.Holder).ToList();
    }

    /// <summary>Every stall of the venue, retired ones included.</summary>
    public IReadOnlyList<Stall> AllStalls { get; }
    /// <summary>The stalls in service, in code order: the day's stalls for the quotas.</summary>
    public IReadOnlyList<Stall> Stalls { get; }
    /// <summary>Stalls in service that nobody holds, in code order.</summary>
    public IReadOnlyList<Stall> FreeStalls { get; }
    public IReadOnlyList<StallHolding> Holdings { get; }
    public IReadOnlyList<QuotaEligibility> Holders { get; }

    public bool IsHeld(int stallId) => _held.Contains(stallId);

    /// <summary>The same floor with one more stall held.</summary>
    public FairFloor With(StallHolding holding) => new(AllStalls, [.. Holdings, holding]);
}
