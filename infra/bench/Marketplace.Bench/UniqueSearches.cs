using System.Globalization;
using Marketplace.Domain.Search;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Bench;

/// <summary>
/// Searches no request repeats, for the cache-miss runs: each one text word — as people type it
/// (lower case, no accents) or as written (capitals, accents), whole or its first letters — from
/// every kind the search matches (series, venue, municipality, corridor, producer names, product
/// categories in the three languages and their synonyms) and a few that match nothing, each with
/// one of the shapes of filters the page offers. The files never share a search, so the pages'
/// counts kept for the minute never answer either.
/// </summary>
public static class UniqueSearches
{
    /// <summary>Searches per file: a warm-up, the one-client run and the eight-client run, for /Fairs and for /api/fairs.</summary>
    public static readonly (string Name, int Count)[] Files =
    [
        ("fairs-unique-warm", 4_000), ("fairs-unique-1", 4_000), ("fairs-unique-8", 30_000),
        ("api-unique-warm", 4_000), ("api-unique-1", 4_000), ("api-unique-8", 30_000),
    ];

    public static async Task<int> WriteAsync(MarketplaceDbContext db, string outDir, DateOnly today,
        List<int> municipalities, List<int> corridors, List<int> products)
    {
        var words = await WordsAsync(db);
        var random = new Random(19);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, count) in Files)
        {
            var prefix = name.StartsWith("api", StringComparison.Ordinal) ? "/api/fairs" : "/Fairs";
            var lines = new List<string>(count);
            for (var attempt = 0; lines.Count < count && attempt < count * 50; attempt++)
            {
                var search = Search(random, words, today, municipalities, corridors, products);
                if (seen.Add(search))
                {
                    lines.Add(prefix + search);
                }
            }
            await File.WriteAllLinesAsync(Path.Combine(outDir, name + ".txt"), lines);
            if (lines.Count < count)
            {
                Console.Error.WriteLine($"{name}: only {lines.Count} distinct searches of {count}");
                return 1;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seen.Count} distinct searches over {words.Sum(k => k.Count)} words of {words.Count} kinds"));
        return 0;
    }

    /// <summary>The words to search for, drawn from the database's own names, by kind (each kind as likely).</summary>
    private static async Task<List<List<string>>> WordsAsync(MarketplaceDbContext db)
    {
        var categories = await db.ProductCategories.ToListAsync();
        var kinds = new List<List<string>>
        {
            Typed(await db.FairSeries.Select(s => s.Name).ToListAsync()),
            Typed(await db.Venues.Select(v => v.Name).ToListAsync()),
            Typed(await db.Municipalities.Select(m => m.Name).ToListAsync()),
            Typed(await db.Corridors.Select(c => c.Name).ToListAsync()),
            Typed(categories.SelectMany(c => new[] { c.NameEs, c.NamePtBr, c.NameEn })),
            Typed(categories.Select(c => c.Synonyms)),
            // Producers: words of some names (the rare ones name one producer).
            Typed(await db.Producers.Where(p => p.Id % 97 == 0).Select(p => p.DisplayName).ToListAsync()),
            new List<string> { "zzz", "xylofono", "qwerty", "bicicleta" },
        };
        return kinds.Where(k => k.Count > 0).ToList();
    }

    /// <summary>Each word as people type it, its first four letters, and as written (capitals, accents).</summary>
    private static List<string> Typed(IEnumerable<string> texts)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var raw in text.Split([' ', ',', '(', ')', '/', '-', '.'], StringSplitOptions.RemoveEmptyEntries))
            {
                var typed = SearchText.Words(raw, 1).FirstOrDefault();
                if (typed is not { Length: >= 3 })
                {
                    continue;
                }
                words.Add(typed);
                if (typed.Length >= 5)
                {
                    words.Add(typed[..4]);
                }
                if (raw != typed)
                {
                    words.Add(Uri.EscapeDataString(raw));
                }
            }
        }
        return words.Order(StringComparer.Ordinal).ToList();
    }

    private static string Search(Random random, List<List<string>> words, DateOnly today,
        List<int> municipalities, List<int> corridors, List<int> products)
    {
        string Pick(List<int> ids) => ids[random.Next(ids.Count)].ToString(CultureInfo.InvariantCulture);
        string Date(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var kind = words[random.Next(words.Count)];
        var q = "q=" + kind[random.Next(kind.Count)];
        var start = random.Next(0, 330);
        var page = random.Next(1, 4).ToString(CultureInfo.InvariantCulture);
        return "?" + random.Next(10) switch
        {
            0 => q,
            1 => $"{q}&page={page}",
            2 => $"{q}&from={Date(start)}",
            3 => $"{q}&from={Date(start)}&to={Date(start + random.Next(7, 60))}",
            4 => $"{q}&municipality={Pick(municipalities)}",
            5 => $"{q}&corridor={Pick(corridors)}&page={page}",
            6 => $"{q}&product={Pick(products)}",
            7 => $"{q}&organic=true&from={Date(start)}",
            8 => $"{q}&product={Pick(products)}&organic=true",
            _ => $"{q}&corridor={Pick(corridors)}&from={Date(start)}",
        };
    }
}
