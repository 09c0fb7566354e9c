using Hangfire;
using Marketplace.Infrastructure.Staff;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Runs the fair-day imports still queued (their job lost with the in-memory job storage) or
/// abandoned by a worker whose lease ran out. The importer's claim makes a second node skip them.
/// </summary>
public sealed class SweepFairDayImports(FairDayImporter importer)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await importer.DueAsync(cancellationToken))
        {
            await importer.RunAsync(id, cancellationToken);
        }
    }
}
