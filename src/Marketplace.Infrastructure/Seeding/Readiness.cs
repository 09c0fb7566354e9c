namespace Marketplace.Infrastructure.Seeding;

/// <summary>Set once migrations, seeds and the first materialization have completed.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
