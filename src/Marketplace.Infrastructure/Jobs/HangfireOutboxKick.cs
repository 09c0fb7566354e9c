using Hangfire;
using Microsoft.Extensions.Logging;
using Marketplace.Infrastructure.Mail;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>Queues a send run on Hangfire right after a commit that added mail.</summary>
public sealed class HangfireOutboxKick(IBackgroundJobClient jobs, ILogger<HangfireOutboxKick> logger) : IOutboxKick
{
    /// <summary>
    /// Best effort: the change is already committed, so a failure to queue the job must not
    /// turn the request into an error; the minutely sweep sends the mail anyway.
    /// </summary>
    public void Kick()
    {
        try
        {
            jobs.Enqueue<SendOutboxMessages>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not queue an immediate send; the outbox sweep will send the mail");
        }
    }
}
