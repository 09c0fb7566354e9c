using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Infrastructure.Producers;

/// <summary>Services and recurring jobs of the producer slice (profiles, certifications, privacy).</summary>
public static class ProducerServices
{
    public static IServiceCollection AddProducers(this IServiceCollection services)
    {
        return services;
    }

    public static void RegisterJobs(IRecurringJobManager jobs)
    {
    }
}
