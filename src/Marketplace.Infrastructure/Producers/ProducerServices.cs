using Hangfire;
using Marketplace.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Infrastructure.Producers;

/// <summary>Services and recurring jobs of the producer slice (profiles, certifications, privacy).</summary>
public static class ProducerServices
{
    public static IServiceCollection AddProducers(this IServiceCollection services)
    {
        services.AddScoped<CalendarFeedTokens>();
        services.AddScoped<CertificationMail>();
        services.AddScoped<CertificationReview>();
        services.AddScoped<SendCertificationExpiryReminders>();
        return services;
    }

    public static void RegisterJobs(IRecurringJobManager jobs)
    {
        // Once a day is enough for a 30-day lead; 11:00 UTC is the morning in the Andes and in Brazil.
        jobs.AddOrUpdate<SendCertificationExpiryReminders>("send-certification-expiry-reminders",
            job => job.RunAsync(CancellationToken.None), Cron.Daily(11));
    }
}
