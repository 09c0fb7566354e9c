using Marketplace.Infrastructure.Seeding;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Health;

/// <summary>Healthy once migrations, seeds and the first fair-day materialization are done.</summary>
public sealed class ReadinessHealthCheck(Readiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("Seeds loaded and fair days materialized.")
            : HealthCheckResult.Unhealthy("Still migrating, seeding or materializing."));
}
