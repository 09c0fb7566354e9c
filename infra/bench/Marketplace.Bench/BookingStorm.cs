using System.Diagnostics;
using System.Globalization;
using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Seeding.Scale;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Bench;

/// <summary>
/// The booking storm: generated producers sign in through the login form and open the booking
/// form for "any stall" on the storm day beforehand; then all of them post it at once. A post
/// counts as answered when the site redirects to the booking it made; the outcome is counted
/// from the database afterwards. Prints one <c>STORM</c> line of key=value pairs.
/// </summary>
public static class BookingStorm
{
    private const int SignInParallelism = 4;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var baseAddress = new Uri(options.Text("url"));
        var dayId = options.Number("day");
        var count = options.Number("producers", 1_000);
        var password = options.Text("password", "Escala-2026");
        var confirmPath = $"/Producer/Bookings/Confirm?day={dayId}";

        var browsers = Enumerable.Range(1, count).Select(_ => new ProducerBrowser(baseAddress)).ToArray();
        var tokens = new string[count];
        var prepare = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = SignInParallelism };
        await Parallel.ForAsync(0, count, parallel, async (i, _) =>
        {
            if (!await browsers[i].SignInAsync(ScaleDataGenerator.ProducerEmail(i + 1), password))
            {
                throw new InvalidOperationException($"{ScaleDataGenerator.ProducerEmail(i + 1)} could not sign in.");
            }
        });
        // A second pass, so no connection sits idle long enough for the server to close it
        // (signing in a thousand producers takes minutes; Kestrel drops idle ones after 130 s).
        await Parallel.ForAsync(0, count, parallel, async (i, _) => tokens[i] = await browsers[i].FormTokenAsync(confirmPath));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} producers signed in with the form open in {prepare.Elapsed.TotalSeconds:F0} s"));

        // As wrk is warmed before each measured run: producers outside the storm book another
        // day first, one by one and then at once, so the storm does not time the booking path's
        // first compilation (the JIT's and EF's) but the bookings.
        if (options.Number("warm-day", 0) is > 0 and var warmDay)
        {
            await WarmUpAsync(baseAddress, warmDay, count, password);
        }

        // --pause: time to attach a profiler to the server before the storm.
        if (options.Number("pause", 0) is > 0 and var pause)
        {
            Console.Error.WriteLine($"storm in {pause} s");
            await Task.Delay(TimeSpan.FromSeconds(pause));
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wall = new Stopwatch();
        var posts = browsers.Select((browser, i) => PostAsync(browser, tokens[i], dayId, gate.Task)).ToArray();
        wall.Start();
        gate.SetResult();
        var results = await Task.WhenAll(posts);
        wall.Stop();
        foreach (var browser in browsers)
        {
            browser.Dispose();
        }

        await using var db = options.OpenDatabase();
        var statuses = await db.Bookings.Where(b => b.FairDayId == dayId)
            .GroupBy(b => b.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync();
        var stallsHeld = await db.Bookings.Where(b => b.FairDayId == dayId && b.StallId != null)
            .Select(b => b.StallId).Distinct().CountAsync();
        int Of(BookingStatus status) => statuses.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
        var latencies = results.Select(r => r.Milliseconds).Order().ToArray();
        var errors = results.Count(r => !r.Answered);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"STORM confirmed={Of(BookingStatus.Confirmed)} waitlisted={Of(BookingStatus.Waitlisted)} "
            + $"other={statuses.Sum(s => s.Count) - Of(BookingStatus.Confirmed) - Of(BookingStatus.Waitlisted)} "
            + $"stalls={stallsHeld} errors={errors} p50={Percentile(latencies, 50):F0} p99={Percentile(latencies, 99):F0} "
            + $"max={latencies[^1]:F0} wall={wall.Elapsed.TotalMilliseconds:F0}"));
        foreach (var problem in results.Where(r => !r.Answered).Select(r => r.Problem).Distinct().Take(5))
        {
            Console.Error.WriteLine($"  error: {problem}");
        }
        return 0;
    }

    private const int WarmUpProducers = 200;

    private static async Task WarmUpAsync(Uri baseAddress, int dayId, int stormProducers, string password)
    {
        var browsers = Enumerable.Range(stormProducers + 1, WarmUpProducers).Select(_ => new ProducerBrowser(baseAddress)).ToArray();
        var tokens = new string[browsers.Length];
        await Parallel.ForAsync(0, browsers.Length, new ParallelOptions { MaxDegreeOfParallelism = SignInParallelism }, async (i, _) =>
        {
            var email = ScaleDataGenerator.ProducerEmail(stormProducers + 1 + i);
            if (!await browsers[i].SignInAsync(email, password))
            {
                throw new InvalidOperationException($"{email} could not sign in.");
            }
            tokens[i] = await browsers[i].FormTokenAsync($"/Producer/Bookings/Confirm?day={dayId}");
        });
        // A few one by one, then the rest in bursts of growing size.
        var results = new List<PostResult>();
        var next = 0;
        for (var burst = 1; next < browsers.Length; burst *= 2)
        {
            var size = Math.Min(burst, browsers.Length - next);
            var from = next;
            results.AddRange(await Task.WhenAll(Enumerable.Range(from, size)
                .Select(i => PostAsync(browsers[i], tokens[i], dayId, Task.CompletedTask))));
            next += size;
        }
        foreach (var browser in browsers)
        {
            browser.Dispose();
        }
        if (results.FirstOrDefault(r => !r.Answered) is { } failed)
        {
            throw new InvalidOperationException($"A warm-up booking failed: {failed.Problem}");
        }
        // The warm-up's e-mails leave before the storm begins.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warmed up: {results.Count} bookings on fair day {dayId}"));
    }

    private static async Task<PostResult> PostAsync(ProducerBrowser browser, string token, int dayId, Task gate)
    {
        await gate;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await browser.PostAsync("/Producer/Bookings/Confirm", token, [
                new("day", dayId.ToString(CultureInfo.InvariantCulture)), new("stall", ""), new("series", "false")]);
            var location = response.Headers.Location?.OriginalString ?? "";
            var answered = response.StatusCode == HttpStatusCode.Redirect
                && location.StartsWith("/Producer/Bookings/", StringComparison.Ordinal)
                && int.TryParse(location["/Producer/Bookings/".Length..], CultureInfo.InvariantCulture, out _);
            return new PostResult(answered, watch.Elapsed.TotalMilliseconds, $"{(int)response.StatusCode} {location}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new PostResult(false, watch.Elapsed.TotalMilliseconds, e.GetType().Name + ": " + e.Message);
        }
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * percent / 100.0) - 1, 0, sorted.Length - 1)];

    private sealed record PostResult(bool Answered, double Milliseconds, string Problem);
}
