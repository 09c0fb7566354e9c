using System.Collections.Concurrent;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Web.Tests.Hosting;

/// <summary>
/// The admission queue in front of the site: a few requests are worked on at once, the others
/// wait in the order they came, and only a full queue is answered 503. Driven with requests
/// that are held inside the site until the test lets them go.
/// </summary>
public class AdmissionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A site whose every request waits inside until released, recording who entered.</summary>
    private sealed class HeldSite
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
        public ConcurrentQueue<string> Entered { get; } = new();

        public Task Handle(HttpContext context)
        {
            var name = context.Request.Path.Value!;
            Entered.Enqueue(name);
            return Hold(name).Task;
        }

        public void Release(string name) => Hold(name).TrySetResult();

        private TaskCompletionSource Hold(string name) =>
            _holds.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    private static DefaultHttpContext Request(string path) => new() { Request = { Path = path } };

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10, Token);
        }
        Assert.True(condition());
    }

    [Fact]
    public async Task Requests_beyond_the_limit_wait_their_turn_in_arrival_order_and_a_full_queue_answers_503()
    {
        var site = new HeldSite();
        using var admission = new AdmissionMiddleware(site.Handle, new AdmissionOptions { MaxConcurrentRequests = 1, QueueLimit = 3 });

        var first = admission.InvokeAsync(Request("/a"));
        var waiting = new List<Task>();
        foreach (var path in new[] { "/b", "/c", "/d" })
        {
            waiting.Add(admission.InvokeAsync(Request(path)));
        }
        var refused = Request("/e");
        await admission.InvokeAsync(refused);

        Assert.Equal(["/a"], site.Entered);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Response.StatusCode);
        Assert.Equal("5", refused.Response.Headers.RetryAfter.ToString());
        Assert.DoesNotContain("/e", site.Entered);

        site.Release("/a");
        await first;
        await EventuallyAsync(() => site.Entered.Count == 2);
        site.Release("/b");
        await EventuallyAsync(() => site.Entered.Count == 3);
        site.Release("/c");
        await EventuallyAsync(() => site.Entered.Count == 4);
        site.Release("/d");
        await Task.WhenAll(waiting);
        Assert.Equal(["/a", "/b", "/c", "/d"], site.Entered);
    }

    [Fact]
    public async Task Several_are_worked_on_at_once_up_to_the_limit()
    {
        var site = new HeldSite();
        using var admission = new AdmissionMiddleware(site.Handle, new AdmissionOptions { MaxConcurrentRequests = 3, QueueLimit = 10 });

        var requests = Enumerable.Range(1, 5).Select(i => admission.InvokeAsync(Request($"/{i}"))).ToList();

        await EventuallyAsync(() => site.Entered.Count == 3);
        await Task.Delay(50, Token);
        Assert.Equal(3, site.Entered.Count);
        site.Release("/2");
        await EventuallyAsync(() => site.Entered.Count == 4);
        Assert.Equal("/4", site.Entered.Last());
        foreach (var i in new[] { 1, 3, 4, 5 })
        {
            site.Release($"/{i}");
        }
        await Task.WhenAll(requests);
        Assert.Equal(5, site.Entered.Count);
    }

    [Fact]
    public async Task A_client_that_leaves_while_waiting_is_dropped_from_the_queue_without_an_error()
    {
        var site = new HeldSite();
        using var admission = new AdmissionMiddleware(site.Handle, new AdmissionOptions { MaxConcurrentRequests = 1, QueueLimit = 1 });
        var busy = admission.InvokeAsync(Request("/busy"));
        using var leaving = new CancellationTokenSource();
        var gone = Request("/gone");
        gone.RequestAborted = leaving.Token;

        var waiting = admission.InvokeAsync(gone);
        leaving.Cancel();
        await waiting;
        // Its place is free again: the next one queues instead of being refused.
        var next = admission.InvokeAsync(Request("/next"));
        site.Release("/busy");
        await busy;
        site.Release("/next");
        await next;

        Assert.Equal(["/busy", "/next"], site.Entered);
    }

    [Fact]
    public async Task Health_probes_skip_a_full_queue()
    {
        var site = new HeldSite();
        using var admission = new AdmissionMiddleware(site.Handle, new AdmissionOptions { MaxConcurrentRequests = 1, QueueLimit = 0 });
        var busy = admission.InvokeAsync(Request("/busy"));

        site.Release("/healthz");
        var probe = Request("/healthz");
        await admission.InvokeAsync(probe);

        Assert.Equal(StatusCodes.Status200OK, probe.Response.StatusCode);
        Assert.Equal(["/busy", "/healthz"], site.Entered);
        site.Release("/busy");
        await busy;
    }

    [Fact]
    public async Task A_limit_of_zero_lets_every_request_straight_in()
    {
        var site = new HeldSite();
        using var admission = new AdmissionMiddleware(site.Handle, new AdmissionOptions { MaxConcurrentRequests = 0, QueueLimit = 0 });

        var requests = Enumerable.Range(1, 20).Select(i => admission.InvokeAsync(Request($"/{i}"))).ToList();

        Assert.Equal(20, site.Entered.Count);
        for (var i = 1; i <= 20; i++)
        {
            site.Release($"/{i}");
        }
        await Task.WhenAll(requests);
    }
}
