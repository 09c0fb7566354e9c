using System.Globalization;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Bench;

public sealed class BenchOptionException(string message) : Exception(message);

/// <summary><c>--name value</c> pairs of the command line.</summary>
public sealed class BenchOptions(Dictionary<string, string> values)
{
    public static BenchOptions Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchOptionException($"Expected an option, got '{list[i]}'.");
            }
            values[list[i][2..]] = list[i + 1];
        }
        return new BenchOptions(values);
    }

    public string Text(string name, string? fallback = null) =>
        values.TryGetValue(name, out var value) ? value
            : fallback ?? throw new BenchOptionException($"--{name} is required.");

    public int Number(string name, int? fallback = null) =>
        values.TryGetValue(name, out var value)
            ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)
            : fallback ?? throw new BenchOptionException($"--{name} is required.");

    /// <summary>The SQLite connection string of <c>--db</c>.</summary>
    public string ConnectionString => $"Data Source={Path.GetFullPath(Text("db"))}";

    /// <summary>A context on <c>--db</c>, the same provider settings as the app's.</summary>
    public MarketplaceDbContext OpenDatabase()
    {
        var builder = new DbContextOptionsBuilder<MarketplaceDbContext>();
        builder.UseMarketplaceProvider(DatabaseOptions.Sqlite, ConnectionString);
        return new MarketplaceDbContext(builder.Options);
    }
}
