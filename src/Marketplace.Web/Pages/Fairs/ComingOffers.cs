using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Caching;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// Who offers what on the coming fair days, in this node's memory: each stall holder's booking
/// (day, producer, what it brings), what each producer sells and when it holds a valid organic
/// certification. A search whose producer must meet several common conditions that are rare
/// together (a product, organic, a product word) asks it for the days where some producer meets
/// them all, and the database then checks only those days instead of walking every coming day's
/// bookings. It only narrows: the database query still decides each day.
/// </summary>
/// <remarks>
/// Built in the background (no request waits for it), at most <see cref="BuildsApart"/> apart. A
/// booking or a change to what the listings show saved on this node drops it at once, and searches
/// go without it until it is built again (after a booking, when a search next asks); a change written around the context (a bulk update) or on
/// another node shows within the minute the picture is kept, as on the public pages. Region scale:
/// about 250,000 bookings, 5 MB, built in a few hundred milliseconds.
/// </remarks>
public sealed class ComingOffers(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ComingOffers> logger)
    : IPublicListingObserver, IBookingObserver
{
    /// <summary>Builds start at least this far apart: a stream of bookings does not keep a processor rebuilding.</summary>
    public static readonly TimeSpan BuildsApart = TimeSpan.FromSeconds(5);

    /// <summary>Above this many days the narrowing is not worth sending: the database finds such days soon enough.</summary>
    public const int MostDays = 8000;

    private readonly Lock _gate = new();
    private Picture? _picture;
    private bool _building;
    private int _generation;
    private long _lastBuildStarted;

    /// <summary>
    /// The coming days on which one booked producer sells or brings <paramref name="product"/> (if
    /// any), holds a valid organic certification on that day (if <paramref name="organic"/>), and
    /// sells or brings one of each list of <paramref name="categoryWords"/>; null when unknown here
    /// (not built yet, just changed) or more than <see cref="MostDays"/>.
    /// </summary>
    public IReadOnlyList<int>? Days(int? product, bool organic, IReadOnlyList<IReadOnlyList<int>> categoryWords)
    {
        var picture = Volatile.Read(ref _picture);
        if (picture is null || picture.BuiltAtUtc + KeptForAMinute.Duration < clock.GetUtcNow().UtcDateTime)
        {
            StartBuilding();
        }
        if (picture is null)
        {
            return null;
        }
        // A category newer than the picture: unknown here.
        var productBit = 0UL;
        if (product is { } id && !picture.Bits.TryGetValue(id, out productBit))
        {
            return null;
        }
        var wordMasks = new List<ulong>(categoryWords.Count);
        foreach (var categories in categoryWords)
        {
            var mask = categories.Aggregate(0UL, (all, c) => all | picture.Bits.GetValueOrDefault(c));
            if (mask == 0)
            {
                return null;
            }
            wordMasks.Add(mask);
        }
        var days = new HashSet<int>();
        for (var i = 0; i < picture.Days.Length; i++)
        {
            var day = picture.Days[i];
            if (days.Contains(day))
            {
                continue;
            }
            var producer = picture.Producers[i];
            var offered = picture.Brings[i] | picture.Sells.GetValueOrDefault(producer);
            if ((offered & productBit) != productBit || !OffersEach(offered, wordMasks))
            {
                continue;
            }
            if (organic && !picture.IsOrganic(producer, picture.DayDates[day]))
            {
                continue;
            }
            days.Add(day);
            if (days.Count > MostDays)
            {
                return null;
            }
        }
        return days.ToList();
    }

    /// <summary>
    /// A booking was saved here: the picture no longer tells all the days and is dropped; it is built
    /// again when a search next asks for it, so a stream of bookings (a popular day opening) costs no
    /// rebuilds while nobody searches.
    /// </summary>
    public void BookingsChanged()
    {
        lock (_gate)
        {
            _generation++;
            Volatile.Write(ref _picture, null);
        }
    }

    /// <summary>Whether <paramref name="offered"/> holds a category of each word (a loop: this runs once per coming booking).</summary>
    private static bool OffersEach(ulong offered, List<ulong> wordMasks)
    {
        foreach (var mask in wordMasks)
        {
            if ((offered & mask) == 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Something the listings show was saved here: the picture is dropped and built again.</summary>
    public void Changed()
    {
        lock (_gate)
        {
            _generation++;
            Volatile.Write(ref _picture, null);
        }
        StartBuilding();
    }

    private void StartBuilding()
    {
        lock (_gate)
        {
            if (_building)
            {
                return;
            }
            _building = true;
        }
        _ = Task.Run(BuildAndPublishAsync);
    }

    /// <summary>
    /// Builds until no change came while building (what was read may be older than a change), and
    /// publishes under the same lock a change takes, so a change is never followed by an older picture.
    /// </summary>
    private async Task BuildAndPublishAsync()
    {
        try
        {
            while (true)
            {
                var wait = BuildsApart - clock.GetElapsedTime(Volatile.Read(ref _lastBuildStarted));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                Volatile.Write(ref _lastBuildStarted, clock.GetTimestamp());
                int generation;
                lock (_gate)
                {
                    generation = _generation;
                }
                var picture = await BuildAsync();
                lock (_gate)
                {
                    if (generation == _generation)
                    {
                        Volatile.Write(ref _picture, picture);
                        _building = false;
                        return;
                    }
                }
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The coming offers could not be read; searches go without them");
            lock (_gate)
            {
                _building = false;
            }
        }
    }

    private async Task<Picture> BuildAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var holding = Booking.HoldingStatuses.ToList();
        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        if (categories.Count > 64)
        {
            throw new InvalidOperationException("More than 64 product categories: the offers' bit masks cannot hold them.");
        }
        var bits = categories.Select((id, i) => (id, Bit: 1UL << i)).ToDictionary(c => c.id, c => c.Bit);
        var days = await db.FairDays.AsNoTracking()
            .Where(d => d.EndsAtUtc >= now && d.Status != FairDayStatus.Skipped)
            .Select(d => new { d.Id, d.Date })
            .ToDictionaryAsync(d => d.Id, d => d.Date);
        var coming = db.Bookings.AsNoTracking()
            .Where(b => holding.Contains(b.Status) && b.FairDay!.EndsAtUtc >= now && b.FairDay.Status != FairDayStatus.Skipped);
        // Read into arrays as they come (a quarter of a million rows), not into a list of objects.
        var ids = new List<int>(days.Count * 20);
        var dayOf = new List<int>(days.Count * 20);
        var producerOf = new List<int>(days.Count * 20);
        await foreach (var b in coming.Select(b => new { b.Id, b.FairDayId, b.ProducerId }).AsAsyncEnumerable())
        {
            if (days.ContainsKey(b.FairDayId))
            {
                ids.Add(b.Id);
                dayOf.Add(b.FairDayId);
                producerOf.Add(b.ProducerId);
            }
        }
        var brings = (await db.BookingItems.AsNoTracking().Where(i => i.ProductCategoryId != null)
                .Join(coming, i => i.BookingId, b => b.Id, (i, b) => new { b.Id, Category = i.ProductCategoryId!.Value })
                .ToListAsync())
            .GroupBy(i => i.Id)
            .ToDictionary(g => g.Key, g => g.Aggregate(0UL, (all, i) => all | bits.GetValueOrDefault(i.Category)));
        var sells = new Dictionary<int, ulong>();
        await foreach (var pp in db.ProducerProducts.AsNoTracking().Select(pp => new { pp.ProducerId, pp.ProductCategoryId }).AsAsyncEnumerable())
        {
            sells[pp.ProducerId] = sells.GetValueOrDefault(pp.ProducerId) | bits.GetValueOrDefault(pp.ProductCategoryId);
        }
        var organic = (await db.Certifications.AsNoTracking()
                .Where(c => c.Status == CertificationStatus.Verified && c.Kind != CertificationKind.InTransition)
                .Select(c => new { c.ProducerId, c.ValidFrom, c.ValidTo })
                .ToListAsync())
            .GroupBy(c => c.ProducerId)
            .ToDictionary(g => g.Key, g => g.Select(c => (c.ValidFrom, c.ValidTo)).ToArray());
        var brought = new ulong[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            brought[i] = brings.GetValueOrDefault(ids[i]);
        }
        return new Picture(now, bits, days, dayOf.ToArray(), producerOf.ToArray(), brought, sells, organic);
    }

    /// <summary>One reading of the coming offers; bookings as parallel arrays (day, producer, categories brought).</summary>
    private sealed record Picture(DateTime BuiltAtUtc, Dictionary<int, ulong> Bits, Dictionary<int, DateOnly> DayDates,
        int[] Days, int[] Producers, ulong[] Brings, Dictionary<int, ulong> Sells,
        Dictionary<int, (DateOnly From, DateOnly To)[]> Organic)
    {
        public bool IsOrganic(int producer, DateOnly date) =>
            Organic.TryGetValue(producer, out var valid) && valid.Any(v => v.From <= date && v.To >= date);
    }
}
