using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Health;

/// <summary>The job storage answers and at least one server is registered with it.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(HealthCheckResult.Healthy($"{servers} job server(s)."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Job storage unreachable.", e));
        }
    }
}
