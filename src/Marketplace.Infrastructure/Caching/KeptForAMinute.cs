using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Infrastructure.Caching;

/// <summary>
/// What a node keeps in its memory for <see cref="Duration"/> — the staleness the public output
/// cache already accepts — instead of reading it on every request: region brands, filter lists,
/// search counts. Values kept with a <see cref="ChangeSignal"/> are dropped at once when it is
/// raised (something they were read from was saved on this node); other nodes catch up within
/// the minute.
/// </summary>
public static class KeptForAMinute
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The value kept under <paramref name="key"/>, else <paramref name="load"/>'s, kept from now on.
    /// Null is never kept, so something not found now is found as soon as it exists. The signal
    /// is read before loading: a change saved while loading drops what the load read.
    /// </summary>
    public static async Task<T> KeptAsync<T>(this IMemoryCache cache, string key, Func<Task<T>> load,
        ChangeSignal? droppedOn = null)
    {
        if (cache.TryGetValue(key, out T? kept) && kept is not null)
        {
            return kept;
        }
        var change = droppedOn?.Token;
        var value = await load();
        if (value is not null)
        {
            cache.Keep(key, value, change);
        }
        return value;
    }

    /// <summary>
    /// Keeps <paramref name="value"/> for the minute, dropped when <paramref name="droppedOn"/> (a
    /// <see cref="ChangeSignal.Token"/> read before <paramref name="value"/> was loaded) is cancelled.
    /// </summary>
    public static void Keep<T>(this IMemoryCache cache, string key, T value, CancellationToken? droppedOn)
    {
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        // Counted as one against a cache with a size limit (see FairDayCounts); ignored by one without.
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = Duration;
        if (droppedOn is { } token)
        {
            entry.AddExpirationToken(new CancellationChangeToken(token));
        }
    }
}

/// <summary>Raised when what some kept values were read from changes; they are dropped at once.</summary>
public sealed class ChangeSignal
{
    private CancellationTokenSource _source = new();

    /// <summary>Cancelled at the next <see cref="Raise"/>.</summary>
    public CancellationToken Token => Volatile.Read(ref _source).Token;

    /// <summary>
    /// Drops every value kept with this signal until now. The old source is not disposed: a
    /// request that read its token a moment ago may still keep a value with it (and that value
    /// is dropped at once, as it was read before the change).
    /// </summary>
    public void Raise() => Interlocked.Exchange(ref _source, new CancellationTokenSource()).Cancel();
}
