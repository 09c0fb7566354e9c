using Hangfire;
using Marketplace.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Infrastructure.Staff;

/// <summary>Services and recurring jobs of the staff operations slice (imports, check-in, reports).</summary>
public static class StaffOperationsServices
{
    public static IServiceCollection AddStaffOperations(this IServiceCollection services)
    {
        services.AddScoped<FairDayImporter>();
        services.AddScoped<ApplyFairDayImport>();
        services.AddScoped<SweepFairDayImports>();
        services.AddScoped<FairDayBroadcast>();
        return services;
    }

    public static void RegisterJobs(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<SweepFairDayImports>("sweep-fair-day-imports",
            job => job.RunAsync(CancellationToken.None), Cron.Minutely());
}
