using Marketplace.Infrastructure.Fairs;
using Marketplace.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Infrastructure.Subscriptions;

/// <summary>Services of residents' alerts; their sweep is declared in <see cref="RecurringJobs"/>.</summary>
public static class SubscriptionServices
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<SubscriptionTokens>();
        services.AddScoped<SubscriberAlerts>();
        services.AddScoped<IFairDayChangeListener, ResidentAlertListener>();
        services.AddScoped<SubscriptionDesk>();
        services.AddScoped<SendSubscriptionDigests>();
        return services;
    }
}
