using Hangfire;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>Declares every recurring job in one place.</summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<MaterializeFairDays>("materialize-fair-days",
            job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        jobs.AddOrUpdate<SendOutboxMessages>("send-outbox-messages",
            job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<SendSubscriptionDigests>("send-subscription-digests",
            job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        Bookings.BookingServices.RegisterJobs(jobs);
        Producers.ProducerServices.RegisterJobs(jobs);
        Staff.StaffOperationsServices.RegisterJobs(jobs);
    }
}
