using Marketplace.Domain.Producers;
using Marketplace.Domain.Regions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Seeding;

/// <summary>
/// Loads seeds/reference (regions, corridors, municipalities, product categories) and the roles.
/// Adds what is missing by code and never changes what staff may have edited since. Nodes that
/// start together on one database take turns (<see cref="TurnRecord"/>), so none adds a row
/// another is adding.
/// </summary>
public sealed class ReferenceDataSeeder(
    MarketplaceDbContext db,
    RoleManager<IdentityRole> roles,
    IOptions<SeedsOptions> options,
    TimeProvider clock,
    ILogger<ReferenceDataSeeder> logger)
{
    /// <summary>
    /// The turn of one node: a seed record written first in the seeding transaction and removed
    /// before its commit. A second node's insert of the same key waits for that commit on SQL
    /// Server (SQLite's transaction holds the file's write lock from its start anyway), then
    /// finds what the first one added. A node that dies rolls its turn back with the rest.
    /// </summary>
    public const string TurnRecord = "reference-seeding-turn";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var turn = new SeedRecord { Name = TurnRecord, LoadedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.SeedRecords.Add(turn);
        await db.SaveChangesAsync(cancellationToken);

        var added = await AddMissingAsync(cancellationToken);

        db.SeedRecords.Remove(turn);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Reference seeds checked; {Added} rows added", added);
    }

    private async Task<int> AddMissingAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var folder = Path.Combine(options.Value.ResolvePath(), "reference");
        var regions = await SeedFiles.ReadAsync<List<RegionSeed>>(Path.Combine(folder, "regions.json"), cancellationToken);
        var categories = await SeedFiles.ReadAsync<List<ProductCategorySeed>>(
            Path.Combine(folder, "product-categories.json"), cancellationToken);

        foreach (var seed in regions)
        {
            await SeedRegionAsync(seed, cancellationToken);
        }

        var knownCategories = await db.ProductCategories.ToDictionaryAsync(c => c.Code, cancellationToken);
        var order = 0;
        foreach (var seed in categories)
        {
            order++;
            var synonyms = string.Join(' ', seed.Synonyms ?? []);
            if (knownCategories.TryGetValue(seed.Code, out var known))
            {
                // Synonyms are reference data only (no page edits them): the seeds' list is the truth.
                known.Synonyms = synonyms;
                continue;
            }
            db.ProductCategories.Add(new ProductCategory
            {
                Code = seed.Code, NameEs = seed.Es, NamePtBr = seed.PtBR, NameEn = seed.En, SortOrder = order, Synonyms = synonyms,
            });
        }
        return await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedRegionAsync(RegionSeed seed, CancellationToken cancellationToken)
    {
        var region = await db.Regions.Include(r => r.Corridors).Include(r => r.Municipalities)
            .SingleOrDefaultAsync(r => r.Code == seed.Code, cancellationToken);
        if (region is null)
        {
            region = new Region
            {
                Code = seed.Code,
                Name = seed.Name,
                DefaultCulture = seed.DefaultCulture,
                PrimaryColor = seed.PrimaryColor ?? "#1b5e20",
                WelcomeText = seed.WelcomeText,
            };
            db.Regions.Add(region);
        }
        foreach (var corridor in seed.Corridors.Where(c => region.Corridors.All(x => x.Code != c.Code)))
        {
            region.Corridors.Add(new Corridor { Code = corridor.Code, Name = corridor.Name });
        }
        var knownMunicipalities = await db.Municipalities.Select(m => m.Code).ToListAsync(cancellationToken);
        foreach (var m in seed.Municipalities.Where(m => !knownMunicipalities.Contains(m.Code)))
        {
            region.Municipalities.Add(new Municipality
            {
                Code = m.Code,
                Name = m.Name,
                Corridor = region.Corridors.SingleOrDefault(c => c.Code == m.Corridor),
                TimeZoneId = m.TimeZone,
                CurrencyCode = m.Currency,
                Latitude = m.Latitude,
                Longitude = m.Longitude,
            });
        }
    }
}
