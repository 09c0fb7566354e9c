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
        // --day a,b,…: one measured storm per day, each printing its STORM line.
        var dayIds = options.Text("day").Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        var count = options.Number("producers", 1_000);
        var password = options.Text("password", "Escala-2026");
        // The token belongs to the signed-in producer, not to the day: one form serves every storm.
        var confirmPath = $"/Producer/Bookings/Confirm?day={dayIds[0]}";

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

        // As wrk is warmed before each measured run: the same producers storm other days first
        // (--warm-day a,b,…), so the measured storm times the bookings, not the compilation of
        // their path (the JIT's tiers, EF's query and update plans) on a server that never booked.
        var warmDays = options.Text("warm-day", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture));
        foreach (var warmDay in warmDays)
        {
            var warm = await StormAsync(browsers, tokens, warmDay);
            if (warm.Results.FirstOrDefault(r => !r.Answered) is { } failed)
            {
                throw new InvalidOperationException($"A warm-up booking failed: {failed.Problem}");
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warmed up: {warm.Results.Length} bookings on fair day {warmDay} in {warm.Wall.TotalMilliseconds:F0} ms"));
            // The warm-up's e-mails leave before the next storm begins.
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        foreach (var dayId in dayIds)
        {
            // --pause: time to attach a profiler to the server before the storm.
            if (options.Number("pause", 0) is > 0 and var pause)
            {
                Console.Error.WriteLine($"storm in {pause} s");
                await Task.Delay(TimeSpan.FromSeconds(pause));
            }
            var (results, wall) = await StormAsync(browsers, tokens, dayId);
            await ReportAsync(options, dayId, results, wall);
            if (dayId != dayIds[^1])
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        }
        foreach (var browser in browsers)
        {
            browser.Dispose();
        }
        return 0;
    }

    /// <summary>Every producer posts the booking form for the day at once.</summary>
    private static async Task<(PostResult[] Results, TimeSpan Wall)> StormAsync(ProducerBrowser[] browsers,
        string[] tokens, int dayId)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = browsers.Select((browser, i) => PostAsync(browser, tokens[i], dayId, gate.Task)).ToArray();
        var wall = Stopwatch.StartNew();
        gate.SetResult();
        var results = await Task.WhenAll(posts);
        return (results, wall.Elapsed);
    }

    private static async Task ReportAsync(BenchOptions options, int dayId, PostResult[] results, TimeSpan wall)
    {
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
            + $"max={latencies[^1]:F0} wall={wall.TotalMilliseconds:F0}"));
        foreach (var problem in results.Where(r => !r.Answered).Select(r => r.Problem).Distinct().Take(5))
        {
            Console.Error.WriteLine($"  error: {problem}");
        }
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
            // "/Producer/Bookings/{id}?booked=1": the page of the booking just made.
            var path = location.Split('?', 2)[0];
            var answered = response.StatusCode == HttpStatusCode.Redirect
                && path.StartsWith("/Producer/Bookings/", StringComparison.Ordinal)
                && int.TryParse(path["/Producer/Bookings/".Length..], CultureInfo.InvariantCulture, out _);
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
