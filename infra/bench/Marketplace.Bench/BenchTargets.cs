using System.Globalization;
using Marketplace.Domain.Fairs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Bench;

/// <summary>
/// Writes the request paths wrk rotates through, one per line, built from the database's real
/// ids so that every filter matches something: <c>fairs.txt</c> (at least 50 filter
/// combinations of /Fairs), <c>api.txt</c> (the same under /api/fairs), <c>details.txt</c>
/// (coming fair days) and <c>calendar.txt</c> (one feed per municipality); and the text searches of
/// the cache-miss runs (<see cref="UniqueSearches"/>).
/// </summary>
public static class BenchTargets
{
    private const int FilterCombinations = 200;
    private const int DetailPages = 1_000;

    public static async Task<int> WriteAsync(BenchOptions options)
    {
        var outDir = Directory.CreateDirectory(options.Text("out")).FullName;
        await using var db = options.OpenDatabase();
        var now = DateTime.UtcNow;
        var municipalities = await db.Venues.Select(v => v.MunicipalityId).Distinct().OrderBy(id => id).ToListAsync();
        var corridors = await db.Venues.Where(v => v.Municipality!.CorridorId != null)
            .Select(v => v.Municipality!.CorridorId!.Value).Distinct().OrderBy(id => id).ToListAsync();
        var products = await db.ProductCategories.Select(c => c.Id).OrderBy(id => id).ToListAsync();
        var days = await db.FairDays
            .Where(d => d.EndsAtUtc >= now && d.Status == FairDayStatus.Scheduled)
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
        if (municipalities.Count == 0 || corridors.Count == 0 || products.Count == 0 || days.Count == 0)
        {
            Console.Error.WriteLine("The database holds no generated data: run 'generate' first.");
            return 1;
        }

        var random = new Random(8);
        var today = DateOnly.FromDateTime(now);
        var filters = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; filters.Count < FilterCombinations && attempt < FilterCombinations * 20; attempt++)
        {
            filters.Add(Filter(random, random.Next(10), today, municipalities, corridors, products));
        }

        await File.WriteAllLinesAsync(Path.Combine(outDir, "fairs.txt"), filters.Select(f => "/Fairs" + f));
        await File.WriteAllLinesAsync(Path.Combine(outDir, "api.txt"), filters.Select(f => "/api/fairs" + f));
        await File.WriteAllLinesAsync(Path.Combine(outDir, "details.txt"),
            days.OrderBy(_ => random.Next()).Take(DetailPages).Select(id => $"/Fairs/{id}"));
        await File.WriteAllLinesAsync(Path.Combine(outDir, "calendar.txt"),
            municipalities.Select(id => $"/calendar.ics?municipality={id}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{filters.Count} filter combinations, {Math.Min(days.Count, DetailPages)} fair days, {municipalities.Count} municipalities"));
        if (await UniqueSearches.WriteAsync(db, outDir, today, municipalities, corridors, products) != 0)
        {
            return 1;
        }
        return filters.Count >= 50 ? 0 : 1;
    }

    private static string Filter(Random random, int shape, DateOnly today,
        List<int> municipalities, List<int> corridors, List<int> products)
    {
        string Pick(List<int> ids) => ids[random.Next(ids.Count)].ToString(CultureInfo.InvariantCulture);
        string Date(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = random.Next(0, 60);
        var week = $"from={Date(start)}&to={Date(start + 7)}";
        var page = random.Next(1, 6).ToString(CultureInfo.InvariantCulture);
        return "?" + shape switch
        {
            0 => $"municipality={Pick(municipalities)}",
            1 => $"corridor={Pick(corridors)}",
            2 => $"product={Pick(products)}",
            3 => $"municipality={Pick(municipalities)}&product={Pick(products)}",
            4 => $"corridor={Pick(corridors)}&organic=true",
            5 => week,
            6 => $"corridor={Pick(corridors)}&{week}",
            7 => $"organic=true&page={page}",
            8 => $"page={page}",
            _ => $"product={Pick(products)}&{week}&page={random.Next(1, 3)}",
        };
    }
}
