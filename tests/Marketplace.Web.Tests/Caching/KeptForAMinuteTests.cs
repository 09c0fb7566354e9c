using Marketplace.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Tests.Caching;

/// <summary>
/// What a node keeps for a minute: read once, never a null, and dropped at once by its change
/// signal, even when the change comes while the value is being read.
/// </summary>
public sealed class KeptForAMinuteTests : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private int _loads;

    public void Dispose() => _cache.Dispose();

    private Task<string?> LoadAsync(string? value)
    {
        _loads++;
        return Task.FromResult(value);
    }

    [Fact]
    public async Task A_kept_value_is_read_once()
    {
        Assert.Equal("brands", await _cache.KeptAsync("k", () => LoadAsync("brands")));
        Assert.Equal("brands", await _cache.KeptAsync("k", () => LoadAsync("other")));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task Nothing_found_is_not_kept_so_it_is_found_once_it_exists()
    {
        Assert.Null(await _cache.KeptAsync("k", () => LoadAsync(null)));
        Assert.Equal("created", await _cache.KeptAsync("k", () => LoadAsync("created")));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Raising_a_signal_drops_what_was_kept_with_it_and_nothing_else()
    {
        var counts = new ChangeSignal();
        var brands = new ChangeSignal();
        await _cache.KeptAsync("count", () => LoadAsync("12"), counts);
        await _cache.KeptAsync("brand", () => LoadAsync("azul"), brands);

        counts.Raise();

        Assert.Equal("13", await _cache.KeptAsync("count", () => LoadAsync("13"), counts));
        Assert.Equal("azul", await _cache.KeptAsync("brand", () => LoadAsync("verde"), brands));
        // Kept again after the change, until the next one.
        Assert.Equal("13", await _cache.KeptAsync("count", () => LoadAsync("14"), counts));
    }

    [Fact]
    public async Task A_change_raised_while_the_value_is_read_drops_what_that_read_found()
    {
        var changes = new ChangeSignal();
        var reading = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stale = _cache.KeptAsync("count", () => reading.Task, changes);

        changes.Raise();
        reading.SetResult("read before the change");

        Assert.Equal("read before the change", await stale);
        Assert.Equal("read after it", await _cache.KeptAsync("count", () => LoadAsync("read after it"), changes));
    }
}
