using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Marketplace.Infrastructure.Mail;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Queues a send run on Hangfire right after a commit that added mail — one at a time: while a
/// kicked run is queued and has not started, later commits ride on it. A thousand bookings in a
/// minute queued a thousand runs before, each waiting for the one before it to let go.
/// </summary>
public sealed class HangfireOutboxKick(IBackgroundJobClient jobs, IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<HangfireOutboxKick> logger) : IOutboxKick
{
    /// <summary>
    /// A queued run that has not started by then is taken for lost (its wait for the lock of a
    /// long run timed out), and the next commit queues another.
    /// </summary>
    public static readonly TimeSpan QueuedRunGivenUpAfter = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A kicked run first waits until no commit has kicked for this long (at most
    /// <see cref="SettleAtMost"/>), so that a burst of commits, such as a booking storm, is sent
    /// in one run after it instead of competing with it for the processor.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan SettleAtMost = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private DateTimeOffset? _queuedAt;
    // When the last kick came, on the monotonic clock (Environment.TickCount64).
    private long _lastKickAt;

    /// <summary>
    /// Best effort: the change is already committed, so a failure to queue the job must not
    /// turn the request into an error; the minutely sweep sends the mail anyway.
    /// </summary>
    public void Kick()
    {
        Volatile.Write(ref _lastKickAt, Environment.TickCount64);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_queuedAt is { } queuedAt && now - queuedAt < QueuedRunGivenUpAfter)
            {
                return;
            }
            _queuedAt = now;
        }
        try
        {
            jobs.Enqueue<HangfireOutboxKick>(kick => kick.SendAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _queuedAt = null;
            }
            logger.LogWarning(e, "Could not queue an immediate send; the outbox sweep will send the mail");
        }
    }

    /// <summary>
    /// The kicked run. Once commits have settled, it clears the queued mark before claiming
    /// anything, so mail committed from here on (which this run may miss) queues the next run.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var startedAt = Environment.TickCount64;
        while (true)
        {
            var now = Environment.TickCount64;
            var quietFor = TimeSpan.FromMilliseconds(now - Volatile.Read(ref _lastKickAt));
            if (quietFor >= Settle || TimeSpan.FromMilliseconds(now - startedAt) >= SettleAtMost)
            {
                break;
            }
            await Task.Delay(Settle - quietFor, cancellationToken);
        }
        lock (_gate)
        {
            _queuedAt = null;
        }
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendOutboxMessages>().RunAsync(cancellationToken);
    }
}
