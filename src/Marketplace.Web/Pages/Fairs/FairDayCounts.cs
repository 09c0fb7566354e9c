using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Caching;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// How many coming fair days match a filter, kept per node for a minute (<see cref="KeptForAMinute"/>) and
/// dropped whenever something the listings show is saved here (the same moments the output
/// cache is evicted). At region scale the count of a product or organic search walks the
/// bookings of every coming day (about 100 ms), while the page itself stops after 20 rows; the
/// pages of one search, its languages, its open data and its map markers all share one count.
/// </summary>
public sealed class FairDayCounts(ComingOffers? offers = null) : IPublicListingObserver, IDisposable
{
    /// <summary>
    /// What the listings keep, at most this many values (each search's count, each day's line, each
    /// word's producers), in a cache of their own: a stream of searches nobody repeats (a crawler,
    /// an attacker) fills it and is then simply not kept, instead of growing the node's memory.
    /// </summary>
    public const int MaxKept = 20_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxKept });

    private readonly ChangeSignal _changes = new();

    /// <summary>
    /// Raised whenever something the listings show is saved on this node: what else a listing keeps
    /// for the minute (its lines, the places its words match) is dropped with the counts.
    /// </summary>
    public ChangeSignal Changes => _changes;

    /// <summary>Who offers what on the coming days, in this node's memory (none in a bare test setup).</summary>
    public ComingOffers? Offers => offers;

    /// <summary>The node's memory the listings keep things in.</summary>
    public IMemoryCache Cache => _cache;

    /// <summary>The exact count (the open-data API promises it).</summary>
    public Task<int> CountAsync(IQueryable<FairDay> matching, FairDayFilter filter, CancellationToken cancellationToken) =>
        CountAsync(matching, filter, null, cancellationToken);

    /// <summary>
    /// The count up to <paramref name="upTo"/>, or <paramref name="upTo"/> + 1 when there are more
    /// (the database stops after that many): a page says "more than 1,000" instead of walking
    /// every coming day for a number nobody reads, and its first, uncached render stays quick.
    /// </summary>
    public Task<int> CountAsync(IQueryable<FairDay> matching, FairDayFilter filter, int? upTo,
        CancellationToken cancellationToken) =>
        _cache.KeptAsync($"fairs:count:{upTo}:{filter.ToQueryString()}", () => upTo is { } cap
            // Which days are counted does not matter, only how many; ordered by key so the limit is
            // well defined (EF warns otherwise). At region scale the plan is the same scan as
            // without it: SQLite walks the table in key order anyway, with no sort.
            ? matching.OrderBy(d => d.Id).Take(cap + 1).CountAsync(cancellationToken)
            : matching.CountAsync(cancellationToken), _changes);

    public void Changed() => _changes.Raise();

    public void Dispose() => _cache.Dispose();
}
