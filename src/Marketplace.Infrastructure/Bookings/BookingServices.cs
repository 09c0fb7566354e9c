using Hangfire;
using Marketplace.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Infrastructure.Bookings;

/// <summary>Services and recurring jobs of the booking slice.</summary>
public static class BookingServices
{
    public static IServiceCollection AddBookings(this IServiceCollection services)
    {
        services.AddSingleton<BookingQueue>();
        services.AddScoped<BookingMail>();
        services.AddScoped<BookingStore>();
        services.AddScoped<BookingDesk>();
        services.AddScoped<LotteryDrawer>();
        services.AddScoped<BookingReminder>();
        services.AddScoped<ExpireWaitlistOffers>();
        services.AddScoped<DrawLotteries>();
        services.AddScoped<SendBookingReminders>();
        return services;
    }

    /// <summary>
    /// The booking sweeps. Each finds its due rows in the database and claims every row it acts
    /// on, so several nodes may run them at once and a lost run is made up by the next one.
    /// </summary>
    public static void RegisterJobs(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<ExpireWaitlistOffers>("expire-waitlist-offers",
            job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<DrawLotteries>("draw-lotteries",
            job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<SendBookingReminders>("send-booking-reminders",
            job => job.RunAsync(CancellationToken.None), Cron.Hourly());
    }
}
