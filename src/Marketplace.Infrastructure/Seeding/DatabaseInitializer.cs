using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Seeding;

/// <summary>
/// Brings the database to a ready state before the site serves: migrations (unless disabled),
/// reference seeds, demo seeds when asked, the coming fair days, then the demo bookings.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = provider.GetRequiredService<MarketplaceDbContext>();
        var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        if (options.MigrateOnStart)
        {
            logger.LogInformation("Applying migrations ({Provider})", options.Provider);
            await db.Database.MigrateAsync(cancellationToken);
        }
        await provider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);
        await Producers.ProducerSearchNames.BackfillAsync(db, cancellationToken);
        await SqliteTuning.OptimizeAsync(db, cancellationToken);

        var demo = provider.GetRequiredService<IOptions<DemoOptions>>().Value;
        var demoSeeder = provider.GetRequiredService<DemoDataSeeder>();
        if (demo.Seed)
        {
            await demoSeeder.SeedCatalogAsync(cancellationToken);
        }
        await provider.GetRequiredService<MaterializeFairDays>().RunAsync(cancellationToken);
        if (demo.Seed)
        {
            await demoSeeder.SeedBookingsAsync(cancellationToken);
        }
        provider.GetRequiredService<Readiness>().MarkReady();
        logger.LogInformation("Database ready");
    }
}
