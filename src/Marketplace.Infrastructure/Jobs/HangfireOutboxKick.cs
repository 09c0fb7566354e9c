using Hangfire;
using Marketplace.Infrastructure.Mail;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>Queues a send run on Hangfire right after a commit that added mail.</summary>
public sealed class HangfireOutboxKick(IBackgroundJobClient jobs) : IOutboxKick
{
    public void Kick() => jobs.Enqueue<SendOutboxMessages>(job => job.RunAsync(CancellationToken.None));
}
