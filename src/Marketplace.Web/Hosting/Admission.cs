using System.Threading.RateLimiting;

namespace Marketplace.Web.Hosting;

/// <summary>The <c>Admission</c> settings section: how many requests the site works on at once.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Admission";

    /// <summary>Requests worked on at once; 0 turns admission off (every request goes straight in).</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests waiting their turn, first come first in; one more is answered 503.</summary>
    public int QueueLimit { get; set; } = 5_000;
}

/// <summary>
/// Lets in at most <see cref="AdmissionOptions.MaxConcurrentRequests"/> requests at once; the
/// others wait, in the order they came, before anything is done for them. On two cores a burst
/// (a thousand producers posting the booking form as a fair's booking opens) is then worked
/// through a few dozen at a time: each request holds its memory and database context only while it
/// is worked on, and pooled contexts are reused instead of built anew for every waiting request.
/// </summary>
/// <remarks>
/// It is not a rate limit (nothing is refused while the queue has room) and is on even where
/// rate limits are off. Health probes skip the queue so that a busy site is not taken for a dead one.
/// </remarks>
public sealed class AdmissionMiddleware : IDisposable
{
    private readonly RequestDelegate _next;
    private readonly ConcurrencyLimiter? _limiter;

    public AdmissionMiddleware(RequestDelegate next, AdmissionOptions options)
    {
        _next = next;
        if (options.MaxConcurrentRequests > 0)
        {
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentRequests,
                QueueLimit = Math.Max(0, options.QueueLimit),
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (_limiter is null || context.Request.Path.StartsWithSegments("/healthz"))
        {
            await _next(context);
            return;
        }
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while waiting; nothing was done for it.
            return;
        }
        using var _ = lease;
        if (!lease.IsAcquired)
        {
            // The queue is full: nothing was done, so the client may simply try again.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            return;
        }
        await _next(context);
    }

    public void Dispose() => _limiter?.Dispose();
}
