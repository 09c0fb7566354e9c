using Hangfire.States;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>Writes one structured log entry for every job that ends up failed.</summary>
public sealed class LogFailedJobsFilter(ILogger<LogFailedJobsFilter> logger) : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is FailedState failed)
        {
            logger.LogError(failed.Exception, "Job {JobId} ({JobType}.{JobMethod}) failed",
                context.BackgroundJob.Id,
                context.BackgroundJob.Job?.Type.Name,
                context.BackgroundJob.Job?.Method.Name);
        }
    }
}
