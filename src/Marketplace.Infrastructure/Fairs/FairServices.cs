using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Infrastructure.Fairs;

/// <summary>Services of the staff calendar: fair-day exceptions and series edits.</summary>
public static class FairServices
{
    /// <summary>
    /// Registers the calendar services. Listeners of fair-day changes (resident alerts) are added
    /// with <c>services.AddScoped&lt;IFairDayChangeListener, TheirListener&gt;()</c>; none is needed.
    /// </summary>
    public static IServiceCollection AddFairCalendar(this IServiceCollection services)
    {
        services.AddScoped<FairDayChanges>();
        services.AddScoped<SeriesChanges>();
        return services;
    }
}
