using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Infrastructure.Bookings;

/// <summary>Services and recurring jobs of the booking slice.</summary>
public static class BookingServices
{
    public static IServiceCollection AddBookings(this IServiceCollection services)
    {
        return services;
    }

    public static void RegisterJobs(IRecurringJobManager jobs)
    {
    }
}
