namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>The real clock, moved forward on demand, to let retry delays and leases run out.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
