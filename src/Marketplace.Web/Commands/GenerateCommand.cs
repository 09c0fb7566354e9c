using System.Globalization;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Seeding;
using Marketplace.Infrastructure.Seeding.Scale;
using Marketplace.Infrastructure.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Commands;

/// <summary>
/// <c>generate --scale region|small [--seed N] [--password P]</c>: fills the configured (fresh)
/// database with a region's worth of generated data for benchmarks and scale tests, after the
/// migrations and reference seeds. Every generated producer signs in as
/// <c>productorNNNNN@scale.local</c> with the given password.
/// </summary>
public static class GenerateCommand
{
    public const string Name = "generate";
    public const string DefaultPassword = "Escala-2026";
    public const int DefaultSeed = 20_261_201;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var scaleName = Option(args, "--scale") ?? "small";
        var profile = ScaleProfile.Named(scaleName);
        var seedText = Option(args, "--seed");
        var seed = DefaultSeed;
        if (profile is null || (seedText is not null && !int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed)))
        {
            await output.WriteLineAsync($"usage: {Name} --scale region|small [--seed N] [--password P]");
            return 2;
        }
        var password = Option(args, "--password") ?? DefaultPassword;

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<MarketplaceDbContext>();
        if (provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            await db.Database.MigrateAsync();
        }
        await provider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(CancellationToken.None);

        await output.WriteLineAsync($"Generating the '{profile.Name}' scale with seed {seed}…");
        try
        {
            var summary = await new ScaleDataGenerator(db, provider.GetRequiredService<SubscriptionTokens>(), TimeProvider.System)
                .GenerateAsync(profile, seed, password, output, CancellationToken.None);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Done in {summary.Elapsed.TotalSeconds:F0} s: {summary.Municipalities} municipalities, {summary.Venues} venues, "
                + $"{summary.Stalls} stalls, {summary.Series} series, {summary.FairDays} fair days, {summary.Producers} producers, "
                + $"{summary.Bookings} bookings, {summary.Subscriptions} subscriptions."));
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
