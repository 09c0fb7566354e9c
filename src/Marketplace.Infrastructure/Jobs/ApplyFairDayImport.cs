using Hangfire;
using Marketplace.Infrastructure.Staff;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>Runs one long fair-day import queued by the import page.</summary>
public sealed class ApplyFairDayImport(FairDayImporter importer)
{
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(int importId, CancellationToken cancellationToken) => importer.RunAsync(importId, cancellationToken);
}
